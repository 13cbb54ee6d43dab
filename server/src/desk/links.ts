/**
 * Links sent by mail (set a password, approve a comment, confirm or stop reply notifications):
 * random, expiring and single-use.
 *
 * The link carries a random token (32 bytes); the database keeps only its SHA-256, as the `links`
 * row's id, with what the link does and until when. No key is stored anywhere: a read of the
 * database (a backup, an export, an injection) gives no token and no way to make one, so it
 * cannot act. The row makes the link single-use: it is spent by one conditional update
 * (`used_at` still null), which only one request of any process can win. Opening a link (GET)
 * never spends it: only the confirmation page's POST does, so a mail scanner that follows links
 * changes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../db/index.ts';
import type { LinkKind, LinkTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

/** 256 bits: beyond guessing; 43 characters in base64url (Fastify's path segments allow 100). */
const TOKEN_BYTES = 32;
/** A token in a link: base64url only, at most this long (a link sent before 011-desk2 was `id.expiry.signature`). */
const MAX_TOKEN = 100;
export const HOUR_MS = 3_600_000;
/** How long each kind of link works. */
export const LINK_TTL_MS: Record<LinkKind, number> = {
  password: 72 * HOUR_MS,
  approve: 7 * 24 * HOUR_MS,
  spam: 7 * 24 * HOUR_MS,
  delete: 7 * 24 * HOUR_MS,
  subscribe: 7 * 24 * HOUR_MS,
  // RFC 8058: an unsubscribe link must keep working as long as the mails that carry it.
  unsubscribe: 5 * 365 * 24 * HOUR_MS,
};

/** The `links` row id of a token. */
export const linkId = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface NewLink {
  kind: LinkKind;
  site: string;
  target: string;
  actor: string;
}

/** Stores a link's row (in the caller's transaction when given) and returns its token, which is kept nowhere but in the mail. */
export async function makeLink(store: Store, link: NewLink, now: Date, db: Pick<Store['db'], 'insertInto'> = store.db): Promise<string> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const expires = now.getTime() + LINK_TTL_MS[link.kind];
  await db
    .insertInto('links')
    .values({ id: linkId(token), ...link, expires_at: new Date(expires).toISOString(), used_at: null, created_at: now.toISOString() })
    .execute();
  return token;
}

export type LinkState = { ok: true; link: Selectable<LinkTable> } | { ok: false; why: 'invalid' | 'expired' | 'used' };

/** What a token is, without spending it. */
export async function readLink(store: Store, token: string, now: Date): Promise<LinkState> {
  if (token.length > MAX_TOKEN || !/^[\w.-]+$/.test(token)) return { ok: false, why: 'invalid' };
  // A link sent before 011-desk2 (`id.expiry.signature`) is looked up by its random id, whose hash the migration stored.
  const link = await store.db.selectFrom('links').selectAll().where('id', '=', linkId(token.split('.')[0])).executeTakeFirst();
  if (!link) return { ok: false, why: 'invalid' };
  if (link.used_at) return { ok: false, why: 'used' };
  if (Date.parse(link.expires_at) <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, link };
}

/** Spends a link: true for the one request that did. */
export async function spendLink(db: Pick<Store['db'], 'updateTable'>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('links')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
