/**
 * One URL behind Debian's HAProxy (server/src/testing/haproxy.ts, configured as docs/scale-out.md
 * shows) in front of two `npm run serve` processes on one real PostgreSQL. A dashboard connected
 * through HAProxy whose node is SIGKILLed is back on the other node within 5 s and resumes from its
 * own seq: no gap, no fresh picture, every acknowledged event in the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { TestDashboard } from '../testing/harness.ts';
import { defaultToken, post, sleep, units } from '../testing/harness.ts';
import { withPgCluster } from '../testing/pgFixture.ts';
import { haproxyMissing, startHaproxy, type Haproxy } from '../testing/haproxy.ts';

const pgt = withPgCluster('HAProxy failover test', { alsoMissing: haproxyMissing() });
const { missing, spawnNode } = pgt;
let lb: Haproxy | undefined;
afterEach(() => lb?.stop());

/** A dashboard that, like the renderer's, reconnects on loss and resumes with the picture it has. */
class ResumingDashboard {
  current: TestDashboard;
  readonly errors: string[] = [];
  snapshots = 0;
  lostAt: number | undefined;
  backAfterMs: number | undefined;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {
    this.current = this.open();
  }

  private open(picture?: TestDashboard['picture']): TestDashboard {
    const d = pgt.dashboard(this.url, { token: this.token, ...(picture ? { picture } : {}) });
    d.socket.on('batch', () => {
      if (this.lostAt !== undefined && this.backAfterMs === undefined)
        this.backAfterMs = Date.now() - this.lostAt;
    });
    const retry = () => {
      this.lostAt ??= Date.now();
      this.errors.push(...d.errors);
      this.snapshots += d.snapshots;
      d.close();
      void sleep(200).then(() => (this.current = this.open(d.picture)));
    };
    d.socket.once('disconnect', retry);
    d.socket.once('connect_error', retry);
    return d;
  }
}

describe.skipIf(missing)('two nodes behind HAProxy', () => {
  it('moves a dashboard whose node is SIGKILLed to the other node within 5 s, gap-free', async () => {
    const nodes = [await spawnNode(), await spawnNode()];
    lb = await startHaproxy(nodes.map((n) => n.url));
    // A session of the first node works on both (sessions are shared) and so through HAProxy.
    const token = defaultToken(nodes[0]!.url)!;
    expect((await post(lb.url, 'units', units(20))).status).toBe(202);
    const d = new ResumingDashboard(lb.url, token);
    await d.current.connected();
    const servedBy = (await fetch(`${lb.url}/api/v1/health`)).headers.get('x-lage-node');
    const victim = nodes[Number(servedBy?.replace('node', '')) - 1]!;
    expect(victim).toBeDefined();

    // Writes keep coming through HAProxy while the dashboard's node is killed.
    let acked = 0;
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await post(lb!.url, 'positions', [
          { unitId: `u${i % 20}`, lat: 51.2, lon: 6.77 + i * 1e-5, speed: 5, heading: 0, time: Date.now() },
        ]).catch(() => undefined);
        if (r?.status === 202) acked = Math.max(acked, Number(r.json['seq']));
        else await sleep(50);
      }
    })();
    await d.current.waitForSeq(25);
    victim.child.kill('SIGKILL');
    const until = Date.now() + 15_000;
    while (d.backAfterMs === undefined && Date.now() < until) await sleep(25);
    console.log(`dashboard back on another node through HAProxy ${d.backAfterMs} ms after its node's loss`);
    expect(d.backAfterMs).toBeLessThanOrEqual(5_000);
    const before = acked;
    while (acked <= before + 5 && Date.now() < until + 15_000) await sleep(25);
    stop = true;
    await writer;
    await d.current.waitForSeq(acked, 15_000);
    // Resumed from its own seq: no gap, no second picture; the same picture as the whole log folded.
    expect([...d.errors, ...d.current.errors]).toEqual([]);
    expect(d.snapshots + d.current.snapshots).toBe(1);
    const log = await pgt.events();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const folded = applyAll(emptyPicture(), log.slice(0, d.current.picture.seq));
    expect(d.current.picture.units).toEqual(folded.units);
  });
});
