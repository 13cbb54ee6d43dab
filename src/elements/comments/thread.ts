import type { Comment, Order } from './sources/source.js';

/**
 * The list as it shows, from comments in any order: pure, no DOM, so the element only draws it
 * (and draws it again only when the comments change, not at every keystroke in the form).
 */

/** One comment in the list: its replies nested under it, or `to`, the comment it answers, when it stands after it past the deepest level. */
export interface Entry {
  comment: Comment;
  replies: Entry[];
  to?: Comment;
}

/**
 * The thread: each id once (the first met: a server may list one twice), by date, replies under
 * what they answer down to `maxDepth` levels and deeper ones after their parent at its level,
 * saying whom they answer. A reply whose parent is not here (yet) stands at the top level, and so
 * does each comment a cycle of parents (or its own) would hide, once. `newest` turns the top
 * level around; replies always read oldest first, as a conversation does.
 */
export function thread(comments: Comment[], order: Order, maxDepth: number): Entry[] {
  const byId = new Map<string, Comment>();
  for (const c of comments) if (!byId.has(c.id)) byId.set(c.id, c);
  const time = (c: Comment) => Date.parse(c.date) || 0;
  const all = [...byId.values()].sort((a, b) => time(a) - time(b));
  // Replies by the id they answer: one pass, not a search per comment (a thousand comments).
  const kids = new Map<string, Comment[]>();
  for (const c of all) if (c.parent && byId.has(c.parent)) kids.set(c.parent, [...(kids.get(c.parent) ?? []), c]);
  const seen = new Set<string>();
  const visit = (c: Comment, depth: number, to?: Comment): Entry[] => {
    if (seen.has(c.id)) return [];
    seen.add(c.id);
    const replies = kids.get(c.id) ?? [];
    const deep = depth >= maxDepth;
    return [{ comment: c, to, replies: deep ? [] : replies.flatMap((k) => visit(k, depth + 1)) }, ...(deep ? replies.flatMap((k) => visit(k, depth, c)) : [])];
  };
  const roots = all.filter((c) => !c.parent || !byId.has(c.parent));
  if (order === 'newest') roots.reverse();
  const entries = roots.flatMap((c) => visit(c, 1));
  // What no root reaches sits in a cycle: each such comment leads its own part of it.
  for (const c of all) entries.push(...visit(c, 1));
  return entries;
}

/** The ids in the order they show (a comment, then its replies). */
export const shownOrder = (entries: Entry[]): string[] => entries.flatMap((e) => [e.comment.id, ...shownOrder(e.replies)]);
