/**
 * Issue 13, point 1, the other write paths: prototype names (`constructor`, `toString`, `__proto__`
 * …) as user, device and district names through the users CLI, and as dataset, incident and unit
 * ids through the CSV import. Each is refused with a clear error naming the rule or works as a
 * name like any other: a device "apply" ingests, a district-limited user of district "constructor" sees exactly that
 * district, and an imported dataset "toString" replays with its incident and unit.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Picture } from '#shared/picture';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, post, startTestServer, tempDir } from '../testing/harness.ts';
import { PROTOTYPE_IDS, PROTOTYPE_NAMES } from '../testing/prototypeNames.ts';
import { CAD_MAPPING, writeFile } from '../../../tools/import/fixtures.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { DATASET_NAME } from '../replay/dataset.ts';
import { UsageError, parseArgs, run } from './usersCli.ts';
import { nameSchema } from './users.ts';

const dataDir = tempDir();
let server: LageServer | undefined;
afterAll(async () => server?.close());

// parseArgs throws on bad input, run on a bad change: both as a rejected promise here.
const cli = async (...argv: string[]) => run(parseArgs(['--data-dir', dataDir, ...argv], {}, process.cwd()));
const USER_NAMES = PROTOTYPE_NAMES.filter((n) => nameSchema.safeParse(n).success);
const passwords = new Map<string, string>();

async function login(name: string): Promise<string> {
  const res = await fetch(`${server!.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: name, password: passwords.get(name), token: true }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  expect(res.status, `${name}: ${body.error}`).toBe(200);
  return body.token!;
}

async function getAs<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

describe('prototype names in the users CLI', () => {
  it('as user names: the valid ones are added with that name as district, the others refused by rule', async () => {
    expect(USER_NAMES).toEqual(expect.arrayContaining(['constructor', 'apply', 'caller', 'length']));
    for (const n of PROTOTYPE_NAMES) {
      const argv = ['add-user', n, '--roles', 'operator,analyst', '--districts', n, '--generate'];
      if (!USER_NAMES.includes(n)) {
        await expect(cli(...argv), n).rejects.toThrow(UsageError);
        await expect(cli(...argv), n).rejects.toThrow(/names are 2-32 characters/);
        continue;
      }
      const out = await cli(...argv);
      passwords.set(n, out.join('\n').trim().split('\n').at(-1)!);
    }
    // Districts are free text: a user of every prototype-name district, `__proto__` included.
    const out = await cli(
      'add-user',
      'bezirke',
      '--roles',
      'operator,analyst',
      '--districts',
      PROTOTYPE_NAMES.join(','),
      '--generate',
    );
    passwords.set('bezirke', out.join('\n').trim().split('\n').at(-1)!);
    // Users and devices share one namespace: a device "apply" once the user "apply" is gone.
    await expect(cli('add-device', 'apply'), 'apply').rejects.toThrow(/apply exists already as a user/);
    await cli('remove', 'apply');
    const dev = await cli('add-device', 'apply');
    passwords.set('device:apply', dev.join('\n').trim().split('\n').at(-1)!);
    // A prototype name as the command is no command.
    for (const n of PROTOTYPE_NAMES) await expect(cli(n, 'x'), n).rejects.toThrow(`unknown command "${n}"`);
    const listed = (await cli('list')).join('\n');
    for (const n of USER_NAMES) expect(listed, n).toContain(n);
  });

  it('each such user signs in and sees exactly its district; the device ingests', async () => {
    server = await startTestServer({}, dataDir);
    const units = PROTOTYPE_NAMES.map((n, i) => ({
      id: `u${i}`,
      callsign: `K ${i}`,
      kind: 'motorrad',
      district: n,
    }));
    const device = passwords.get('device:apply')!;
    expect((await post(server.url, 'units', units, device)).status).toBe(202);
    expect(
      (
        await post(
          server.url,
          'units',
          [{ id: 'x', callsign: 'X 1', kind: 'motorrad', district: 'PP Köln' }],
          TEST_TOKEN,
        )
      ).status,
    ).toBe(202);
    for (const n of USER_NAMES.filter((u) => u !== 'apply')) {
      const token = await login(n);
      const snap = await getAs<{ units: { id: string; district: string }[] }>(
        `${server.url}/api/v1/snapshot`,
        token,
      );
      expect(
        snap.units.map((u) => u.district),
        n,
      ).toEqual([n]);
    }
    const all = await getAs<{ units: { district: string }[] }>(
      `${server.url}/api/v1/snapshot`,
      await login('bezirke'),
    );
    expect(all.units.map((u) => u.district).sort()).toEqual([...PROTOTYPE_NAMES].sort());
  });
});

describe('prototype names in the CSV import', () => {
  it('as dataset, incident and unit ids: imported, listed and replayed; invalid dataset names refused', async () => {
    await server?.close();
    server = undefined;
    const header = 'Einsatz;Art;Prio;Eröffnet;Disponiert;Vor Ort;Abgeschlossen;Breite;Länge;Fahrzeug;Rufname';
    const rows = PROTOTYPE_IDS.map(
      (n, i) => `${n};VU;1;26.11.2026 08:${String(10 + i).padStart(2, '0')};;;;51,2;6,8;${n};Dü ${i}`,
    );
    const dir = tempDir();
    const csv = writeFile(dir, 'cad.csv', [header, ...rows].join('\n'));
    const mapping = writeFile(dir, 'mapping.json', CAD_MAPPING);
    const names = PROTOTYPE_NAMES.filter((n) => DATASET_NAME.test(n));
    for (const n of PROTOTYPE_NAMES) {
      const imported = importCsv({ dataDir, mappingFile: mapping, csvFile: csv, dataset: n });
      if (!names.includes(n)) await expect(imported, n).rejects.toThrow(/dataset name/);
      else expect((await imported).file, n).toBe(path.join(dataDir, 'datasets', `${n}.sqlite`));
    }
    server = await startTestServer({}, dataDir);
    const token = await login('constructor');
    const list = await getAs<{ datasets: { name: string }[] }>(`${server.url}/api/v1/replay/datasets`, token);
    expect(list.datasets.map((d) => d.name).sort()).toEqual([...names].sort());
    const t = Date.UTC(2026, 10, 26, 9);
    for (const n of names) {
      const url = `${server.url}/api/v1/replay/picture?dataset=${n}&t=${t}&reason=Test`;
      const { picture } = await getAs<{ picture: Picture }>(url, await login('bezirke'));
      // PP Düsseldorf is none of bezirke's districts: incidents without district stay visible.
      expect(Object.keys(picture.incidents).sort(), n).toEqual([...PROTOTYPE_IDS].sort());
      for (const id of PROTOTYPE_IDS) expect(picture.incidents[id]?.id, `${n}/${id}`).toBe(id);
    }
  });
});
