/**
 * In-page probes for the interactions bench, injected as a script through the DevTools protocol
 * (CDP evaluation is not subject to the page's content security policy, and a plain string keeps the
 * bundler's helpers out of the page). Times are taken in the page: from the operator's input event
 * (captured on the document before the app sees it) to the first animation frame after the DOM
 * shows the result, so Playwright's round trips do not count. Times are epoch ms (Date.now()), so a
 * start in one dashboard and a result in another compare on the machine's one clock.
 */
export const PROBES = `(() => {
  const q = (s) => document.querySelector(s);
  const checks = {
    searchHit: (text) =>
      Array.from(document.querySelectorAll('[data-testid="search-hit"]')).some((e) => e.textContent.includes(text)),
    incidentOpen: (number) => {
      const d = q('[data-testid="incident-details"]');
      return !!d && d.textContent.includes(number);
    },
    assigned: (callsign) => {
      const d = q('[data-testid="incident-details"]');
      return !!d && !q('[data-testid="assign-dialog"]') && d.textContent.includes(callsign);
    },
    requestGone: (unitId) => !q('[data-testid="request-row"][data-unit-id="' + unitId + '"]'),
  };
  window.__ix = {
    long: [],
    observeLongTasks() {
      this.long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) this.long.push(e.duration);
      }).observe({ type: 'longtask' });
    },
    drops: 0,
    observeConnection() {
      const el = q('[data-testid="connection-indicator"]');
      let live = el && el.getAttribute('data-state') === 'live';
      new MutationObserver(() => {
        const now = el.getAttribute('data-state') === 'live';
        if (live && !now) this.drops++;
        live = now;
      }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
    },
    startOn(eventType) {
      this.start = undefined;
      document.addEventListener(eventType, () => { if (this.start === undefined) this.start = Date.now(); }, { capture: true, once: true });
    },
    watch(check, arg) {
      this.seen = undefined;
      const done = () => {
        obs.disconnect();
        requestAnimationFrame(() => { this.seen = Date.now(); });
      };
      const obs = new MutationObserver(() => { if (checks[check](arg)) done(); });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
  };
})()`;

/** What PROBES puts on window. */
export interface Probes {
  __ix: {
    long: number[];
    /** Times the connection indicator left "live". */
    drops: number;
    observeConnection(): void;
    start?: number;
    seen?: number;
    observeLongTasks(): void;
    startOn(eventType: string): void;
    watch(check: 'searchHit' | 'incidentOpen' | 'assigned' | 'requestGone', arg: string): void;
  };
}
