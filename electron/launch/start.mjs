#!/usr/bin/env node
// `npm start` (after `npm run build`): the Electron app where an Electron binary can run, otherwise
// the browser mode: the built Lage server with the simulator on a free loopback port, and the URL
// to open. Runs until Ctrl-C and stops the server cleanly.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron, userDataDir } from './electron-binary.mjs';
import { parseServerUrl } from './server-url.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const STOP_GRACE_MS = 5000;

function runElectron(binary) {
  console.log(`Lagebild: starting the desktop app (${binary})`);
  // LAGEBILD_NODE: main runs the embedded server with this Node, whose ABI better-sqlite3 was built
  // for by `npm install` (electron/main/runtime.ts); packaged apps use a rebuilt module instead.
  const child = spawn(binary, [repoRoot], {
    stdio: 'inherit',
    cwd: repoRoot,
    env: { ...process.env, LAGEBILD_NODE: process.execPath },
  });
  // Ctrl-C reaches Electron through the terminal too; it quits and stops its server itself.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serverCommand() {
  const built = join(repoRoot, 'dist', 'server', 'main.js');
  if (existsSync(built)) return [process.execPath, [built]];
  // Not built (e.g. start.mjs run directly): run the sources through tsx.
  return [process.execPath, ['--import', 'tsx', join(repoRoot, 'server', 'src', 'cli.ts')]];
}

function runBrowserMode() {
  const dataDir = join(userDataDir(), 'data');
  mkdirSync(dataDir, { recursive: true });
  const [command, args] = serverCommand();
  const server = spawn(command, [...args, '--port', '0', '--data-dir', dataDir, '--simulate'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announced = false;
  let seen = '';
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (announced) return;
    seen = (seen + String(chunk)).slice(-4096);
    const url = parseServerUrl(seen);
    if (!url) return;
    // The server prints a one-time sign-in link for its local user right after its URL.
    const link = /Sign in[^:]*: (https?:\/\/\S+\/auth\/once\?code=\S+)/.exec(seen)?.[1];
    if (!link && !/\n.*\n/.test(seen.slice(seen.indexOf(url)))) return;
    announced = true;
    console.log(
      link
        ? `\nLagebild: open ${link} in a browser to sign in (once; data: ${dataDir}). Ctrl-C stops the server.\n`
        : `\nLagebild: open ${url}/ in a browser and sign in (data: ${dataDir}). Ctrl-C stops the server.\n`,
    );
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    server.kill(signal);
    setTimeout(() => {
      console.error(`Lagebild: the server did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
      server.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  server.on('error', (error) => {
    console.error(`Lagebild: could not start the server: ${error.message}`);
    process.exit(1);
  });
  server.on('exit', (code, signal) => {
    if (stopping) {
      console.log('Lagebild: server stopped.');
      process.exit(0);
    }
    console.error(`Lagebild: the server exited unexpectedly (${signal ?? `code ${code}`}).`);
    process.exit(code || 1);
  });
}

const remote = process.env.LAGEBILD_SERVER_URL;
const electron = findElectron({ repoRoot });
if (electron.path) {
  runElectron(electron.path);
} else if (remote) {
  console.log(`Lagebild: no Electron binary available (${electron.reason}); open ${remote} in a browser.`);
} else {
  console.log(`Lagebild: no Electron binary available (${electron.reason}); starting browser mode instead.`);
  runBrowserMode();
}
