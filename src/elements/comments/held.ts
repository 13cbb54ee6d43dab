import { DAY, DEVICE_DAYS, loadDraft, saveDraft, clearDraft } from '../../core/drafts.js';
import { plain, type Comment } from './sources/source.js';

/**
 * A visitor's comments held for moderation: the server does not list them, so the browser keeps
 * them (under the thread's key) to show them to their author until the server lists them.
 */

/**
 * The held comments as kept, read defensively (storage is anyone's to edit): each forgotten a
 * month after it was written, even when the server never lists it (trashed, spam).
 */
export function keptHeld(kept: unknown, now = Date.now()): Comment[] {
  const since = now - DEVICE_DAYS * DAY;
  return (Array.isArray(kept) ? kept : [])
    .filter((c) => c && typeof c == 'object')
    .map((c) => ({ ...plain(c), html: c.html === true, hold: true }))
    .filter((c) => !(Date.parse(c.date) < since));
}

/** The held comments the server does not list yet: one it lists has been approved, no longer ours to keep. */
export const stillHeld = (held: Comment[], listed: Comment[]): Comment[] => {
  const ids = new Set(listed.map((c) => c.id));
  return held.filter((c) => !ids.has(c.id));
};

/** Where a thread's held comments are kept (`key`: the thread's). */
const heldKey = (key: string) => 'pending:' + key;

/** The thread's held comments kept in this browser. */
export const loadHeld = (key: string): Comment[] => keptHeld(loadDraft(heldKey(key)));

/**
 * Keeps the thread's held comments: for the tab, or for a month on the device for an author who
 * asked to be remembered; none left, nothing kept.
 */
export function saveHeld(key: string, held: Comment[], remember?: boolean): void {
  if (held[0]) saveDraft(heldKey(key), held, remember ? DEVICE_DAYS : 0);
  else clearDraft(heldKey(key));
}
