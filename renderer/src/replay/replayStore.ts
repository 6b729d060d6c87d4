/** What the replay view shows about itself: period, playhead, speed, loading state, timeline data. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CallType, Priority } from '#shared/domain';
import { DEFAULT_STALE_AFTER_MS } from '#shared/picture';
import type { Activity, DatasetEntry } from './api.ts';
import type { ReplayStatus } from './driver.ts';
import type { ParamProblem } from './params.ts';
import { DEFAULT_SPEED, type Speed } from './speeds.ts';

export interface Marker {
  id: string;
  number: string;
  type: CallType;
  priority: Priority;
  /** Call time. */
  opened: number;
  /** When it entered the picture on the replay clock: where the timeline places and seeks it. */
  at: number;
  closed?: number | undefined;
}

/** A problem the view explains instead of showing a picture (bad route, unknown dataset, …). */
export type Problem =
  | ParamProblem
  | { key: 'replay.unknownDataset'; value: string }
  | { key: 'replay.emptyDataset'; value: string }
  | { key: 'replay.unknownIncident'; value: string }
  | { key: 'replay.loadFailed'; value: string };

export interface ReplayState {
  problems: Problem[];
  datasets: DatasetEntry[];
  dataset: string;
  /** Why the replay was opened (audited by the server with every period read). */
  reason: string;
  from: number;
  to: number;
  t: number;
  speed: Speed;
  playing: boolean;
  status: ReplayStatus;
  /** Playing but waiting for the next page of events. */
  starved: boolean;
  error: string | null;
  markers: Marker[];
  activity: Activity | null;
  /** "Replay incident N": the incident and the units whose trails are highlighted. */
  focus: { incidentId: string; unitIds: string[]; lat: number; lon: number } | null;
  /** The server's stale threshold (`--stale-after`), from the catalogue: units judged as live. */
  staleAfterMs: number;
}

export const replayStore = createStore<ReplayState>()(() => ({
  problems: [],
  datasets: [],
  dataset: 'live',
  reason: '',
  from: 0,
  to: 0,
  t: 0,
  speed: DEFAULT_SPEED,
  playing: false,
  status: 'idle',
  starved: false,
  error: null,
  markers: [],
  activity: null,
  focus: null,
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
}));

export const useReplay = <T>(select: (s: ReplayState) => T): T => useStore(replayStore, select);

/** The loading indicator: a seek in flight, or playback waiting for data. */
export const isBuffering = (s: Pick<ReplayState, 'status' | 'starved'>): boolean =>
  s.status === 'buffering' || s.starved;
