/** Helpers for the replay tests: temporary data dirs, small CSV and mapping files, the real CLI. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const SEATTLE_CSV = path.resolve('../shared/data/incidents/seattle_fire_911_mva_2010-2015.csv');
export const LIVERPOOL_CSV = path.resolve('../shared/data/traces/liverpool_bus_route14_outbound.csv');
export const SEATTLE_MAPPING = path.resolve('server/mappings/seattle-fire-911.json');
export const LIVERPOOL_MAPPING = path.resolve('server/mappings/liverpool-bus-avl.json');

/** A German CAD export (";", decimal commas, status times, a unit column), as a mapping for `npm run import`. */
export const CAD_MAPPING = {
  version: 1,
  rows: 'incidents',
  csv: { delimiter: ';', decimalComma: true },
  time: { column: 'Eröffnet', formats: ['DD.MM.YYYY HH:mm'], timeZone: 'Europe/Berlin' },
  location: { lat: 'Breite', lon: 'Länge' },
  incident: {
    id: '{Einsatz}',
    type: { column: 'Art', map: { VU: 'verkehrsunfall', Einbruch: 'einbruch', 'Ruhest*': 'ruhestoerung' } },
    priority: { column: 'Prio', default: 2 },
    dispatched: 'Disponiert',
    onScene: 'Vor Ort',
    closed: 'Abgeschlossen',
    defaultDurationMinutes: 45,
  },
  unit: { id: '{Fahrzeug}', callsign: '{Rufname}', district: 'PP Düsseldorf' },
};

const made: string[] = [];
// Registered on the root suite of each test file that imports this module (files run isolated).
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed after the test file. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-replay-'));
  made.push(dir);
  return dir;
}

export function writeFile(dir: string, name: string, content: string | object): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run import` the way npm does (tsx), without npm's own output. */
export function runImportCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/import/cli.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
