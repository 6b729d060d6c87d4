import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { WallApp } from './wall/WallApp.tsx';
import { isWallMode } from './wall/layouts.ts';
import { detectPlatform } from './platform/platform.ts';
import { connectLive } from './connection/liveClient.ts';
import { setPresence } from './stores/connectionStore.ts';
import { debugHook } from './debug/debugHook.ts';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
debugHook();
// `?mode=wall`: a read-only wall display; the server redacts what it sends to a wall view.
const wall = isWallMode(location.search);
createRoot(root).render(<StrictMode>{wall ? <WallApp search={location.search} /> : <App />}</StrictMode>);

detectPlatform()
  .then((platform) => connectLive(platform.serverUrl, wall ? { view: 'wall' } : {}))
  .catch((e: unknown) => setPresence('error', e instanceof Error ? e.message : String(e)));
