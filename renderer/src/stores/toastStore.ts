/** Short messages about operator commands: refusals stay until dismissed, confirmations fade. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface Toast {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

export interface ToastState {
  toasts: Toast[];
}

export const toastStore = createStore<ToastState>()(() => ({ toasts: [] }));

const OK_VISIBLE_MS = 4_000;
const MAX_TOASTS = 5;
let nextId = 1;

export function pushToast(kind: Toast['kind'], text: string): number {
  const id = nextId++;
  toastStore.setState((s) => ({ toasts: [...s.toasts, { id, kind, text }].slice(-MAX_TOASTS) }));
  if (kind === 'ok') setTimeout(() => dismissToast(id), OK_VISIBLE_MS);
  return id;
}

export function dismissToast(id: number): void {
  toastStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export const useToasts = <T>(select: (s: ToastState) => T): T => useStore(toastStore, select);
