/** Playback speeds of the replay (simulated seconds per real second), slowest first. */
export const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 60;

export const isSpeed = (n: number): n is Speed => (SPEEDS as readonly number[]).includes(n);

/** The next faster (dir 1) or slower (dir -1) speed; stays at the ends. */
export function nextSpeed(current: Speed, dir: 1 | -1): Speed {
  const i = SPEEDS.indexOf(current);
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i + dir))] ?? current;
}

export const speedLabel = (s: Speed): string => `${String(s).replace('.', ',')}×`;
