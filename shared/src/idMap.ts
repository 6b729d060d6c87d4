/**
 * Keyed collections whose keys come from outside (unit, incident, user, dataset ids, districts).
 * A plain `{}` answers `constructor`, `toString`, `valueOf` … with members of Object.prototype and
 * treats `__proto__` as its prototype, so an id with such a name reads an entity that does not
 * exist (issue 13). These maps have no prototype, and `own` reads only the map's own entries, so
 * a map that came from JSON.parse (prototype Object) is safe to read too.
 */
export type IdMap<T> = Record<string, T>;

/** An empty map without prototype: every key, `constructor` and `__proto__` included, is data. */
export function idMap<T>(): IdMap<T> {
  return Object.create(null) as IdMap<T>;
}

/** A prototype-free copy of `from` (own enumerable entries only). */
export function toIdMap<T>(from: Readonly<Record<string, T>>): IdMap<T> {
  const out = idMap<T>();
  for (const key of Object.keys(from)) put(out, key, from[key] as T);
  return out;
}

/** The entry of `map` under `key`, never an inherited member. */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Whether `map` holds an entry of its own under `key`. */
export function has(map: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(map, key);
}

/**
 * Sets `map[key]` as an own data property, even for `__proto__` on a map with a prototype (where
 * plain assignment would replace the prototype instead of storing an entry).
 */
export function put<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  } else map[key] = value;
}
