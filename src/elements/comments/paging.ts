import type { Comment, Page } from './sources/source.js';

/** Where the list is after the pages that came: pure, so the element only asks and draws. */
export interface Paging {
  /** Every comment shown, in the order the pages brought them. */
  list: Comment[];
  /** The thread's count from the last page: it stands through later loads. */
  total: number;
  /** The last page that came; 0 before the first. */
  page: number;
  /** Whether "Load more comments" has something to fetch. */
  more: boolean;
}

export const noPages: Paging = { list: [], total: 0, page: 0, more: false };

/** The list once page `page` came: page 1 starts afresh, a later one adds what is not shown yet (a server may list one again as comments arrive). */
export function addPage(before: Paging, page: number, got: Page): Paging {
  const kept = page > 1 ? before.list : [];
  const ids = new Set(kept.map((c) => c.id));
  const added = got.comments.filter((c) => !ids.has(c.id) && ids.add(c.id));
  const list = [...kept, ...added];
  // A page that brings nothing new ends it, whatever the count says.
  return { list, total: got.total, page, more: !!added[0] && list.length < got.total };
}

/** The list with one comment the visitor just posted (approved): counted, and shown last. */
export const withComment = (before: Paging, c: Comment): Paging => ({ ...before, list: [...before.list, c], total: before.total + 1 });
