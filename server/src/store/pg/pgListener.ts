/**
 * A LISTEN connection of its own (pooled connections cannot keep a LISTEN). Reconnected on demand:
 * `ensure()` is called from the poll that stands in for lost notifications, so a connection lost
 * while PostgreSQL restarts comes back by itself.
 */
import pg from 'pg';
import { clientConfig } from './pgLog.ts';

export class PgListener {
  private client: pg.Client | undefined;
  private connecting = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Connects and listens unless connected, connecting or closed. */
  ensure(): void {
    if (!this.client && !this.connecting && !this.closed) void this.connect();
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const client = new pg.Client(clientConfig(this.url));
    const drop = (err: unknown) => {
      if (this.client === client) this.client = undefined;
      this.onError(err);
      void client.end().catch(() => {});
    };
    client.on('error', drop);
    client.on('notification', (n) => this.onNotify(n.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) await client.end();
      else this.client = client;
    } catch (err) {
      drop(err);
    } finally {
      this.connecting = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
    this.client = undefined;
  }
}
