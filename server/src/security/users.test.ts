import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { UserStore } from './users.ts';

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('korrekt-pferd-batterie');
    const b = await hashPassword('korrekt-pferd-batterie');
    expect(a).not.toBe(b);
    expect(await verifyPassword('korrekt-pferd-batterie', a)).toBe(true);
    expect(await verifyPassword('korrekt-pferd-batteriE', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    await expect(hashPassword('kurz')).rejects.toThrow(/at least 12/);
  });
});

describe('UserStore', () => {
  it('stores only hashes, with user-only permissions, and authenticates users and devices', async () => {
    const dir = tempDir();
    const store = UserStore.load(dir);
    await store.addUser('mueller', 'ein-langes-passwort', ['operator'], ['PP Köln']);
    const token = store.addDevice('fuestw-1241');
    const file = path.join(dir, 'users.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('ein-langes-passwort');
    expect(text).not.toContain(token);
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    const again = UserStore.load(dir);
    expect(await again.authenticate('mueller', 'ein-langes-passwort')).toEqual({
      name: 'mueller',
      roles: ['operator'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    expect(await again.authenticate('mueller', 'falsch-falsch-falsch')).toBeUndefined();
    expect(await again.authenticate('niemand', 'ein-langes-passwort')).toBeUndefined();
    expect(again.authenticateDevice(token)).toEqual({
      name: 'fuestw-1241',
      roles: ['ingest'],
      kind: 'device',
    });
    expect(again.authenticateDevice('not-a-token')).toBeUndefined();
  });

  it('refuses a damaged users file clearly', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'users.json'), JSON.stringify({ users: [{ name: 'x' }], devices: [] }));
    expect(() => UserStore.load(dir)).toThrow(/not a valid users file/);
  });
});

describe('UserStore.refresh (a running server follows users.json)', () => {
  it('takes in a changed file, tells what changed by name, and keeps the old users when the new file is invalid', async () => {
    const dir = tempDir();
    const server = UserStore.load(dir);
    await server.addUser('mueller', 'ein-langes-passwort', ['operator']);
    const changes: unknown[] = [];
    server.onChange((d) => changes.push(d));
    expect(server.refresh()).toBeUndefined(); // its own write is no change

    const cli = UserStore.load(dir);
    cli.setRoles('mueller', ['operator', 'analyst'], ['PP Köln']);
    const token = cli.addDevice('gw-1');
    expect(server.principal('mueller')?.roles).toEqual(['operator']);
    expect(server.refresh()).toEqual({
      users: { added: [], removed: [], changed: ['mueller'] },
      devices: { added: ['gw-1'], removed: [], changed: [] },
    });
    expect(changes).toHaveLength(1);
    expect(server.principal('mueller')).toEqual({
      name: 'mueller',
      roles: ['operator', 'analyst'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    expect(server.authenticateDevice(token)?.name).toBe('gw-1');
    expect(server.refresh()).toBeUndefined();

    const errors: unknown[] = [];
    const original = console.error;
    console.error = (m: unknown) => errors.push(m);
    try {
      fs.writeFileSync(path.join(dir, 'users.json'), '{"users": []');
      expect(server.refresh()).toBeUndefined();
      expect(server.refresh()).toBeUndefined();
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect(server.principal('mueller')).toBeDefined();
    expect(changes).toHaveLength(1);

    cli.removeUser('mueller');
    cli.removeDevice('gw-1');
    expect(server.refresh()).toEqual({
      users: { added: [], removed: ['mueller'], changed: [] },
      devices: { added: [], removed: ['gw-1'], changed: [] },
    });
    expect(server.principal('mueller')).toBeUndefined();
    expect(server.authenticateDevice(token)).toBeUndefined();
  });
});
