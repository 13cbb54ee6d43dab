/**
 * The limits that protect a site, kept in the database (so every server process shares them):
 * posts per visitor address in a window, and posts per site per day.
 *
 * A post reads everything it is checked against in ONE query (`postChecks`, to which each route
 * adds its own reads: a duplicate, a parent) and writes its day's count in the statement that
 * stores it (`countedToday`, see db/together.ts): on PostgreSQL each statement is a round trip
 * to the database, and a post used to make eight.
 */
import { randomInt } from 'node:crypto';
import { sql, type QueryCreator, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Dialect } from '../db/index.ts';
import { Refusal } from '../refusal.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Rows a site's daily count is spread over (see `shard` in db/schema.ts): a shard row is locked
 * from a post's write to its commit, so with dozens of posts in flight 16 rows made them queue.
 */
const DAILY_SHARDS = 64;

/** Bits of the address hash that make the PostgreSQL lock key (a signed 64-bit integer). */
const LOCK_KEY_BYTES = 8;

/**
 * On PostgreSQL, one visitor's posts wait for each other (a transaction-scoped lock on the
 * address), so parallel requests cannot all pass the count; SQLite has one writer anyway.
 */
export async function serializeAddress(trx: Transaction<Database>, dialect: Dialect, key: string): Promise<void> {
  if (dialect == 'postgres') await sql`select pg_advisory_xact_lock(${addressLockKey(key)})`.execute(trx);
}

/**
 * The advisory lock's key for an address hash: its first 8 bytes as a signed 64-bit integer
 * (a number, so it may be written into SQL text: see db/together.ts).
 */
export function addressLockKey(addrHash: string): string {
  const bytes = Buffer.from(addrHash, 'base64url');
  if (bytes.length < LOCK_KEY_BYTES) throw new Error('addressLockKey: not a hash');
  return bytes.readBigInt64BE(0).toString();
}

export interface PostLimits {
  table: 'comments' | 'messages';
  kind: 'comment' | 'message';
  site: string;
  addrHash: string;
  /** Posts allowed per address in the window. */
  perAddress: number;
  windowMinutes: number;
  /** The site's daily cap (0: none). */
  dailyCap: number;
  now: Date;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * One query reading what a post is limited by: `recent`, the address's posts in the window (at
 * most `perAddress` rows are read, however many it sent), `first`, the oldest of them, and
 * `today`, the site's posts today (summed over its shards; read without a lock: parallel posts
 * may pass the cap by a few, which a daily cap can bear). Routes add their own reads to it.
 */
export function postChecks(trx: Transaction<Database>, l: PostLimits) {
  const since = new Date(l.now.getTime() - l.windowMinutes * MINUTE_MS).toISOString();
  return trx
    .selectFrom((eb) =>
      eb
        .selectFrom(l.table)
        .select('created_at')
        .where('site', '=', l.site)
        .where('addr_hash', '=', l.addrHash)
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .limit(l.perAddress)
        .as('recent'),
    )
    .select((eb) => [
      eb.fn.countAll<number | string>().as('recent'),
      eb.fn.min<string>('recent.created_at').as('first'),
      eb
        .selectFrom('daily')
        .select((d) => d.fn.sum<number | string | null>('total').as('sum'))
        .where('site', '=', l.site)
        .where('kind', '=', l.kind)
        .where('day', '=', today(l.now))
        .as('today'),
    ]);
}

/** Refuses (429, with the wait) an address that posted `perAddress` times in the window. */
export function refuseOverAddressLimit(found: { recent: number | string; first: string | null }, l: PostLimits, refusal: { code: string; message: string }): void {
  if (Number(found.recent) < l.perAddress) return;
  // The oldest post in the window leaves it then, and one more is allowed.
  const windowMs = l.windowMinutes * MINUTE_MS;
  const wait = Math.max(1, Math.ceil((Date.parse(found.first ?? l.now.toISOString()) + windowMs - l.now.getTime()) / 1000));
  throw new Refusal(429, refusal.code, refusal.message, undefined, wait);
}

/** Refuses (429 until midnight UTC) when the site's daily cap is reached. */
export function refuseOverDailyCap(found: { today: number | string | null }, l: PostLimits, refusal: { code: string; message: string }): void {
  if (l.dailyCap <= 0 || Number(found.today ?? 0) < l.dailyCap) return;
  const midnight = Date.parse(today(l.now)) + DAY_MS;
  throw new Refusal(429, refusal.code, refusal.message, undefined, Math.ceil((midnight - l.now.getTime()) / 1000));
}

/** One more post of the site's day, on a shard picked at random: a write to go with the post's own. */
export const countedToday = (qc: QueryCreator<Database>, l: PostLimits) =>
  qc
    .insertInto('daily')
    .values({ site: l.site, kind: l.kind, day: today(l.now), shard: randomInt(DAILY_SHARDS), total: 1 })
    .onConflict((oc) => oc.columns(['site', 'kind', 'day', 'shard']).doUpdateSet((eb) => ({ total: eb('daily.total', '+', 1) })));
