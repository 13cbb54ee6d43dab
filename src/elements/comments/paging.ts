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
  /** What the last page brought that was not shown yet. */
  added: Comment[];
}

export const noPages: Paging = { list: [], total: 0, page: 0, more: false, added: [] };

/** The list once page `page` came: page 1 starts afresh, a later one adds what is not shown yet. */
export function addPage(before: Paging, page: number, got: Page): Paging {
  const kept = page > 1 ? before.list : [];
  const ids = new Set(kept.map((c) => c.id));
  const added = got.comments.filter((c) => !ids.has(c.id) && ids.add(c.id));
  const list = [...kept, ...added];
  // A page that brings nothing new ends it, whatever the count says.
  return { list, total: got.total, page, more: !!added[0] && list.length < got.total, added };
}

/**
 * After "Load more", the new comment to take focus: the first that shows after what the reader
 * had (where the button was), so the page stays where they were reading; a reply that went up
 * under an older comment is not worth the jump. Else the first new one; none when nothing came.
 */
export function landing(shown: string[], before: Set<string>, added: Set<string>): string | undefined {
  let last = -1;
  shown.forEach((id, i) => {
    if (before.has(id)) last = i;
  });
  return shown.find((id, i) => i > last && added.has(id)) ?? shown.find((id) => added.has(id));
}
