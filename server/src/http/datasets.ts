/**
 * The sources the replay, heatmap and incident routes read: the live log, or an imported dataset
 * (opened on first use, kept open), never mixed. Reading a dataset needs replay.read and is recorded
 * in the audit log like a replay of the period asked (replayAudit.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { ViewPolicy } from '#shared/redact';
import { DEFAULT_STALE_AFTER_MS } from '#shared/picture';
import type { Unit } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { AuditLog } from '../security/audit.ts';
import { DATASET_NAME, DatasetError } from '../replay/dataset.ts';
import { clockRange } from '../replay/clock.ts';
import { openDataset, type Dataset, type ReplaySource } from '../replay/query.ts';
import { HttpError } from './respond.ts';
import { checkSpan, optionalTimeParam, timeParam } from './params.ts';
import { anonymousAccess, type ReplayAccess, type ReplayCaller } from './replayAccess.ts';
import { ReplayViewAudit } from './replayAudit.ts';

/** The live log's times are the control room's (German) local time. */
export const LIVE_TIME_ZONE = 'Europe/Berlin';

export interface NamedSource extends ReplaySource {
  name: string;
  /** The zone its times are local to: a dataset's mapping `time.timeZone`, the control room's live. */
  timeZone: string;
  /** Units as registered (kind, district), for redacting event pages. */
  unitOf(id: string): Unit | undefined;
}

export interface DatasetsOptions {
  /** The server's audit log (replays and exports are recorded); opened on first use when not given. */
  audit?: AuditLog;
  access?: ReplayAccess;
  /** The server's `--stale-after` (ms), so the replay judges stale units as the dashboards did. */
  staleAfterMs?: number;
}

export class Datasets {
  private readonly open = new Map<string, { ds: Dataset; units?: Map<string, Unit> }>();
  private auditLog: AuditLog | undefined;
  private ownAudit = false;
  private readonly access: ReplayAccess;
  readonly staleAfterMs: number;
  private readonly views = new ReplayViewAudit((entry) => this.audit().append(entry));

  constructor(
    readonly dataDir: string,
    private readonly lage: Lage,
    private readonly db: Db,
    options: DatasetsOptions = {},
  ) {
    this.auditLog = options.audit;
    this.access = options.access ?? anonymousAccess;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /** Who asks and what they may see; throws 401/403 without the permission. */
  caller(req: IncomingMessage, permission: 'replay.read' | 'export'): ReplayCaller {
    return this.access(req, permission);
  }

  close(): void {
    for (const { ds } of this.open.values()) ds.close();
    this.open.clear();
    if (this.ownAudit) this.auditLog?.close();
  }

  /** Who replays which period and why, in the audit log (replayAudit.ts), before the data is sent. */
  recordView(actor: string, source: NamedSource, from: number, to: number, url: URL, policy: ViewPolicy) {
    const reason = url.searchParams.get('reason') ?? '';
    if (reason.length > 200) throw new HttpError(400, 'reason is longer than 200 characters');
    this.views.record({ actor, source: source.name, from, to, reason, personalData: policy.personal });
  }

  audit(): AuditLog {
    if (!this.auditLog) {
      // Appending is safe from several handles on one file (the head is read in the transaction).
      this.auditLog = new AuditLog(this.dataDir);
      this.ownAudit = true;
    }
    return this.auditLog;
  }

  liveSource(): NamedSource {
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

  /** The imported dataset behind a source, undefined for the live log (or one not opened). */
  datasetOf(source: NamedSource): Dataset | undefined {
    return this.open.get(source.name)?.ds;
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
    const at = optionalTimeParam(url, 't', source.timeZone);
    if (at !== undefined) this.recordView(actor, source, at, at, url, policy);
    else if (url.searchParams.has('from') && url.searchParams.has('to')) {
      // Bounded before the audit walks the period's hours (the route checks its own, shorter, limit).
      const from = timeParam(url, 'from', source.timeZone);
      const to = Math.max(from, timeParam(url, 'to', source.timeZone));
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

  source(name: string): NamedSource {
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
