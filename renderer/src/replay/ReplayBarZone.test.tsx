// @vitest-environment happy-dom
/**
 * Issue 16 in the replay's period bar: a US West Coast dataset (the Seattle 911 calls, zone
 * America/Los_Angeles as its mapping says) shows and reads its period in Seattle local time with the
 * zone named, switches to the workstation's zone, takes dates in the UI language's order (never the
 * US month-first order) and asks for exports in the zone shown. The call of 9 November 2011,
 * 10:04:00 PM UTC ("11/09/2011 10:04:00 PM +0000" in the file) is 14:04 PST.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayController } from './controller.ts';
import type { ReplayParams } from './params.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { replayStore } from './replayStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { timeZoneStore, workstationZone } from '../stores/timeZoneStore.ts';
import { i18nFor } from '../i18n/i18n.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CALL = Date.UTC(2011, 10, 9, 22, 4);
const HOUR = 3_600_000;

/** Records what the bar asks the controller to open (the bar's only call). */
class RecordingController {
  opened: ReplayParams[] = [];
  open = (p: ReplayParams) => {
    this.opened.push(p);
    return Promise.resolve();
  };
}

let host: HTMLDivElement;
let root: Root;
let controller: RecordingController;

const $ = <T extends Element>(id: string) => host.querySelector<T>(`[data-testid="${id}"]`) as T;

function type(input: HTMLInputElement, text: string) {
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  set?.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function render() {
  await act(async () =>
    root.render(<ReplayBar controller={controller as unknown as ReplayController} serverUrl="" />),
  );
}

beforeEach(() => {
  settingsStore.getState().setLanguage('de');
  timeZoneStore.setState({ dataZone: 'America/Los_Angeles', useWorkstation: false });
  replayStore.setState({
    ...replayStore.getInitialState(),
    datasets: [
      { name: 'live', first: null, last: null, events: 0 },
      { name: 'seattle', timeZone: 'America/Los_Angeles', first: CALL - HOUR, last: CALL + HOUR, events: 2 },
    ],
    dataset: 'seattle',
    from: CALL,
    to: CALL + HOUR,
  });
  controller = new RecordingController();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  timeZoneStore.setState({ dataZone: 'Europe/Berlin', useWorkstation: false });
});

describe('the replay period of a Seattle dataset', () => {
  it('shows Seattle local time with the zone named, day first in German', async () => {
    await render();
    expect($<HTMLInputElement>('replay-from').value).toBe('09.11.2011 14:04');
    expect($<HTMLInputElement>('replay-to').value).toBe('09.11.2011 15:04');
    expect($('replay-zone').textContent).toBe('Zeitzone: America/Los_Angeles (GMT-8)');
    // Every time the UI formats follows: the timeline, charts and lists use the same i18n.
    expect(i18nFor('de').time(CALL)).toBe('14:04:00');
    expect(i18nFor('de').dateTime(CALL)).toBe('09.11.2011, 14:04:00');
  });

  it('reads a typed period in the zone shown and refuses the US order with a hint', async () => {
    await render();
    const from = $<HTMLInputElement>('replay-from');
    await act(async () => type(from, '09.11.2011 13:30'));
    await act(async () => $<HTMLFormElement>('replay-period').requestSubmit());
    expect(controller.opened.at(-1)).toMatchObject({
      dataset: 'seattle',
      from: Date.UTC(2011, 10, 9, 21, 30),
    });
    await act(async () => type(from, '11/09/2011 1:30 PM'));
    expect($('replay-bad-period').textContent).toBe('Datum und Uhrzeit als TT.MM.JJJJ HH:MM');
    expect($<HTMLButtonElement>('replay-load').disabled).toBe(true);
  });

  it('writes day/month/year in English, never month first', async () => {
    settingsStore.getState().setLanguage('en');
    await render();
    expect($<HTMLInputElement>('replay-from').value).toBe('09/11/2011 14:04');
    expect($('replay-zone').textContent).toBe('Time zone: America/Los_Angeles (GMT-8)');
  });

  it("switches to the workstation's zone and back; exports ask for the zone shown", async () => {
    await render();
    expect($<HTMLAnchorElement>('replay-export-csv').getAttribute('href')).toContain(
      'timeZone=America%2FLos_Angeles',
    );
    await act(async () => $<HTMLInputElement>('zone-switch').click());
    const here = workstationZone();
    const expected = new Intl.DateTimeFormat('de-DE', {
      timeZone: here,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(CALL)
      .replace(',', '');
    expect($<HTMLInputElement>('replay-from').value).toBe(expected);
    expect($('replay-zone').getAttribute('data-zone')).toBe(here);
    expect($<HTMLAnchorElement>('replay-export-csv').getAttribute('href')).toContain(
      `timeZone=${encodeURIComponent(here)}`,
    );
    await act(async () => $<HTMLInputElement>('zone-switch').click());
    expect($<HTMLInputElement>('replay-from').value).toBe('09.11.2011 14:04');
  });
});
