/**
 * The tables, as Kysely sees them. Dates are ISO 8601 UTC strings (they sort as text on both
 * databases); visitor addresses and commenters' emails appear only as salted hashes.
 */
import type { Generated } from 'kysely';

export type CommentStatus = 'approved' | 'hold' | 'spam';
export type MessageStatus = 'received' | 'flagged';
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

export interface MetaTable {
  key: string;
  value: string;
}

export interface CommentTable {
  id: Generated<number>;
  site: string;
  thread: string;
  parent: number | null;
  author: string;
  /** The commenter's email, hashed: enough to recognise a duplicate, useless to a thief. */
  email_hash: string;
  url: string | null;
  content: string;
  status: CommentStatus;
  /** Why the spam checks flagged it (honeypot, elapsed, links, word), else null. */
  flag: string | null;
  created_at: string;
  /** The visitor's network address (IPv6 per /64), hashed: for the per-address limit. */
  addr_hash: string;
  /** author + email + content, hashed: the duplicate check. */
  content_hash: string;
  /**
   * The comment as the `rest` protocol lists it, less its id: written once when the comment is
   * stored, so a page read is a query and a string join, never a re-serialization.
   */
  json_tail: string;
}

export interface ThreadTable {
  site: string;
  thread: string;
  /** Approved comments, replies included: the listing's `total`, kept on each write. */
  approved: number;
  /** Raised by every write that changes the listing: a cached page of another version is stale. */
  version: Generated<number>;
}

/**
 * A listing page as answered (`{"total":…,"comments":[…]}`), built on the first read after a
 * write and served as it is until the next write to its thread. `key` is `order:per_page:page`.
 */
export interface PageTable {
  site: string;
  thread: string;
  key: string;
  version: number;
  body: string;
}

export interface MessageTable {
  id: Generated<number>;
  site: string;
  /** The form's key (the same on every try of one message), null when none was sent. */
  key: string | null;
  /** key + every field the visitor typed, hashed: a retry of the same message has the same one. */
  content_hash: string;
  name: string;
  email: string;
  phone: string;
  language: string;
  topic: string;
  message: string;
  page: string;
  status: MessageStatus;
  flag: string | null;
  addr_hash: string;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  site: string;
  /** What the mail is about: `message:17`, `comment:42`. */
  about: string;
  recipients: string;
  reply_to: string | null;
  subject: string;
  body: string;
  /** Set when queued and kept on every try, so a receiver can tell a resend. */
  message_id: string;
  state: OutboxState;
  attempts: number;
  /** When the next try may start. */
  next_at: string;
  /** The worker holding it while `sending`, and until when (a crashed worker's claim runs out). */
  lease: string | null;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface DailyTable {
  site: string;
  kind: 'comment' | 'message';
  day: string;
  /**
   * A site's day is counted on several rows, one picked at random per post: one row would be
   * locked by every post until its commit, and posts would queue behind each other.
   */
  shard: number;
  total: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** Who did it: `cli` (a command on the server), later a staff account. */
  actor: string;
  action: string;
  site: string;
  target: string;
}

export interface Database {
  meta: MetaTable;
  comments: CommentTable;
  threads: ThreadTable;
  pages: PageTable;
  messages: MessageTable;
  outbox: OutboxTable;
  daily: DailyTable;
  audit: AuditTable;
}
