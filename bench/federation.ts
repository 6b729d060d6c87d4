/**
 * Federation bench (issue 18, point 5): events/s a server takes in from a peer and commits. Both are
 * real server processes on loopback; the sharing one is fed unit status changes (never coalesced,
 * unlike positions) in batches of 1,000, 4 requests in flight, while the receiving one subscribes
 * with a federation device; the figure is what the receiver committed divided by the time until it
 * had everything.
 */
import { prepareSharing } from '../server/src/public.ts';
import { benchUnits, postJson, startServerProcess } from './lib/serverProcess.ts';

const seqOf = async (url: string) =>
  ((await (await fetch(`${url}/api/v1/health`)).json()) as { seq: number }).seq;

export async function federationThroughput(seconds: number): Promise<number> {
  const sharing = await startServerProcess();
  // users.json and the settings file are read again while the server runs (within a second).
  const token = prepareSharing(sharing.dataDir, { bench: { districts: '*', kinds: '*' } })['bench']!;
  await postJson(`${sharing.url}/api/v1/ingest/units`, benchUnits(1_000));
  const receiving = await startServerProcess([
    '--federate',
    sharing.url,
    '--federate-token',
    token,
    '--federate-name',
    'peer',
  ]);
  try {
    // Subscribed once the peer's 1,000 units are in (the device may take a second to be known).
    while ((await seqOf(receiving.url)) < 1_000) await new Promise((r) => setTimeout(r, 100));
    const start = await seqOf(receiving.url);
    const t0 = performance.now();
    let round = 0;
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000) {
        const status = 3 + (round++ % 2) * 3;
        await postJson(
          `${sharing.url}/api/v1/ingest/status`,
          Array.from({ length: 1_000 }, (_, i) => ({ unitId: `b${i}`, status })),
        );
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const target = start + round * 1_000;
    while ((await seqOf(receiving.url)) < target) await new Promise((r) => setTimeout(r, 20));
    return (target - start) / ((performance.now() - t0) / 1000);
  } finally {
    await receiving.stop();
    await sharing.stop();
  }
}
