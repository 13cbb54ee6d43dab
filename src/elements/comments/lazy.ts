import { PART } from './drawing.js';

/**
 * Threads out of view are drawn lazily (`content-visibility: auto`, the lazyThreads rule): the
 * list shows in about half the time. But the browser then checks each lazy thread against the
 * screen in every frame that lays anything out: beside 1,000 comments (750 threads) that was
 * 12–14 ms of each keystroke in the form at 4× CPU, more than all the rest of it. So once the list
 * is all drawn, its threads are laid out for good, a few a frame, and nothing is left for a
 * keystroke to check.
 */

/**
 * Threads laid out a frame: a drawn part's worth (40). Each is laid out for the first time then
 * (what a lazy thread skipped). 10 a frame made the frames shorter, but the pass four times as
 * long, and a reader scrolling up meanwhile was moved 224 px in one step (layout.test.ts).
 */
export const BATCH = PART;

/** The class of a thread laid out for good: the lazy rule no longer applies to it. */
export const LAID = 'laid';

/**
 * Lays out for good, BATCH a frame, the threads of `list` not laid out yet (those drawn meanwhile
 * wait for the next call), while `going()` says so: resolves with whether it did them all. A
 * thread laid out above the reader changes height; while "Load more" keeps the reader's place,
 * that moved them by thousands of pixels (at 4× CPU).
 */
export async function layOut(list: HTMLCollection, going: () => boolean): Promise<boolean> {
  let count = 0;
  for (const thread of [...list]) {
    if (thread.classList.contains(LAID)) continue;
    if (count++ % BATCH == 0) {
      await new Promise(requestAnimationFrame);
      if (!going()) return false;
    }
    thread.classList.add(LAID);
  }
  return true;
}
