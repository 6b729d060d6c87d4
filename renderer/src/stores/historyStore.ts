/**
 * Availability over time: the fleet's FMS categories sampled from the picture once a minute into a
 * ring buffer (a day of samples). The history starts when the dashboard opens; a longer look back
 * would come from the event log (GET /api/v1/events).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { RingBuffer } from './ringBuffer.ts';
import { fleetCounts, type FleetCounts } from '#shared/domain';
import { pictureStore } from './pictureStore.ts';
import { serverNow } from './connectionStore.ts';

export const SAMPLE_EVERY_MS = 60_000;
export const HISTORY_CAPACITY = (24 * 3_600_000) / SAMPLE_EVERY_MS;

export interface AvailabilitySample extends FleetCounts {
  time: number;
}

export interface HistoryState {
  /** Oldest first; a new array after each sample. */
  samples: readonly AvailabilitySample[];
}

const buffer = new RingBuffer<AvailabilitySample>(HISTORY_CAPACITY);
export const historyStore = createStore<HistoryState>()(() => ({ samples: [] }));

/** Takes one sample of the current picture (the timer calls it; tests call it directly). */
export function sampleAvailability(now: number = serverNow()): void {
  const { picture, loaded } = pictureStore.getState();
  if (!loaded) return;
  buffer.push({ time: now, ...fleetCounts(Object.values(picture.units)) });
  historyStore.setState({ samples: buffer.toArray() });
}

export function clearHistory(): void {
  buffer.clear();
  historyStore.setState({ samples: [] });
}

/** Samples now (as soon as a picture is loaded) and then every SAMPLE_EVERY_MS; returns a stop function. */
export function startAvailabilitySampler(): () => void {
  let first = pictureStore.getState().loaded;
  if (first) sampleAvailability();
  const unsub = first
    ? () => {}
    : pictureStore.subscribe((s) => {
        if (!first && s.loaded) {
          first = true;
          sampleAvailability();
        }
      });
  const timer = setInterval(() => sampleAvailability(), SAMPLE_EVERY_MS);
  return () => {
    unsub();
    clearInterval(timer);
  };
}

export const useHistory = <T>(select: (s: HistoryState) => T): T => useStore(historyStore, select);
