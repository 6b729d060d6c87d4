/**
 * What retention does to one stored event or picture: personal data out (caller, free-text
 * description, notes — the fields shared/src/redact.ts withholds from viewers without
 * 'personal.read'). Pure functions; retention.ts applies them to the rows.
 */
import { put, toIdMap } from '#shared/idMap';
import type { Incident } from '#shared/domain';
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';

/** The event without personal data; 'delete' when nothing of it is left (a note), 'same' when clean. */
export function reduceEvent(e: LageEvent): LageEvent | 'delete' | 'same' {
  switch (e.type) {
    case 'incident.opened': {
      if (e.incident.caller === undefined && e.incident.description === undefined) return 'same';
      const { caller: _c, description: _d, ...incident } = e.incident;
      return { ...e, incident };
    }
    case 'incident.updated': {
      if (e.patch.description === undefined) return 'same';
      const { description: _d, ...patch } = e.patch;
      return { ...e, patch };
    }
    case 'incident.note':
      return 'delete';
    default:
      return 'same';
  }
}

export function reduceIncident(i: Incident): Incident {
  if (i.caller === undefined && i.description === undefined && i.notes.length === 0) return i;
  const { caller: _c, description: _d, ...rest } = i;
  return { ...rest, notes: [] };
}

/**
 * The picture with personal data removed from the incidents `which` selects. Returns the same
 * object when nothing changes, so callers can skip rewriting an already clean snapshot.
 */
export function reducePicture(p: Picture, which: (i: Incident) => boolean = () => true): Picture {
  let incidents: Picture['incidents'] | undefined;
  for (const [id, inc] of Object.entries(p.incidents)) {
    if (!which(inc)) continue;
    const reduced = reduceIncident(inc);
    if (reduced === inc) continue;
    // A spread would give the copy Object.prototype again: keep the map prototype-free.
    incidents ??= toIdMap(p.incidents);
    put(incidents, id, reduced);
  }
  return incidents ? { ...p, incidents } : p;
}

export const isClosed = (i: Incident): boolean => i.state === 'abgeschlossen';
