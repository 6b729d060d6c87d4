import { useEffect } from 'react';

const HIDE_AFTER_MS = 3_000;

/** Nobody points at a wall: the cursor hides, and shows for a moment when the mouse moves. */
export function useAutoHideCursor(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hide = () => document.body.classList.add('cursor-hidden');
    const onMove = () => {
      document.body.classList.remove('cursor-hidden');
      clearTimeout(timer);
      timer = setTimeout(hide, HIDE_AFTER_MS);
    };
    hide();
    window.addEventListener('mousemove', onMove);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('mousemove', onMove);
      document.body.classList.remove('cursor-hidden');
    };
  }, []);
}
