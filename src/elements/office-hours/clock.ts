/**
 * One timer for every element that shows hours, however many the page has: it rings at the
 * earliest instant any of them asked for (no polling), and when a tab that may have slept becomes
 * visible again. A ring wakes them all: each works its status out again (microseconds) and asks
 * for its next wake, which re-arms the timer.
 */
export interface Sleeper {
  wake(): void;
}

const due = new Map<Sleeper, number>();
let timer: ReturnType<typeof setTimeout> | undefined;

const ring = () => due.forEach((_, sleeper) => sleeper.wake());

/**
 * Wakes `sleeper` at `at` (within ~24 days: setTimeout's limit; a status is rechecked by the
 * office's next midnight anyway); null forgets it (call that when it leaves the page).
 */
export function wakeAt(sleeper: Sleeper, at: Date | null): void {
  if (at) due.set(sleeper, +at);
  else due.delete(sleeper);
  clearTimeout(timer);
  if (due.size) timer = setTimeout(ring, Math.min(...due.values()) - Date.now());
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) ring();
});
