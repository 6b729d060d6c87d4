/**
 * The life cycle every PostgreSQL test file shares, in one place: one throw-away cluster per file
 * (pgCluster.ts), skipped with a printed reason where PostgreSQL cannot run, and after each test
 * every dashboard closed, every node stopped (in-process) or SIGKILLed (process) and the database
 * emptied, so each test starts on an empty schema and no test leaks a node into the next.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { spawnClusterNode, startTestServer, tempDir, TestDashboard } from './harness.ts';
import { pgEvents, pgMissing, resetDatabase, startPgCluster, type PgCluster } from './pgCluster.ts';

export interface PgTestCluster {
  /** Why this file's tests are skipped (already printed), or undefined: use with describe.skipIf. */
  readonly missing: string | undefined;
  /** The running cluster (only inside tests that are not skipped). */
  readonly cluster: PgCluster;
  /** Connection URL of the test database. */
  readonly url: string;
  /** An in-process node on the cluster; stopped after the test. */
  node(dataDir?: string, overrides?: Partial<ServerConfig>): Promise<LageServer>;
  /** n in-process nodes started one after the other (each its own new data dir). */
  nodes(n: number): Promise<LageServer[]>;
  /** In-process nodes on these data dirs, started at the same time (as operations would). */
  nodesTogether(dataDirs: readonly string[]): Promise<LageServer[]>;
  /** A node process (`npm run serve`); SIGKILLed after the test if still running. */
  spawnNode(dataDir?: string): Promise<{ child: ChildProcess; url: string; dataDir: string }>;
  /** Closes this dashboard (or socket-like thing) after the test. */
  track<T extends { close(): void }>(d: T): T;
  dashboard(url: string, opts?: ConstructorParameters<typeof TestDashboard>[1]): TestDashboard;
  /** The whole shared log as PostgreSQL holds it, in seq order. */
  events(): Promise<LageEvent[]>;
}

/**
 * Registers the hooks of this file (call once, at the top level) and returns its helpers.
 * `what` names the tests in the skip message; `alsoMissing`: another reason to skip (a tool the
 * tests need besides PostgreSQL); `reset: false` keeps the database between tests.
 */
export function withPgCluster(
  what: string,
  opts: { reset?: boolean; alsoMissing?: string | undefined } = {},
): PgTestCluster {
  const missing = pgMissing() ?? opts.alsoMissing;
  if (missing) console.log(`${what} skipped: ${missing}`);
  let cluster: PgCluster | undefined;
  const servers: LageServer[] = [];
  const children: ChildProcess[] = [];
  const closables: { close(): void }[] = [];

  beforeAll(async () => {
    if (!missing) cluster = await startPgCluster();
  }, 180_000);
  afterAll(() => cluster?.destroy());
  afterEach(async () => {
    for (const d of closables.splice(0)) d.close();
    for (const s of servers.splice(0)) await s.close();
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    if (cluster && opts.reset !== false) await resetDatabase(cluster.url);
  });

  const running = (): PgCluster => {
    if (!cluster) throw new Error(`no PostgreSQL cluster: ${missing ?? 'not started yet'}`);
    return cluster;
  };
  const node = async (dataDir = tempDir(), overrides: Partial<ServerConfig> = {}) => {
    const server = await startTestServer({ database: running().url, ...overrides }, dataDir);
    servers.push(server);
    return server;
  };
  const track = <T extends { close(): void }>(d: T): T => {
    closables.push(d);
    return d;
  };
  return {
    missing,
    get cluster() {
      return running();
    },
    get url() {
      return running().url;
    },
    node,
    async nodes(n) {
      const started: LageServer[] = [];
      for (let i = 0; i < n; i++) started.push(await node());
      return started;
    },
    nodesTogether: (dataDirs) => Promise.all(dataDirs.map((dir) => node(dir))),
    async spawnNode(dataDir = tempDir()) {
      const spawned = await spawnClusterNode(running().url, dataDir);
      children.push(spawned.child);
      return spawned;
    },
    track,
    dashboard: (url, dashboardOpts) => track(new TestDashboard(url, dashboardOpts)),
    events: () => pgEvents(running().url),
  };
}
