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
  /** 1 for a reply the firm wrote from the desk (listed with `"staff": true`). */
  staff: Generated<number>;
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

/** What a visitor sends with the contact form, as stored, exported and shown to the staff. */
export interface VisitorMessage {
  name: string;
  email: string;
  phone: string;
  language: string;
  topic: string;
  message: string;
  page: string;
}

export interface MessageTable extends VisitorMessage {
  id: Generated<number>;
  site: string;
  /** The form's key (the same on every try of one message), null when none was sent. */
  key: string | null;
  /** key + every field the visitor typed, hashed: a retry of the same message has the same one. */
  content_hash: string;
  status: MessageStatus;
  flag: string | null;
  addr_hash: string;
  created_at: string;
  /** When a person of the firm marked it handled, and who. */
  handled_at: Generated<string | null>;
  handled_by: Generated<string | null>;
}

/** The outbox's rows still to send, as SQL: the claim's term and its partial index's (migration 014). */
export const OUTBOX_PENDING = "state in ('queued', 'sending')";

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
  /** Extra headers, JSON (List-Unsubscribe…), or null. */
  headers: Generated<string | null>;
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

/**
 * PostgreSQL only: each visitor address's recent posts of one kind on one site (the per-address
 * limit), kept in one row so that a post can check and count itself in the statement that
 * stores it (routes/limits.ts, `addressCounted`). SQLite counts the stored posts instead: it has
 * one writer, and its posts run one after another.
 */
export interface PostLimitTable {
  site: string;
  kind: 'comment' | 'message';
  addr_hash: string;
  /** The address's posts in the window, oldest first: a JSON array of ISO dates. */
  times: string;
  /** The newest of them: rows whose newest post left the window are deleted (retention). */
  last_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** Who did it: `cli` (a command on the server), later a staff account. */
  actor: string;
  action: string;
  site: string;
  target: string;
  /** What changed, when a target alone does not say it (settings, retention counts). */
  detail: Generated<string | null>;
}

export type Role = 'owner' | 'moderator';

export interface UserTable {
  id: Generated<number>;
  email: string;
  role: Role;
  /** Site ids, comma-separated, or `*` for every site. */
  sites: string;
  /** `scrypt$N$r$p$salt$hash`, null until the person follows their set-password link. */
  password_hash: string | null;
  /** Unused since 011-desk2: failures are counted in `signin_throttle`, per client address. */
  failures: Generated<number>;
  /** Unused since 011-desk2 (see `signin_throttle`). */
  wait_until: string | null;
  created_at: string;
}

/**
 * Sign-in failures, counted per (account, client address) and per account (auth.ts). Rows exist
 * for any address typed, known or not, so the answers never tell whether an account exists.
 */
export interface SigninThrottleTable {
  /** Salted hash of the account and the client's address (or of the account alone). */
  key: string;
  /** Salted hash of the account alone. */
  account: string;
  /** Failures since `window_start`; they decay when the window runs out. */
  failures: number;
  window_start: string;
  /** No try is checked before then (slow-down, then a lock of bounded length). */
  wait_until: string | null;
  /** An address that signed in rightly is spared the account-wide lock until then. */
  known_until: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie's value. */
  id: string;
  user_id: number;
  csrf: string;
  created_at: string;
  seen_at: string;
  expires_at: string;
}

export type LinkKind = 'password' | 'approve' | 'spam' | 'delete' | 'subscribe' | 'unsubscribe';

export interface LinkTable {
  id: string;
  kind: LinkKind;
  site: string;
  /** `user:3`, `comment:42`, `subscription:7`. */
  target: string;
  /** Who the link was made for (shown in the audit log when it is used). */
  actor: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface SettingsTable {
  site: string;
  /** JSON: see SiteSettings in admin/settings.ts. */
  value: string;
  updated_at: string;
}

export interface VerifiedTable {
  site: string;
  email_hash: string;
  verified_at: string;
}

export interface SubscriptionTable {
  id: Generated<number>;
  site: string;
  /** The comment whose replies are mailed. */
  comment_id: number;
  email: string;
  email_hash: string;
  lang: string;
  /** `pending` until the confirmation link is followed, then `active`; `off` after unsubscribing. */
  state: 'pending' | 'active' | 'off';
  created_at: string;
}

export interface Database {
  meta: MetaTable;
  comments: CommentTable;
  threads: ThreadTable;
  pages: PageTable;
  messages: MessageTable;
  outbox: OutboxTable;
  daily: DailyTable;
  post_limits: PostLimitTable;
  audit: AuditTable;
  users: UserTable;
  sessions: SessionTable;
  signin_throttle: SigninThrottleTable;
  links: LinkTable;
  settings: SettingsTable;
  verified: VerifiedTable;
  subscriptions: SubscriptionTable;
}
