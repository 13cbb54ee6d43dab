import { SendError } from '../../../core/http.js';
import type { Tree } from '../rich.js';

/**
 * What every comment source gives the element: pages of comments in one shape, and a way to add
 * one. Sources know nothing about the DOM; the element knows nothing about backends.
 */

export type Order = 'oldest' | 'newest';
export type Status = 'approved' | 'hold';

export interface Comment {
  id: string;
  /** The id of the comment this one answers; "" at the top level. */
  parent: string;
  author: string;
  /** As the server sent it: the element links it only when it is http or https. */
  url: string;
  avatar: string;
  /** An ISO 8601 instant. */
  date: string;
  /** Plain text (shown with its line breaks), or WordPress's HTML as a checked tree. */
  content: string | Tree;
  /** Held for moderation: shown only to its author. */
  hold?: boolean;
}

export interface Draft {
  name: string;
  email: string;
  url: string;
  content: string;
  /** The comment being answered, "" for none. */
  parent: string;
  remember?: boolean;
}

export interface Page {
  comments: Comment[];
  total: number;
  more: boolean;
}

export interface Source {
  list(thread: string, query: { page: number; size: number; order: Order }): Promise<Page>;
  /** The spam-guard fields travel beside the comment's own. */
  create(thread: string, draft: Draft, guard: object): Promise<{ comment: Comment; status: Status }>;
}

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A comment in the `rest` protocol's shape (the `local` source stores the same), read defensively. */
export const plain = (c: Record<string, unknown>): Comment => ({
  id: str(c.id),
  parent: str(c.parent),
  author: str(c.author),
  url: str(c.url),
  avatar: str(c.avatar),
  date: str(c.date),
  content: str(c.content).trim(),
});

/** The body of a good answer, or the failure `fail` reads from a bad one. (A body that is not JSON
 * throws too; the element counts anything but a SendError as a server failure.) */
export async function answer<T>(res: Response, fail: (res: Response) => Promise<SendError>): Promise<T> {
  if (!res.ok) throw await fail(res);
  return res.json();
}

export const post = (body: object) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
