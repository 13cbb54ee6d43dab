/**
 * The limits that protect a site, kept in the database (so every server process shares them):
 * posts per visitor address in a window, and posts per site per day.
 */
import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Dialect } from '../db/index.ts';
import { Refusal } from '../refusal.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Rows a site's daily count is spread over (see `shard` in db/schema.ts). */
const DAILY_SHARDS = 16;

/**
 * On PostgreSQL, one visitor's posts wait for each other (a transaction-scoped lock on the
 * address), so parallel requests cannot all pass the count; SQLite has one writer anyway.
 */
export async function serializeAddress(trx: Transaction<Database>, dialect: Dialect, key: string): Promise<void> {
  if (dialect == 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** Refuses (429, with the wait) an address that posted `limit` times in the last `windowMinutes`. */
export async function checkAddress(
  trx: Transaction<Database>,
  table: 'comments' | 'messages',
  site: string,
  addrHash: string,
  limit: number,
  windowMinutes: number,
  now: Date,
  refusal: { code: string; message: string },
): Promise<void> {
  const windowMs = windowMinutes * MINUTE_MS;
  const since = new Date(now.getTime() - windowMs).toISOString();
  // At most `limit` rows are read, however many the address has sent.
  const row = await trx
    .selectFrom((eb) =>
      eb
        .selectFrom(table)
        .select('created_at')
        .where('site', '=', site)
        .where('addr_hash', '=', addrHash)
        .where('created_at', '>=', since)
        .orderBy('created_at')
        .limit(limit)
        .as('recent'),
    )
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min<string>('recent.created_at').as('first')])
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= limit) {
    // The oldest post in the window leaves it then, and one more is allowed.
    const wait = Math.max(1, Math.ceil((Date.parse(row.first) + windowMs - now.getTime()) / 1000));
    throw new Refusal(429, refusal.code, refusal.message, undefined, wait);
  }
}

/** Counts one more post of `kind` today, or refuses (429 until midnight UTC) when the site's cap is reached (0: none). */
export async function countToday(
  trx: Transaction<Database>,
  site: string,
  kind: 'comment' | 'message',
  cap: number,
  now: Date,
  refusal: { code: string; message: string },
): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  if (cap > 0) {
    // Read without a lock: parallel posts may pass the cap by a few, which a daily cap can bear.
    const { sum } = await trx
      .selectFrom('daily')
      .select((eb) => eb.fn.sum<number | string | null>('total').as('sum'))
      .where('site', '=', site)
      .where('kind', '=', kind)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    if (Number(sum ?? 0) >= cap) {
      const midnight = Date.parse(day) + DAY_MS;
      throw new Refusal(429, refusal.code, refusal.message, undefined, Math.ceil((midnight - now.getTime()) / 1000));
    }
  }
  await trx
    .insertInto('daily')
    .values({ site, kind, day, shard: randomInt(DAILY_SHARDS), total: 1 })
    .onConflict((oc) => oc.columns(['site', 'kind', 'day', 'shard']).doUpdateSet((eb) => ({ total: eb('daily.total', '+', 1) })))
    .execute();
}
