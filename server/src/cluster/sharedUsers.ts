/**
 * users.json shared by every node through PostgreSQL (the document `users` in shared_docs).
 * PostgreSQL holds the truth; each node keeps its users.json as a copy, so `npm run users` keeps
 * working on any one node's data dir: the node notices its changed file (as without --database),
 * and merges the change into the shared document under its row lock. The merge is by name: what
 * this node added, changed or removed since it last agreed with PostgreSQL is applied to what is
 * stored now, so two nodes changing different users at the same time both keep their change.
 */
import type { UserStore } from '../security/users.ts';
import type { SharedBus } from './sharedBus.ts';

export const USERS_DOC = 'users';

interface Entry {
  name: string;
}
interface Content {
  users: Entry[];
  devices: Entry[];
}

/** remote + (local − base), entry by entry (by name); the three are users.json contents as JSON. */
export function mergeUsers(base: string | undefined, local: string, remote: string | undefined): string {
  if (remote === undefined) return local;
  const b = (base ? JSON.parse(base) : { users: [], devices: [] }) as Content;
  const l = JSON.parse(local) as Content;
  const r = JSON.parse(remote) as Content;
  const merge = (bs: Entry[], ls: Entry[], rs: Entry[]): Entry[] => {
    const before = new Map(bs.map((e) => [e.name, JSON.stringify(e)]));
    const now = new Map(ls.map((e) => [e.name, e]));
    const out = new Map(rs.map((e) => [e.name, e]));
    for (const [name, e] of now) if (before.get(name) !== JSON.stringify(e)) out.set(name, e);
    for (const name of before.keys()) if (!now.has(name)) out.delete(name);
    return [...out.values()];
  };
  return JSON.stringify({
    users: merge(b.users, l.users, r.users),
    devices: merge(b.devices, l.devices, r.devices),
  });
}

export class SharedUsers {
  /** The content this node last agreed on with PostgreSQL (the merge's base). */
  private base: string | undefined;
  /** This node's users.json changed and the change is not yet in PostgreSQL. */
  private dirty = false;
  private pulling = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: SharedBus,
    private readonly users: UserStore,
    private readonly report: (message: string) => void,
  ) {}

  /**
   * Joins: takes the shared users in (or offers this node's, when PostgreSQL has none yet) and runs
   * `ensureLocal` (the embedded local user) under the document's lock, so nodes starting together
   * create one local user, not one each. Then follows changes both ways.
   */
  async join<T>(ensureLocal: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    const doc = await this.bus.updateDoc(USERS_DOC, async (stored) => {
      if (stored && stored.body !== this.users.content()) this.take(stored.body);
      result = await ensureLocal();
      return this.users.content();
    });
    this.base = doc?.body;
    this.users.onChange(() => {
      if (this.pulling) return;
      this.dirty = true;
      void this.sync();
    });
    this.bus.followDoc(USERS_DOC, doc?.version ?? 0, () => this.sync());
    this.bus.alsoPoll(async () => {
      if (this.dirty) await this.sync();
    });
    return result as T;
  }

  /** One step at a time: push this node's change (merged) or take in the stored document. */
  sync(): Promise<void> {
    this.chain = this.chain
      .then(() => this.step())
      .catch((err: unknown) => {
        this.report(`users not shared yet (retried): ${(err as Error).message}`);
      });
    return this.chain;
  }

  private async step(): Promise<void> {
    // A change to this node's file not noticed yet (`npm run users` just wrote it) is pushed, not
    // overwritten by what is stored.
    this.users.refresh();
    let doc;
    if (this.dirty) {
      this.dirty = false;
      const local = this.users.content();
      try {
        doc = await this.bus.updateDoc(USERS_DOC, (stored) => mergeUsers(this.base, local, stored?.body));
      } catch (err) {
        this.dirty = true;
        throw err;
      }
    } else doc = await this.bus.readDoc(USERS_DOC);
    if (!doc) return;
    this.base = doc.body;
    if (!this.dirty && doc.body !== this.users.content()) this.take(doc.body);
  }

  private take(body: string): void {
    this.pulling = true;
    try {
      this.users.replace(body);
    } finally {
      this.pulling = false;
    }
  }
}
