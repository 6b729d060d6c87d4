/**
 * The network side: HTTP POSTs to the server's ingest API, strictly in order. A batch that fails
 * for a transient reason (server down, 5xx, 429) is retried with backoff and nothing behind it
 * overtakes it; a batch the server rejects as invalid (400) is logged and dropped.
 */
import type { Kind, Message } from './outbox.ts';

const MAX_ITEMS_PER_POST = 500;
/** Beyond this many queued items (a long outage), the oldest positions are dropped; nothing else is. */
const MAX_QUEUED_ITEMS = 100_000;
const MAX_BACKOFF_MS = 5000;

export type PostResult =
  | { kind: 'ok'; accepted: number }
  | { kind: 'retry'; reason: string }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'fatal'; error: string };

export async function post(
  base: string,
  token: string,
  kind: Kind,
  items: unknown[],
  cancel?: AbortSignal,
): Promise<PostResult> {
  let res: Response;
  const timeout = AbortSignal.timeout(15_000);
  try {
    res = await fetch(`${base}/api/v1/ingest/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(items),
      signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout,
    });
  } catch (e) {
    return { kind: 'retry', reason: (e as Error).message };
  }
  const text = await res.text().catch(() => '');
  if (res.ok) {
    const accepted = (safeJson(text) as { accepted?: unknown } | undefined)?.accepted;
    return { kind: 'ok', accepted: typeof accepted === 'number' ? accepted : items.length };
  }
  if (res.status === 401 || res.status === 403) {
    return {
      kind: 'fatal',
      error: `the server refused the ingest token (HTTP ${res.status}); check --token`,
    };
  }
  if (res.status === 429 || res.status >= 500) return { kind: 'retry', reason: `HTTP ${res.status}` };
  return { kind: 'rejected', status: res.status, error: text.slice(0, 300) };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * GET as JSON; undefined when the server is not (yet) reachable or answers with an error. With the
 * ingest token a gateway may read the snapshot (as a wall sees it) to resync.
 */
export async function getJson(base: string, path: string, token?: string): Promise<unknown> {
  try {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000), headers });
    return res.ok ? safeJson(await res.text()) : undefined;
  } catch {
    return undefined;
  }
}

export interface QueueStats {
  sentItems: number;
  sentPosts: number;
  rejectedPosts: number;
  droppedPositions: number;
}

export class SendQueue {
  private queue: Message[] = [];
  private queued = 0;
  /** Ends the current wait: new messages end an idle wait, stop() ends any wait. */
  private wake: (() => void) | undefined;
  private idle = false;
  private stopped = false;
  private readonly cancel = new AbortController();
  readonly stats: QueueStats = { sentItems: 0, sentPosts: 0, rejectedPosts: 0, droppedPositions: 0 };

  /** The nodes to send to (one, or several of one cluster) and the one in use. */
  private readonly bases: readonly string[];
  private at = 0;

  constructor(
    base: string,
    private readonly token: string,
    private readonly log: (line: string) => void,
    private readonly onRejected: (kind: Kind, error: string) => void,
  ) {
    this.bases = base.split(',');
  }

  /** The server in use now: the next one is tried when it cannot be reached. */
  get base(): string {
    return this.bases[this.at]!;
  }

  get size(): number {
    return this.queued;
  }

  enqueue(messages: readonly Message[], front = false): void {
    if (front) this.queue.unshift(...messages);
    else this.queue.push(...messages);
    for (const m of messages) this.queued += m.items.length;
    while (this.queued > MAX_QUEUED_ITEMS) {
      const i = this.queue.findIndex((m) => m.kind === 'positions');
      if (i < 0) break;
      const [dropped] = this.queue.splice(i, 1);
      this.queued -= dropped!.items.length;
      this.stats.droppedPositions += dropped!.items.length;
    }
    if (this.idle) this.wake?.();
  }

  /** Sends until stopped; rejects only on a fatal error (wrong token). */
  async run(): Promise<void> {
    let backoff = 250;
    while (!this.stopped) {
      const next = this.take();
      if (!next) {
        this.idle = true;
        await this.sleep(60_000);
        this.idle = false;
        continue;
      }
      const result = await post(this.base, this.token, next.kind, next.items, this.cancel.signal);
      if (result.kind === 'retry') {
        if (this.stopped) break;
        this.queue.unshift(next);
        this.queued += next.items.length;
        // Several nodes: the next one at once; a pause only once every one was tried.
        const from = this.base;
        this.at = (this.at + 1) % this.bases.length;
        if (this.at !== 0) {
          this.log(`[sim] ${from} not reachable (${result.reason}); trying ${this.base}`);
          continue;
        }
        this.log(`[sim] server not reachable (${result.reason}); retrying in ${backoff} ms`);
        await this.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        continue;
      }
      backoff = 250;
      if (result.kind === 'fatal') throw new Error(result.error);
      if (result.kind === 'rejected') {
        this.stats.rejectedPosts++;
        this.log(
          `[sim] server rejected ${next.items.length} ${next.kind} (HTTP ${result.status}): ${result.error}`,
        );
        this.onRejected(next.kind, result.error);
      } else {
        this.stats.sentPosts++;
        this.stats.sentItems += next.items.length;
      }
    }
  }

  /** Sends what is queued, for at most `ms`; then stops the loop. */
  async drain(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.queued > 0 && Date.now() < deadline && !this.stopped) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    this.cancel.abort();
    this.wake?.();
  }

  /** Waits `ms`, or less when woken by new messages or stop(). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Takes the head batch, merged with following batches of the same kind (order is kept). */
  private take(): Message | undefined {
    const head = this.queue.shift();
    if (!head) return undefined;
    if (head.items.length > MAX_ITEMS_PER_POST) {
      const rest = { kind: head.kind, items: head.items.slice(MAX_ITEMS_PER_POST) } as Message;
      this.queue.unshift(rest);
      this.queued -= MAX_ITEMS_PER_POST;
      return { kind: head.kind, items: head.items.slice(0, MAX_ITEMS_PER_POST) } as Message;
    }
    const items: unknown[] = [...head.items];
    while (
      this.queue[0]?.kind === head.kind &&
      items.length + this.queue[0].items.length <= MAX_ITEMS_PER_POST
    ) {
      items.push(...this.queue.shift()!.items);
    }
    this.queued -= items.length;
    return { kind: head.kind, items } as Message;
  }
}
