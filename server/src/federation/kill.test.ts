/**
 * Crashes: B shares with A, both real `npm run serve` processes. A is SIGKILLed while batches flow,
 * then B; each comes back on its data dir. Afterwards A holds every incident B opened exactly once:
 * the cursor is committed with the events, so the subscription resumes after the last committed
 * batch — no gap, nothing twice.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLog } from '../store/eventLog.ts';
import { openDb } from '../store/db.ts';
import { TEST_TOKEN, TestDashboard, post, spawnServerProcess, tempDir } from '../testing/harness.ts';
import { freePort } from '../testing/pgCluster.ts';
import { prepareSharing, until } from '../testing/federation.ts';

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

async function spawn(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const started = await spawnServerProcess(['--ingest-token', TEST_TOKEN, '--quiet', ...args]);
  children.add(started.child);
  return started;
}

function kill(child: ChildProcess): Promise<void> {
  children.delete(child);
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const incidents = (from: number, n: number) =>
  Array.from({ length: n }, (_, k) => ({
    id: `e${from + k}`,
    type: 'einbruch',
    priority: 2,
    lat: 53.5 + (from + k) / 10_000,
    lon: 10,
    district: 'Nord',
  }));

/** The B incidents A's picture holds, seen as a dashboard of A sees them. */
async function countAt(url: string, total: number): Promise<void> {
  const dash = new TestDashboard(url);
  try {
    await dash.connected();
    await until(
      `${total} incidents at A`,
      () => Object.keys(dash.picture.incidents).length === total,
      60_000,
    );
  } finally {
    dash.close();
  }
}

describe('federation survives SIGKILL of either side', () => {
  it('resumes gap-free and stores nothing twice', { timeout: 240_000 }, async () => {
    const dirA = tempDir('lagebild-kill-a-');
    const dirB = tempDir('lagebild-kill-b-');
    const token = prepareSharing(dirB, { down: { districts: '*', kinds: '*' } })['down']!;
    prepareSharing(dirA, {});
    const portB = String(await freePort());
    const startB = () => spawn(['--data-dir', dirB, '--port', portB]);
    const urlB = `http://127.0.0.1:${portB}`;
    const startA = () =>
      spawn(['--data-dir', dirA, '--federate', urlB, '--federate-token', token, '--federate-name', 'b']);
    let b = await startB();
    let a = await startA();
    let sent = 0;
    const send = async (n: number) => {
      expect((await post(b.url, 'incidents', incidents(sent, n))).status).toBe(202);
      sent += n;
    };
    await send(300);
    await countAt(a.url, sent);
    // A dies while B keeps writing (and batches are on their way), then comes back.
    const sending = send(500);
    await kill(a.child);
    await sending;
    await send(200);
    a = await startA();
    await countAt(a.url, sent);
    // B dies mid-stream: A reconnects to the same address once B is back, from its cursor.
    await send(300);
    await kill(b.child);
    b = await startB();
    await send(200);
    await countAt(a.url, sent);
    await kill(a.child);
    const db = openDb(dirA, 'normal');
    try {
      const log = new EventLog(db);
      const opened = log
        .range(0, log.lastSeq)
        .flatMap((e) => (e.type === 'incident.opened' ? [e.incident.id] : []));
      expect(opened.length).toBe(sent);
      expect(new Set(opened).size).toBe(sent);
    } finally {
      db.close();
    }
  });
});
