/**
 * TETRA Location Information Protocol (ETSI TS 100 392-18-1): decodes the short location report
 * (PDU type 0) and the long location report (PDU type 1, extension 3) from the hex SDS user data
 * as a radio's PEI or a gateway reports it, beginning with the SDS protocol identifier 0x0A.
 * Longitude is 25 bits and latitude 24 bits, both two's complement (lon × 360/2²⁵, lat × 180/2²⁴);
 * every shape of the long report begins with them, so a position is read from any shape, and
 * speed/direction where the shape's length is known.
 */

export const LIP_PROTOCOL_ID = 0x0a;

export interface LipFix {
  kind: 'short' | 'long';
  lat: number;
  lon: number;
  /** km/h as sent, converted to m/s; undefined when not sent or "unknown" (127). */
  speed?: number;
  /** Degrees clockwise from north. */
  heading?: number;
  /** Short report: the upper bound of the position error class in metres. */
  accuracy?: number;
  /** Long report with "time of position": UTC day of month, hour, minute, second. */
  timeOfPosition?: { day: number; hour: number; minute: number; second: number };
}

export type LipResult = { ok: true; fix: LipFix } | { ok: false; error: string };

class Bits {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get left(): number {
    return this.bytes.length * 8 - this.pos;
  }
  take(n: number): number {
    if (n > this.left) throw new RangeError(`needs ${n} more bits at bit ${this.pos}, has ${this.left}`);
    let v = 0;
    for (let i = 0; i < n; i++, this.pos++) {
      const bit = (this.bytes[this.pos >> 3]! >> (7 - (this.pos & 7))) & 1;
      v = v * 2 + bit;
    }
    return v;
  }
  skip(n: number): void {
    this.take(n);
  }
}

const signed = (v: number, bits: number) => (v >= 2 ** (bits - 1) ? v - 2 ** bits : v);

/** Table 6.28 (position error): upper bounds in metres; 6 (> 200 km) and 7 (unknown) give none. */
const POSITION_ERROR_M = [2, 20, 200, 2_000, 20_000, 200_000];

/** Horizontal velocity (7 bits): 0-28 km/h as is, then 16 × 1.038^(v−13) km/h; 127 unknown. */
export function velocityMs(v: number): number | undefined {
  if (v === 127) return undefined;
  const kmh = v <= 28 ? v : 16 * 1.038 ** (v - 13);
  return Math.round((kmh / 3.6) * 1000) / 1000;
}

/** Bits after latitude of each long-report location shape (Table 6.40ff), where known. */
const SHAPE_REST: Record<number, number> = {
  0: 0, // no shape (then no lon/lat either)
  1: 0, // point
  2: 6, // circle: horizontal position uncertainty
  3: 6 + 6 + 7 + 3, // ellipse: half major, half minor, angle, confidence
  4: 12, // point with altitude
  5: 6 + 12, // circle with altitude
  6: 6 + 6 + 7 + 3 + 12, // ellipse with altitude
  7: 6 + 12 + 3, // circle with altitude and altitude uncertainty
  8: 6 + 6 + 7 + 3 + 12 + 3, // ellipse with altitude and altitude uncertainty
};

export function parseHex(hex: string): Uint8Array | string {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length === 0) return 'is empty';
  if (clean.length > 256) return `is too long (${clean.length} hex digits, at most 256)`;
  if (!/^[0-9a-fA-F]+$/.test(clean)) return 'must be hex digits 0-9 A-F';
  const padded = clean.length % 2 ? `${clean}0` : clean;
  return Uint8Array.from(padded.match(/../g)!.map((b) => parseInt(b, 16)));
}

export function decodeLip(hex: string): LipResult {
  const bytes = parseHex(hex);
  if (typeof bytes === 'string') return { ok: false, error: `lip ${bytes}` };
  if (bytes[0] !== LIP_PROTOCOL_ID)
    return {
      ok: false,
      error: `lip must begin with the SDS protocol identifier 0A (location information protocol), got ${hex.slice(0, 2)}`,
    };
  const bits = new Bits(bytes.subarray(1));
  try {
    const pduType = bits.take(2);
    if (pduType === 0) return { ok: true, fix: short(bits) };
    if (pduType !== 1) return { ok: false, error: `lip: PDU type ${pduType} is not a location report` };
    const extension = bits.take(4);
    if (extension !== 3)
      return { ok: false, error: `lip: PDU type extension ${extension} is not a long location report (3)` };
    return long(bits);
  } catch (e) {
    return { ok: false, error: `lip is cut short: ${(e as Error).message}` };
  }
}

function latLon(bits: Bits): { lat: number; lon: number } {
  const lon = (signed(bits.take(25), 25) * 360) / 2 ** 25;
  const lat = (signed(bits.take(24), 24) * 180) / 2 ** 24;
  return { lat, lon };
}

function short(bits: Bits): LipFix {
  bits.skip(2); // time elapsed: the gateway's time of receipt stands for it
  const { lat, lon } = latLon(bits);
  const error = bits.take(3);
  const speed = velocityMs(bits.take(7));
  const direction = bits.take(4);
  const fix: LipFix = { kind: 'short', lat, lon, heading: direction * 22.5 };
  if (speed !== undefined) fix.speed = speed;
  const accuracy = POSITION_ERROR_M[error];
  if (accuracy !== undefined) fix.accuracy = accuracy;
  return fix;
}

function long(bits: Bits): LipResult {
  const timeType = bits.take(2);
  let timeOfPosition: LipFix['timeOfPosition'];
  if (timeType === 1) bits.skip(2);
  else if (timeType === 2)
    timeOfPosition = { day: bits.take(5), hour: bits.take(5), minute: bits.take(6), second: bits.take(6) };
  else if (timeType === 3) return { ok: false, error: 'lip: time type 3 is reserved' };
  const shape = bits.take(4);
  if (shape === 0) return { ok: false, error: 'lip: long location report without a location (shape 0)' };
  const { lat, lon } = latLon(bits);
  const fix: LipFix = { kind: 'long', lat, lon, ...(timeOfPosition ? { timeOfPosition } : {}) };
  const rest = SHAPE_REST[shape];
  if (rest === undefined || bits.left < rest + 3) return { ok: true, fix };
  bits.skip(rest);
  const velocityType = bits.take(3);
  // Every velocity type but 0 begins with the horizontal velocity; type 5 (horizontal velocity
  // with direction of travel extended) follows it with 8 bits of direction (360/256°). The other
  // types' directions are not read: their layouts vary between editions of the standard.
  if (velocityType >= 1 && bits.left >= 7) {
    const speed = velocityMs(bits.take(7));
    if (speed !== undefined) fix.speed = speed;
    if (velocityType === 5 && bits.left >= 8)
      fix.heading = Math.round(((bits.take(8) * 360) / 256) * 100) / 100;
  }
  return { ok: true, fix };
}
