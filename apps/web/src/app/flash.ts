import { useSyncExternalStore } from 'react';

/** A message for the next page (e.g. "your password has been changed" after leaving the form). */
export interface Flash {
  text: string;
  /** The path it is shown on; leaving that path drops it. */
  on: string;
}

let current: Flash | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((fn) => fn());

export function flash(text: string, on: string): void {
  current = { text, on };
  emit();
}

export function clearFlash(): void {
  if (!current) return;
  current = null;
  emit();
}

export function useFlash(): Flash | null {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => current,
  );
}
