import { describe, expect, it } from 'vitest';
import { sendCommand } from './commands.ts';

// The round trip to the server is exercised end to end in e2e/panels.spec.ts; here only what is
// decided before anything is sent.
describe('sendCommand before sending', () => {
  it('refuses a command the shared schema rejects, saying why', async () => {
    const r = await sendCommand({ cmd: 'note', incidentId: 'i1', text: '   ' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(!r.ok && r.error).toMatch(/text: must not be empty/);
  });

  it('says "offline" when there is no live connection instead of queueing the command', async () => {
    expect(await sendCommand({ cmd: 'acknowledge', unitId: 'u1' })).toEqual({
      ok: false,
      code: 'offline',
      error: 'not connected',
    });
  });
});
