/**
 * Small call-type pictograms drawn as inline SVG (nothing fetched, no emoji fonts needed), on the
 * priority colour. The call type's name is the accessible label.
 */
import type { CallType, Priority } from '#shared/domain';
import { PRIORITY_COLORS } from '../theme/colors.ts';

type Glyph = 'car' | 'house' | 'bag' | 'fist' | 'sound' | 'person' | 'flame' | 'bell' | 'hammer' | 'dot';

const GLYPH: Record<CallType, Glyph> = {
  verkehrsunfall: 'car',
  verkehrsbehinderung: 'car',
  einbruch: 'house',
  diebstahl: 'bag',
  raub: 'bag',
  koerperverletzung: 'fist',
  streitigkeit: 'fist',
  ruhestoerung: 'sound',
  hilflose_person: 'person',
  vermisste_person: 'person',
  verdaechtige_person: 'person',
  brand: 'flame',
  alarmausloesung: 'bell',
  sachbeschaedigung: 'hammer',
  sonstiges: 'dot',
};

const PATHS: Record<Glyph, string> = {
  car: 'M3 11l1.5-4h7L13 11v3h-2v-1.5H5V14H3z M5 9.5h6',
  house: 'M2.5 8L8 3l5.5 5 M4 7v6h8V7 M7 13v-3h2v3',
  bag: 'M3.5 6h9l-1 8h-7z M6 6V4.5a2 2 0 0 1 4 0V6',
  fist: 'M4 7h7a2 2 0 0 1 0 4H9v2H5l-1-2z M6 7V5 M8 7V5 M10 7V5',
  sound: 'M3 6.5h2.5L9 3.5v9L5.5 9.5H3z M11 6a3 3 0 0 1 0 4 M12.5 4.5a5 5 0 0 1 0 7',
  person: 'M8 2.8a2 2 0 1 1 0 4 2 2 0 0 1 0-4z M4 14c0-3 1.8-5 4-5s4 2 4 5',
  flame: 'M8 2c2 3 4 4.5 4 7.5a4 4 0 0 1-8 0C4 7.5 5.5 6.5 6 5c1 1.5 1.5 2 2 2.5C8.5 6 8.5 4 8 2z',
  bell: 'M4 11.5V8a4 4 0 0 1 8 0v3.5l1 1.5H3z M7 14.5h2',
  hammer: 'M3 5l3-2 3 3-2 2z M6.5 6.5L13 13',
  dot: 'M8 5a3 3 0 1 1 0 6 3 3 0 0 1 0-6z',
};

export function TypeIcon({ type, priority, label }: { type: CallType; priority: Priority; label: string }) {
  return (
    <svg
      className="type-icon"
      viewBox="0 0 16 16"
      width="22"
      height="22"
      role="img"
      aria-label={label}
      style={{ background: PRIORITY_COLORS[priority] }}
    >
      <title>{label}</title>
      <path d={PATHS[GLYPH[type]]} fill="none" stroke="#0b1118" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
