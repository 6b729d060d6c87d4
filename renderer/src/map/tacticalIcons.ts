/**
 * Map images of the tactical symbol set, rendered once per page into canvases and handed to
 * map.addImage: per unit kind and FMS status (the sign on a plate framed in the status colour, with
 * the status digit) and per incident type and priority (the "Anlass" triangle with a halo in the
 * priority colour, its tip at the incident's place).
 */
import { FMS_STATUSES, PRIORITIES } from '#shared/domain';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { PRIORITY_COLORS, STATUS_COLORS } from '../theme/colors.ts';
import { tacticalIncidentIconName, tacticalUnitIconName } from './symbolSet.ts';
import {
  ALL_CALL_TYPES,
  ALL_UNIT_KINDS,
  UNIT_SIGNS,
  incidentSign,
  renderSign,
  svgDataUrl,
} from './tacticalSigns.ts';
import { translate } from '../i18n/i18n.ts';
import { INCIDENT_ICON_HEIGHT } from './icons.ts';
import type { NamedIcon } from './icons.ts';

const SIGN_HEIGHT = 22;
const MAX_SIGN_WIDTH = 36;
const FRAME = 3;
const PLATE = '#f4f6f8';

async function load(svg: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = svgDataUrl(svg);
  await img.decode();
  return img;
}

function canvas(w: number, h: number, ratio: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = Math.round(w * ratio);
  c.height = Math.round(h * ratio);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available: map icons cannot be drawn');
  ctx.scale(ratio, ratio);
  return ctx;
}

function unitIcon(img: HTMLImageElement, size: [number, number], status: number, ratio: number): ImageData {
  const signW = Math.min(MAX_SIGN_WIDTH, (SIGN_HEIGHT * size[0]) / size[1]);
  const signH = (signW * size[1]) / size[0];
  const w = signW + 2 * FRAME + 2;
  const h = SIGN_HEIGHT + 2 * FRAME + 2;
  const ctx = canvas(w, h, ratio);
  const color = STATUS_COLORS[status as keyof typeof STATUS_COLORS];
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(0, 0, w, h, 4);
  ctx.fill();
  ctx.fillStyle = PLATE;
  ctx.fillRect(FRAME, FRAME, w - 2 * FRAME, h - 2 * FRAME);
  ctx.drawImage(img, FRAME + 1, FRAME + 1 + (SIGN_HEIGHT - signH) / 2, signW, signH);
  // The status digit in the lower right corner: the colour alone is not enough for every eye.
  const r = 6;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(w - r, h - r, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#0b1118';
  ctx.font = `bold ${r * 1.6}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(status), w - r, h - r + 0.5);
  return ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
}

function incidentIcon(
  img: HTMLImageElement,
  size: [number, number],
  priority: number,
  ratio: number,
): ImageData {
  const pad = 3;
  const signH = INCIDENT_ICON_HEIGHT - 2 * pad;
  const signW = (signH * size[0]) / size[1];
  const w = signW + 2 * pad;
  const ctx = canvas(w, INCIDENT_ICON_HEIGHT, ratio);
  // The halo: the triangle in the priority colour, a little larger, tip at the bottom centre.
  ctx.fillStyle = PRIORITY_COLORS[priority as keyof typeof PRIORITY_COLORS];
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(w, 0);
  ctx.lineTo(w / 2, INCIDENT_ICON_HEIGHT);
  ctx.closePath();
  ctx.fill();
  ctx.drawImage(img, pad, pad * 0.6, signW, signH);
  return ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
}

let cache: { ratio: number; icons: Promise<NamedIcon[]> } | undefined;

/** Every tactical map image; rendered once per page and pixel ratio. */
export function tacticalIcons(ratio: number): Promise<NamedIcon[]> {
  if (cache?.ratio !== ratio) cache = { ratio, icons: renderAll(ratio) };
  return cache.icons;
}

async function renderAll(ratio: number): Promise<NamedIcon[]> {
  const icons: NamedIcon[] = [];
  await Promise.all([
    ...ALL_UNIT_KINDS.map(async (kind) => {
      const sign = renderSign(UNIT_SIGNS[kind]);
      const img = await load(sign.svg);
      for (const status of FMS_STATUSES)
        icons.push({
          name: tacticalUnitIconName(kind, status),
          image: unitIcon(img, sign.size, status, ratio),
        });
    }),
    ...ALL_CALL_TYPES.map(async (type) => {
      // The code inside the sign is the German one in either language: it is the sign's text.
      const sign = renderSign(incidentSign(type, translate('de', `callTypeShort.${type}`)));
      const img = await load(sign.svg);
      for (const p of PRIORITIES)
        icons.push({
          name: tacticalIncidentIconName(type, p),
          image: incidentIcon(img, sign.size, p, ratio),
        });
    }),
  ]);
  return icons;
}

/** Adds the tactical images to the map once they are drawn; a failure is reported, arrows still work. */
export function addTacticalIcons(map: MaplibreMap, ratio: number): void {
  tacticalIcons(ratio).then(
    (icons) => {
      for (const { name, image } of icons)
        if (!map.hasImage(name)) map.addImage(name, image, { pixelRatio: ratio });
    },
    (e: unknown) => map.fire('error', { error: new Error(`tactical symbols: ${String(e)}`) }),
  );
}
