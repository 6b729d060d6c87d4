import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { detectPlatform } from './platform/platform.ts';
import { connectLive } from './connection/liveClient.ts';
import { setPresence } from './stores/connectionStore.ts';
import { debugHook } from './debug/debugHook.ts';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
debugHook();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

detectPlatform()
  .then((platform) => connectLive(platform.serverUrl))
  .catch((e: unknown) => setPresence('error', e instanceof Error ? e.message : String(e)));
