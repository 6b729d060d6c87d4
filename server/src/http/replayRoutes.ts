/**
 * Replay API: the picture at any time T and the events of a period, from the live log or from an
 * imported dataset (never mixed), and exports of a period (exportRoute.ts). Positions in event pages
 * travel as the same compact tuples as live batches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeBatch } from '#shared/wire';
import {
  FULL_VIEW,
  policyKey,
  redactEvent,
  redactIncident,
  redactPicture,
  type ViewPolicy,
} from '#shared/redact';
import { DEFAULT_STALE_AFTER_MS } from '#shared/picture';
import type { Unit } from '#shared/domain';
import { ID_PATTERN, type LageEvent } from '#shared/schemas';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { AuditLog } from '../security/audit.ts';
import { DATASET_NAME, DatasetError, listDatasets } from '../replay/dataset.ts';
import { clockRange } from '../replay/clock.ts';
import { activity, MAX_BUCKETS } from '../replay/activity.ts';
import { findIncidentInLog, incidentsOpenedIn, markerOf } from '../replay/incidents.ts';
import {
  countsPerDay,
  eventsInRange,
  openDataset,
  pictureAt,
  type Dataset,
  type ReplaySource,
} from '../replay/query.ts';
import { refuse } from '../security/routes.ts';
import { HttpError } from './respond.ts';
import { checkSpan, intParam, optionalTimeParam, timeParam, timeWindow } from './params.ts';
import { anonymousAccess, type ReplayAccess } from './replayAccess.ts';
import { sendExport } from './exportRoute.ts';
import { ReplayViewAudit } from './replayAudit.ts';
import { eventLookup } from '../store/incidentDistricts.ts';

export const MAX_PAGE = 100_000;

export interface ReplayRoutesOptions {
  /** The server's audit log (exports are recorded); opened on first use when not given. */
  audit?: AuditLog;
  access?: ReplayAccess;
  /** The server's `--stale-after` (ms), so the replay judges stale units as the dashboards did. */
  staleAfterMs?: number;
}

/** The live log's times are the control room's (German) local time. */
export const LIVE_TIME_ZONE = 'Europe/Berlin';

export interface NamedSource extends ReplaySource {
  name: string;
  /** The zone its times are local to: a dataset's mapping `time.timeZone`, the control room's live. */
  timeZone: string;
  /** Units as registered (kind, district), for redacting event pages. */
  unitOf(id: string): Unit | undefined;
}

export class ReplayRoutes {
  private readonly open = new Map<string, { ds: Dataset; units?: Map<string, Unit> }>();
  private auditLog: AuditLog | undefined;
  private ownAudit = false;
  private readonly access: ReplayAccess;
  private readonly staleAfterMs: number;
  private readonly views = new ReplayViewAudit((entry) => this.audit().append(entry));

