/**
 * Links sent by mail (set a password, approve a comment, verify an address, confirm or stop
 * reply notifications): signed, expiring and single-use.
 *
 * The link carries `<id>.<expiry>.<signature>`: the random id and the expiry are
 * signed with HMAC-SHA256 under a key kept in the database, so a forged or altered link is
 * refused before any lookup. The id's row in `links` says what the link does and makes it
 * single-use: it is spent by one conditional update (`used_at` still null), which only one
 * request of any process can win. Opening a link (GET) never spends it: only the confirmation
 * page's POST does, so a mail scanner that follows links changes nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../db/index.ts';
import type { LinkKind, LinkTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

const ID_BYTES = 18;
export const HOUR_MS = 3_600_000;
/** How long each kind of link works. */
export const LINK_TTL_MS: Record<LinkKind, number> = {
  password: 72 * HOUR_MS,
  approve: 7 * 24 * HOUR_MS,
  spam: 7 * 24 * HOUR_MS,
  delete: 7 * 24 * HOUR_MS,
  verify: 7 * 24 * HOUR_MS,
  subscribe: 7 * 24 * HOUR_MS,
  // RFC 8058: an unsubscribe link must keep working as long as the mails that carry it.
  unsubscribe: 5 * 365 * 24 * HOUR_MS,
};

const secrets = new WeakMap<Store, Promise<Buffer>>();

/** The signing key, read once per store (through `db`: inside a transaction, SQLite's one connection is the transaction's). */
function secretOf(store: Store, db: Pick<Store['db'], 'selectFrom'> = store.db): Promise<Buffer> {
  let secret = secrets.get(store);
  if (!secret) {
    secret = db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'link_secret')
      .executeTakeFirstOrThrow()
      .then((r) => Buffer.from(r.value, 'base64'));
    secrets.set(store, secret);
  }
  return secret;
}

const sign = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export interface NewLink {
  kind: LinkKind;
  site: string;
  target: string;
  actor: string;
}

/** Stores a link's row (in the caller's transaction when given) and returns its token. */
export async function makeLink(store: Store, link: NewLink, now: Date, db: Pick<Store['db'], 'insertInto' | 'selectFrom'> = store.db): Promise<string> {
  const id = randomBytes(ID_BYTES).toString('base64url');
  const expires = now.getTime() + LINK_TTL_MS[link.kind];
  await db
    .insertInto('links')
    .values({ id, ...link, expires_at: new Date(expires).toISOString(), used_at: null, created_at: now.toISOString() })
    .execute();
  // Short enough for a URL path segment (Fastify's 100-character limit) and a mail line.
  const payload = `${id}.${expires.toString(36)}`;
  return `${payload}.${sign(await secretOf(store, db), payload)}`;
}

export type LinkState = { ok: true; link: Selectable<LinkTable> } | { ok: false; why: 'invalid' | 'expired' | 'used' };

/** What a token is, without spending it. */
export async function readLink(store: Store, token: string, now: Date): Promise<LinkState> {
  const [id, expires, signature, extra] = token.split('.');
  if (!id || !expires || !signature || extra !== undefined) return { ok: false, why: 'invalid' };
  const expected = Buffer.from(sign(await secretOf(store), `${id}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length != given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'invalid' };
  const link = await store.db.selectFrom('links').selectAll().where('id', '=', id).executeTakeFirst();
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
