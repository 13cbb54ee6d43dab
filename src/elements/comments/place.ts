/**
 * "Load more" keeps the reader's place and focus: the comment they read last, above the button,
 * stays where it is on screen through "Loading…" and every part drawn, whatever goes in above it
 * (replies to older comments); then focus goes to the first new comment below it, where the
 * button was (all that follows it is new), without scrolling.
 */

/** A comment, and where on screen it is to stay (its top, from the viewport's). */
export type Place = [HTMLElement, number];

/**
 * The last comment shown and where it is now. Measured when the reader asks, not when the page
 * comes: WebKit, which has no scroll anchoring, scrolls the focused button back into view when
 * "Loading…" pushes it down, and the reader was left 35 px off.
 */
export function placeOf(root: ParentNode): Place | undefined {
  const shown = root.querySelectorAll('article');
  const last = shown[shown.length - 1];
  return last && [last, last.getBoundingClientRect().top];
}

/** Scrolls the page so the comment is back where it was on screen. */
export function keep([comment, top]: Place): void {
  scrollBy(0, comment.getBoundingClientRect().top - top);
}

/** Focuses the comment that follows `comment` (the first new one), without scrolling. */
export function focusAfter(root: ParentNode, comment: HTMLElement): void {
  const all = [...root.querySelectorAll('article')];
  all[all.indexOf(comment) + 1]?.focus({ preventScroll: true });
}