  constructor(
    private readonly dataDir: string,
    private readonly lage: Lage,
    private readonly db: Db,
    options: ReplayRoutesOptions = {},
  ) {
    this.auditLog = options.audit;
    this.access = options.access ?? anonymousAccess;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** The JSON routes; the caller sends the result. */
  handle(route: string, url: URL, req: IncomingMessage): unknown {
    const { actor, policy } = this.access(req, 'replay.read');
    if (route === '/replay/datasets') {
      const { datasets, problems } = listDatasets(this.dataDir);
      return {
        live: clockRange(this.liveSource()),
        datasets,
        problems,
        staleAfterMs: this.staleAfterMs,
      };
    }
    const source = this.source(url.searchParams.get('dataset') ?? 'live');
    if (route === '/replay/picture') {
      const t = timeParam(url, 't');
      this.recordView(actor, source, t, t, url, policy);
      const picture = pictureAt(source, t);
      return { t, seq: picture.seq, clock: source.clock, picture: redactPicture(picture, policy) };
    }
    if (route === '/replay/events') return this.events(source, url, actor, policy);
    if (route === '/replay/incidents') {
      // Every incident called in the period, for the timeline's markers (incidents.ts).
      const { from, to } = timeWindow(url, 'replay');
      this.recordView(actor, source, from, to, url, policy);
      const incidents = incidentsOpenedIn(source, from, to).flatMap((o) => {
        const incident = redactIncident(o.incident, policy);
        return incident ? [{ incident, at: o.at }] : [];
      });
      return { from, to, clock: source.clock, incidents: incidents.map(markerOf) };
    }
    if (route === '/replay/incident') {
      // "Replay incident N" without a period: the incident by id or number and its period.
      const key = url.searchParams.get('key') ?? '';
      if (!ID_PATTERN.test(key))
        throw new HttpError(
          400,
          'key (incident id or number) must be 1-64 characters of A-Z a-z 0-9 . _ : -',
        );
      const found = findIncidentInLog(source, key);
      const incident = found && redactIncident(found.incident, policy);
      // A viewer limited to some districts learns nothing about incidents outside them.
      if (!found || !incident) throw new HttpError(404, `unknown incident "${key}"`);
      this.recordView(actor, source, found.from, found.to, url, policy);
      return { clock: source.clock, from: found.from, to: found.to, incident };
    }
    if (route === '/replay/counts') {
      // Counts of every event of the source would tell a district-limited caller about the others'
      // units and incidents; the replay view then draws its sparkline from the (filtered) markers.
      if (policy.districts) refuse(req, 'counts of a whole source are for callers without a district limit');
      // With a period: events per time bucket of it (the replay timeline's sparkline), any source.
      if (url.searchParams.has('buckets')) {
        const { from, to } = timeWindow(url, 'replay');
        const n = intParam(url, 'buckets', 100, 1, MAX_BUCKETS);
        return { from, to, clock: source.clock, buckets: activity(source, from, to, n) };
      }
      const ds = this.open.get(source.name)?.ds;
      if (!ds)
        throw new HttpError(400, 'counts per day are available for imported datasets, not the live log');
      return { days: countsPerDay(ds) };
    }
    throw new HttpError(404, `no such API route: /api/v1${route}`);
  }

  /** GET /replay/export: streams the file; see exportRoute.ts. */
  async export(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = this.access(req, 'export');
    const source = this.source(url.searchParams.get('dataset') ?? 'live');
    await sendExport({ source, caller, url, req, res, audit: () => this.audit() });
  }

  close(): void {
    for (const { ds } of this.open.values()) ds.close();
    this.open.clear();
    if (this.ownAudit) this.auditLog?.close();
  }

  /** Who replays which period and why, in the audit log (replayAudit.ts), before the data is sent. */
  private recordView(
    actor: string,
    source: NamedSource,
    from: number,
    to: number,
    url: URL,
    policy: ViewPolicy,
  ) {
    const reason = url.searchParams.get('reason') ?? '';
    if (reason.length > 200) throw new HttpError(400, 'reason is longer than 200 characters');
    this.views.record({ actor, source: source.name, from, to, reason, personalData: policy.personal });
  }

  private events(source: NamedSource, url: URL, actor: string, policy: ViewPolicy) {
    const { from, to } = timeWindow(url, 'replay');
    const limit = intParam(url, 'limit', 10_000, 1, MAX_PAGE);
    const afterSeq = intParam(url, 'afterSeq', 0, 0);
    this.recordView(actor, source, from, to, url, policy);
    const page = eventsInRange(source, from, to, { limit, afterSeq });
    let visible: LageEvent[] = page.events;
    if (policyKey(policy) !== policyKey(FULL_VIEW)) {
      visible = [];
      const lookup = eventLookup(source.db, (id) => source.unitOf(id));
      for (const e of page.events) {
        const r = redactEvent(e, policy, lookup);
        if (r) visible.push(r);
      }
    }
    const { events, positions } = encodeBatch({ from: 1, to: 0, now: 0, events: visible });
    return {
      from,
      to,
      clock: source.clock,
      events,
      positions,
      // Positions travel without their received time; for the live log (clock "received") the
      // replay clock of each run of events: [[first seq of the run, received], …].
      ...(source.clock === 'received' ? { received: receivedRuns(page.events) } : {}),
      nextAfterSeq: page.nextAfterSeq ?? null,
    };
  }

  private audit(): AuditLog {
    if (!this.auditLog) {
      // Appending is safe from several handles on one file (the head is read in the transaction).
      this.auditLog = new AuditLog(this.dataDir);
      this.ownAudit = true;
    }
    return this.auditLog;
  }

  private liveSource(): NamedSource {
    const { log, snapshots } = this.lage;
    return {
      name: 'live',
      timeZone: LIVE_TIME_ZONE,
      db: this.db,
      log,
      snapshots,
      clock: 'received',
      unitOf: (id) => this.lage.picture.units[id],
    };
  }

  /**
   * An imported dataset for the incident history and statistics routes (the replay view of that
   * dataset; undefined for the live log): needs replay.read, gives the replay's view of it, and is
   * recorded like a replay of the period asked (`t`, or `from`-`to`).
   */
  datasetFor(req: IncomingMessage, url: URL): { source: NamedSource; policy: ViewPolicy } | undefined {
    const name = url.searchParams.get('dataset');
    if (!name || name === 'live') return undefined;
    const { actor, policy } = this.access(req, 'replay.read');
    const source = this.source(name);
    const at = optionalTimeParam(url, 't');
    if (at !== undefined) this.recordView(actor, source, at, at, url, policy);
    else if (url.searchParams.has('from') && url.searchParams.has('to')) {
      // Bounded before the audit walks the period's hours (the route checks its own, shorter, limit).
      const from = timeParam(url, 'from');
      const to = Math.max(from, timeParam(url, 'to'));
      checkSpan('replay', from, to);
      this.recordView(actor, source, from, to, url, policy);
    } else {
      const { first, last } = clockRange(source);
      if (first !== null && last !== null) this.recordView(actor, source, first, last, url, policy);
    }
    return { source, policy };
  }

  /**
   * The store a heatmap of `dataset` reads: the live log's, or an imported dataset's (its incident
   * index), for the replay view of that dataset, with the zone its wall-clock times are read in
   * (the dataset's, the control room's live). Reading a dataset needs replay.read.
   */
  heatmapSource(req: IncomingMessage, dataset: string | null): { db: Db; timeZone: string } {
    if (!dataset || dataset === 'live') return { db: this.db, timeZone: LIVE_TIME_ZONE };
    this.access(req, 'replay.read');
    const { db, timeZone } = this.source(dataset);
    return { db, timeZone };
  }

  private source(name: string): NamedSource {
    if (name === 'live') return this.liveSource();
    if (!DATASET_NAME.test(name))
      throw new HttpError(
        400,
        `dataset must be "live" or a dataset name (A-Z a-z 0-9 . _ -), not "${name.slice(0, 80)}"`,
      );
    let entry = this.open.get(name);
    if (!entry) {
      try {
        entry = { ds: openDataset(this.dataDir, name) };
      } catch (err) {
        if (err instanceof DatasetError)
          throw new HttpError(404, err.message.replace(this.dataDir, 'the data dir'));
        throw err;
      }
      this.open.set(name, entry);
    }
    const e = entry;
    return {
      name,
      timeZone: e.ds.info.timeZone,
      db: e.ds.db,
      log: e.ds.log,
      snapshots: e.ds.snapshots,
      clock: e.ds.clock,
      unitOf: (id) => (e.units ??= registeredUnits(e.ds.db)).get(id),
    };
  }
}

function receivedRuns(events: readonly LageEvent[]): [number, number][] {
  const runs: [number, number][] = [];
  let last: number | undefined;
  for (const e of events) {
    if (e.received !== last) runs.push([e.seq, e.received]);
    last = e.received;
  }
  return runs;
}

/** The last registration of every unit in a dataset (its kind and district decide redaction). */
function registeredUnits(db: Db): Map<string, Unit> {
  const units = new Map<string, Unit>();
  const rows = db.prepare("SELECT data FROM events WHERE type = 'unit.registered' ORDER BY seq").raw();
  for (const [data] of rows.iterate() as Iterable<[string]>) {
    const e = JSON.parse(data) as Extract<LageEvent, { type: 'unit.registered' }>;
    units.set(e.unit.id, { ...e.unit, status: e.unit.status ?? 2, statusSince: e.time });
  }
  return units;
}
