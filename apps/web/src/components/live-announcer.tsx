import { useSyncExternalStore } from 'react';

/**
 * Two live regions present from the first render, so screen readers announce what is written
 * into them later (a region inserted together with its text is often not read).
 */
type Politeness = 'polite' | 'assertive';

let messages: Record<Politeness, string> = { polite: '', assertive: '' };
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function announce(message: string, politeness: Politeness = 'polite'): void {
  // Clearing first makes a repeated identical message be read again.
  messages = { ...messages, [politeness]: '' };
  emit();
  window.setTimeout(() => {
    messages = { ...messages, [politeness]: message };
    emit();
  }, 50);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function LiveAnnouncer() {
  const current = useSyncExternalStore(subscribe, () => messages);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {current.polite}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">
        {current.assertive}
      </div>
    </>
  );
}
