
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
  /** A picture's address from the source, or ""; shown only with `avatars` and only if http or https. */
  avatar?: string;
  /** An ISO 8601 instant. */
  date: string;
  /** Plain text (shown with its line breaks), or HTML when `html`. */
  content: string;
  /** WordPress's HTML: the element keeps only what rich.ts allows. */
  html?: boolean;
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
  /** "Email me when someone replies": offered and sent by the `rest` source only, with `lang`. */
  notify?: boolean;
  /** The language of those mails: the form's. */
  lang?: string;
  /** When typing began (kept with the draft). */
  since?: number;
}

export interface Page {
  comments: Comment[];
  /** The thread's count, replies included: more pages exist while fewer are shown. */
  total: number;
}

export interface Source {
  /** Sends `notify`: the form offers mail about replies (WordPress and the tab alone would send none). */
  mails?: boolean;
  list(thread: string, query: { page: number; size: number; order: Order }): Promise<Page>;
  /**
   * The spam-guard fields travel beside the comment's own. `confirm`: the server mailed the
   * commenter a link to confirm the mail about replies they asked for.
   */
  create(thread: string, draft: Draft, guard: object): Promise<{ comment: Comment; status: Status; confirm?: boolean }>;
}

const KEYS = ['id', 'parent', 'author', 'url', 'avatar', 'date', 'content'] as const;

/** A comment in the `rest` protocol's shape (the `local` source stores the same), read defensively: text only. */
export const plain = (c: Record<string, unknown>): Comment =>
  Object.fromEntries(KEYS.map((k) => [k, String(c[k] ?? '').trim()])) as unknown as Comment;

