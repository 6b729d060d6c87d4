/** CAD incidents with status times and a unit column, in a German export (";" and decimal commas). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Picture } from '#shared/picture';
import { importCsv, type ImportSummary } from './importer.ts';
import { openDataset, pictureAt, type Dataset } from '../../server/src/store/public.ts';
import { CAD_MAPPING, tempDir, writeFile } from './testing/testSupport.ts';

const CSV = [
  'Einsatz;Eröffnet;Disponiert;Vor Ort;Abgeschlossen;Fahrzeug;Rufname;Breite;Länge;Art;Prio',
  'E1;26.11.2026 10:00;26.11.2026 10:02;26.11.2026 10:10;26.11.2026 10:40;W1;Dü 12/41;51,2277;6,7735;VU;1',
  'E2;26.11.2026 10:30;26.11.2026 10:35;;;W1;Dü 12/41;51,2300;6,7800;Einbruch;',
  'E3;26.11.2026 10:05;26.11.2026 10:06;26.11.2026 10:20;26.11.2026 10:50;;;51,2100;6,7600;Ruhestörung;3',
  'E4;26.11.2026 11:00;;;26.11.2026 10:00;;;51,2100;6,7600;VU;2',
].join('\n');

const MAPPING = CAD_MAPPING;

/** Local time in Berlin on 2026-11-26 (UTC+1). */
const at = (hhmm: string) => Date.parse(`2026-11-26T${hhmm}:00+01:00`);

describe('CAD incidents with units and status times', () => {
  let ds: Dataset;
  let summary: ImportSummary;
  const errors: string[] = [];
  const look = (hhmm: string) => {
    const p: Picture = pictureAt(ds, at(hhmm));
    const inc = (id: string) => p.incidents[id] && [p.incidents[id].state, p.incidents[id].units];
    const w1 = p.units.W1;
    return { E1: inc('E1'), E2: inc('E2'), E3: inc('E3'), W1: w1 && [w1.status, w1.incidentId] };
  };

  beforeAll(async () => {
    const dir = tempDir();
    summary = await importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'cad.json', MAPPING),
      csvFile: writeFile(dir, 'cad.csv', CSV),
      dataset: 'cad',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
    });
    ds = openDataset(dir, 'cad');
  });
  afterAll(() => ds?.close());

  it('imports the rows and rejects a close before the call', () => {
    expect(errors).toEqual(['line 5: Abgeschlossen is before Eröffnet']);
    expect(summary).toMatchObject({ imported: 3, skipped: 1, incidents: 3, units: 1 });
  });

  it('replays dispatch, arrival and closure of each incident with its unit', () => {
    expect(look('10:01')).toEqual({ E1: ['neu', []], E2: undefined, E3: undefined, W1: undefined });
    expect(look('10:03')).toMatchObject({ E1: ['disponiert', ['W1']], W1: [3, 'E1'] });
    expect(look('10:07')).toMatchObject({ E3: ['disponiert', []] });
    expect(look('10:10')).toMatchObject({ E1: ['in_bearbeitung', ['W1']], W1: [4, 'E1'] });
    expect(look('10:21')).toMatchObject({ E3: ['in_bearbeitung', []] });
    expect(look('10:36')).toMatchObject({
      E1: ['in_bearbeitung', ['W1']],
      E2: ['disponiert', ['W1']],
      W1: [3, 'E2'],
    });
    // W1 went on to E2 before E1 closed: closing E1 must not free it.
    expect(look('10:41')).toMatchObject({ E1: ['abgeschlossen', ['W1']], W1: [3, 'E2'] });
    expect(look('10:50')).toMatchObject({ E3: ['abgeschlossen', []] });
    // E2 has no close time: the default of 45 minutes applies; then W1 is free.
    expect(look('11:14')).toMatchObject({ E2: ['disponiert', ['W1']], W1: [3, 'E2'] });
    expect(look('11:15')).toMatchObject({ E2: ['abgeschlossen', ['W1']], W1: [1, undefined] });
  });

  it('keeps the values of the export', () => {
    const p = pictureAt(ds, at('10:40'));
    expect(p.incidents.E1).toMatchObject({
      type: 'verkehrsunfall',
      priority: 1,
      location: { lat: 51.2277, lon: 6.7735 },
      times: { opened: at('10:00'), dispatched: at('10:02'), firstOnScene: at('10:10'), closed: at('10:40') },
    });
    expect(p.incidents.E2).toMatchObject({ type: 'einbruch', priority: 2 });
    expect(p.incidents.E3).toMatchObject({ type: 'ruhestoerung', priority: 3 });
    expect(p.units.W1).toMatchObject({
      callsign: 'Dü 12/41',
      district: 'PP Düsseldorf',
      kind: 'funkstreifenwagen',
    });
  });
});
