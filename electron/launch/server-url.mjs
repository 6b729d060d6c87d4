// The URL the Lage server prints on start-up (`... http://127.0.0.1:PORT ...`). The Electron main
// process has its own typed copy (electron/main/server-url.ts); this one runs in plain Node 20.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The `http://127.0.0.1:PORT` origin in a chunk of server output, or null. */
export function parseServerUrl(output) {
  const match = /\bhttp:\/\/127\.0\.0\.1:(\d{1,5})\b/.exec(output.replace(ANSI, ''));
  const port = Number(match?.[1]);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? `http://127.0.0.1:${port}` : null;
}
