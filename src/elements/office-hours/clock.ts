/**
 * Wakes an element that shows hours exactly when its status changes (no polling), and again when
 * a tab that may have slept becomes visible: timers do not ring in a sleeping tab.
 */
export interface Sleeper {
  wake(): void;
}

const timers = new Map<Sleeper, ReturnType<typeof setTimeout>>();

/** Wakes `sleeper` at `at`; null forgets it (call that when it leaves the page). */
export function wakeAt(sleeper: Sleeper, at: Date | null): void {
  clearTimeout(timers.get(sleeper));
  // setTimeout overflows past 2^31-1 ms (~24 days); ringing early just re-arms.
  if (at) timers.set(sleeper, setTimeout(() => sleeper.wake(), Math.min(+at - Date.now(), 2 ** 31 - 1)));
  else timers.delete(sleeper);
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) timers.forEach((_, s) => s.wake());
});
