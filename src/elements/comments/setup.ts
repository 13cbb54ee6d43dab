import { warn, oneOf } from '../../core/warn.js';
import { local } from './sources/local.js';
import { rest } from './sources/rest.js';
import { wordpress } from './sources/wordpress.js';
import type { Order, Source } from './sources/source.js';

/**
 * What the element's attributes ask for, read once and checked: which source, which thread, the
 * order and the page size. What cannot be used is said once (one `console.warn` naming the
 * attribute and its value) and a safe choice made: no source at all keeps the fallback content.
 */

const TAG = 'firm-comments';
const SOURCES = { local: () => local, rest, wordpress };
const PAGE_SIZE = 20;

export interface Setup {
  /** Undefined when the attributes name no usable source: the element shows its own content. */
  source?: Source;
  /** The thread: the post id, else the page's path. */
  thread: string;
  /** Where the thread's drafts and held comments are kept in the browser. */
  key: string;
}

/** The source and thread that `source`, `endpoint` and `post-id` name (`path`: the page's, for a thread with no id). */
export function setup(source: string, endpoint: string, postId: string, path: string): Setup {
  const kind = oneOf(TAG, 'source', source || (endpoint ? 'rest' : 'local'), ['local', 'rest', 'wordpress']);
  let chosen: Source | undefined;
  if (kind && kind !== 'local' && !endpoint) warn(TAG, 'endpoint', '', `needed with source="${kind}"`);
  else if (kind === 'wordpress' && !/^\d+$/.test(postId)) warn(TAG, 'post-id', postId, 'use the post’s number');
  else if (kind) chosen = SOURCES[kind](endpoint);
  const thread = postId || path;
  return { source: chosen, thread, key: `comments:${kind}:${endpoint}:${thread}` };
}

/** `oldest` or `newest`; anything else is said and read as `oldest`. */
export const orderOf = (order: string): Order => oneOf(TAG, 'order', order, ['oldest', 'newest']) ?? 'oldest';

/** A page size above 0; anything else is said and read as 20. */
export function pageSizeOf(size: number): number {
  if (size > 0) return size;
  warn(TAG, 'page-size', size, 'use a number');
  return PAGE_SIZE;
}
