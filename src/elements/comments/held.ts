import type { Comment } from './sources/source.js';

/**
 * A visitor's comments held for moderation: the server does not list them, so the browser keeps
 * them (under the thread's key) to show them to their author until the server lists them.
 */

/** The held comments the server does not list yet: one it lists has been approved, no longer ours to keep. */
export const stillHeld = (held: Comment[], listed: Comment[]): Comment[] => {
  const ids = new Set(listed.map((c) => c.id));
  return held.filter((c) => !ids.has(c.id));
};
