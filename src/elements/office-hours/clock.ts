/**
 * One timer for every element that shows hours, however many the page has: it rings at the
 * earliest instant any of them asked for (no polling), and wakes them all when a tab that may have
 * slept becomes visible again.
 */
export interface Sleeper {
  wake(): void;
}

const due = new Map<Sleeper, number>();
let timer: ReturnType<typeof setTimeout> | undefined;

function arm(): void {
  clearTimeout(timer);
  // No overflow past setTimeout's 2^31-1 ms: a status is always rechecked by the office's next midnight.
  if (due.size) timer = setTimeout(ring, Math.min(...due.values()) - Date.now());
}

function ring(): void {
  const now = Date.now();
  for (const [sleeper, at] of due) {
    if (at <= now) {
      due.delete(sleeper);
      sleeper.wake();
    }
  }
  arm();
}

/** Wakes `sleeper` at `at`; null forgets it (call that when it leaves the page). */
export function wakeAt(sleeper: Sleeper, at: Date | null): void {
  if (at) due.set(sleeper, +at);
  else due.delete(sleeper);
  arm();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) due.forEach((_, s) => s.wake());
});
