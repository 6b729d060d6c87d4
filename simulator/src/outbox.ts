/**
 * What the scenario sends: ingest batches in the order they must reach the server. Consecutive
 * items of the same kind share one batch, so a tick normally costs one or two requests.
 */
import type { IncidentIn, PositionIn, StatusIn, UnitIn } from '#shared/schemas';

export type Message =
  | { kind: 'units'; items: UnitIn[] }
  | { kind: 'positions'; items: PositionIn[] }
  | { kind: 'status'; items: StatusIn[] }
  | { kind: 'incidents'; items: IncidentIn[] };

export type Kind = Message['kind'];
type ItemOf<K extends Kind> = Extract<Message, { kind: K }>['items'][number];

export class Outbox {
  private messages: Message[] = [];

  push<K extends Kind>(kind: K, item: ItemOf<K>): void {
    const last = this.messages[this.messages.length - 1];
    if (last?.kind === kind) (last.items as ItemOf<K>[]).push(item);
    else this.messages.push({ kind, items: [item] } as Message);
  }

  drain(): Message[] {
    const out = this.messages;
    this.messages = [];
    return out;
  }
}
