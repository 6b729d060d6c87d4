/** The replay's keyboard (keys.ts) on the window; typing in the period fields is left alone. */
import { useEffect } from 'react';
import { isTypingTarget } from '../components/shortcuts.ts';
import type { ReplayController } from './controller.ts';
import { replayKeyAction } from './keys.ts';

export function useReplayKeys(controller: ReplayController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const action = replayKeyAction(e);
      if (!action) return;
      // Space on a focused button would click it as well; arrows would scroll.
      e.preventDefault();
      switch (action.kind) {
        case 'toggle':
          return controller.toggle();
        case 'step':
          return controller.step(action.ms);
        case 'start':
          return controller.toStart();
        case 'end':
          return controller.toEnd();
        case 'speed':
          return controller.changeSpeed(action.dir);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
