import { thread, type Entry } from './thread.js';
import type { Comment, Order } from './sources/source.js';

/**
 * The list's drawing, kept apart from the DOM: which threads are drawn so far (a long list grows
 * by parts, a part a task), whether a render must draw the list again at all (a keystroke in the
 * form must not redraw a thousand comments), and each comment's template, made once.
 */

/**
 * Threads drawn in one task (40 threads are about 55 comments): the first screenful and more.
 * A longer list grows by as many more a task, so no task runs long and typing never waits.
 */
export const PART = 40;

/** Whether two lists of what something was made from hold the same things. */
const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class Drawing<T> {
  /** The thread as shown (from thread.ts). */
  entries: Entry[] = [];
  /** How many of its threads are drawn. */
  drawn = 0;
  /** What the thread was made from, and what the list was last drawn from. */
  #threadFrom: unknown[] = [];
  #drawnFrom: unknown[] = [];
  /**
   * Each entry's template, made once while what every comment shows stays the same: each part's
   * render would otherwise make every comment drawn before it again (200 comments made 520
   * templates, 40 % of the heap allocated to show them).
   */
  #made = new WeakMap<Entry, T>();

  /** The thread of these comments (shown, then held), made again only when they, the order or the depth change. */
  thread(shown: Comment[], held: Comment[], order: Order, maxDepth: number): void {
    const from = [shown, held, order, maxDepth];
    if (same(from, this.#threadFrom)) return;
    this.#threadFrom = from;
    this.entries = thread([...shown, ...held], order, maxDepth);
  }

  /** Whether every thread is drawn. */
  get done(): boolean {
    return this.drawn >= this.entries.length;
  }

  /** One more part, while some is left. */
  grow(): void {
    if (!this.done) this.drawn += PART;
  }

  /**
   * Whether this render draws the list: not when it would show what it showed last time. `shows`
   * is what every comment shows besides itself (language, marks, the hour); when it changed, the
   * templates kept go. A form inside the list (`replying`) changes at each keystroke: the list is
   * drawn each time, and nothing of it kept.
   */
  draws(shows: unknown[], replying: boolean): boolean {
    const from = [this.entries, this.drawn, ...shows];
    const again = !replying && same(from, this.#drawnFrom);
    if (replying || !same(shows, this.#drawnFrom.slice(2))) this.#made = new WeakMap();
    this.#drawnFrom = from;
    return !again;
  }

  /** The template made for `entry` while it could be kept, else a new one from `make`. */
  item(entry: Entry, make: (entry: Entry) => T): T {
    let made = this.#made.get(entry);
    if (!made) this.#made.set(entry, (made = make(entry)));
    return made;
  }

  /** All drawn: the templates kept for the parts are garbage now. */
  settle(): void {
    this.#made = new WeakMap();
  }
}
