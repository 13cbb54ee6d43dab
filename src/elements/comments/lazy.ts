import { PART } from './drawing.js';
import { keep, type Place } from './place.js';

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
 * wait for the next call), while `going()` says so: resolves with whether it did them all. What
 * the reader sees stays where it is on screen: a thread above them takes its real height in place
 * of the estimate, and scroll anchoring did not make up for it (a reader who went straight to the
 * form was moved 11,208 px; after "Load more", up to 8,759 px at 4× CPU).
 */
export async function layOut(list: HTMLCollection, going: () => boolean): Promise<boolean> {
  const left = [...list].filter((thread) => !thread.classList.contains(LAID));
  for (let i = 0; i < left.length; i += BATCH) {
    await new Promise(requestAnimationFrame);
    if (!going()) return false;
    // What is in the middle of the screen (in the list or around it). WebKit has no
    // ShadowRoot.elementFromPoint, nor the lazy rule: nothing moves there.
    const root = left[i].getRootNode() as Partial<ShadowRoot>;
    const seen = root.elementFromPoint?.(innerWidth / 2, innerHeight / 2) as HTMLElement | null | undefined;
    const at: Place | undefined = seen ? [seen, seen.getBoundingClientRect().top] : undefined;
    for (const thread of left.slice(i, i + BATCH)) thread.classList.add(LAID);
    if (at) keep(at);
  }
  return true;
}
