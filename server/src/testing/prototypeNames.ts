/**
 * Issue 13: every own property name of Object.prototype and Function.prototype, the names a plain
 * `{}` or a function answers for without holding them. Tests send each as every kind of id.
 */
import { ID_PATTERN } from '#shared/schemas';

export const PROTOTYPE_NAMES: readonly string[] = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
  ]),
];

/** The names ID_PATTERN admits as unit and incident ids (the rest, `__proto__` …, start with `_`). */
export const PROTOTYPE_IDS = PROTOTYPE_NAMES.filter((n) => ID_PATTERN.test(n));
export const PROTOTYPE_NON_IDS = PROTOTYPE_NAMES.filter((n) => !ID_PATTERN.test(n));
