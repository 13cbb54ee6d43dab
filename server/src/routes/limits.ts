/**
 * The limits that protect a site, kept in the database (so every server process shares them):
 * posts per visitor address in a window, and posts per site per day.
 *
 * On SQLite a post reads everything it is checked against in ONE query (`postChecks`, to which
 * each route adds its own reads: a duplicate, a parent), in a transaction no other post runs in
 * (db/together.ts), and then writes. On PostgreSQL each statement is a round trip to the
 * database, each waiting for the other side, and a post is ONE statement that checks and writes
 * (`limitChecks`, `addressCounted`, `dayCounted`, put together by each route): its writes are
 * made only when its checks pass, and the address's count is a row of its own (`post_limits`)
 * that the statement updates only while the address is under its limit, so that posts sent at
 * once from one address queue on that row and cannot all pass.
 */
import { randomInt } from 'node:crypto';
import { sql, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Store } from '../db/index.ts';
import { Refusal } from '../refusal.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Rows a site's daily count is spread over (see `shard` in db/schema.ts): a shard row is locked
 * from a post's write to its commit, so with dozens of posts in flight 16 rows made them queue.
 */
const DAILY_SHARDS = 64;

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
const windowStart = (l: PostLimits) => new Date(l.now.getTime() - l.windowMinutes * MINUTE_MS).toISOString();

/** The values the limits' queries take, as a post's moment and address make them. */
export interface LimitValues {
  site: string;
  kind: 'comment' | 'message';
  addr_hash: string;
  /** Where the address's window starts, and the day (UTC) counted. */
  since: string;
  day: string;
  per_address: number;
}

/** Their names, for a query compiled once (db/prepared.ts). */
export const LIMIT_NAMES = ['site', 'kind', 'addr_hash', 'since', 'day', 'per_address'] as const;

export const limitValues = (l: PostLimits): LimitValues => ({ site: l.site, kind: l.kind, addr_hash: l.addrHash, since: windowStart(l), day: today(l.now), per_address: l.perAddress });

/**
 * One query reading what a post is limited by: `recent`, the address's posts in the window (at
 * most `perAddress` rows are read, however many it sent), `first`, the oldest of them, and
 * `today`, the site's posts today (summed over its shards; read without a lock: parallel posts
 * may pass the cap by a few, which a daily cap can bear). Routes add their own reads to it.
 */
export function postChecks(trx: Transaction<Database>, l: PostLimits) {
  return checksQuery(trx, l.table, limitValues(l));
}

/** `postChecks` from its values (a route compiles it once with its own reads: db/prepared.ts). */
export function checksQuery(qc: QueryCreator<Database>, table: PostLimits['table'], v: LimitValues) {
  return qc
    .selectFrom((eb) =>
      eb
        .selectFrom(table)
        .select('created_at')
        .where('site', '=', v.site)
        .where('addr_hash', '=', v.addr_hash)
        .where('created_at', '>=', v.since)
        .orderBy('created_at')
        .limit(v.per_address)
        .as('recent'),
    )
    .select((eb) => [
      eb.fn.countAll<number | string>().as('recent'),
      eb.fn.min<string>('recent.created_at').as('first'),
      eb
        .selectFrom('daily')
        .select((d) => d.fn.sum<number | string | null>('total').as('sum'))
        .where('site', '=', v.site)
        .where('kind', '=', v.kind)
        .where('day', '=', v.day)
        .as('today'),
    ]);
}

/** Refuses (429, with the wait) an address that posted `perAddress` times in the window. */
export function refuseOverAddressLimit(found: { recent: number | string; first: string | null }, l: PostLimits, refusal: { code: string; message: string }): void {
  if (Number(found.recent) >= l.perAddress) throw addressRefusal(found.first, l, refusal);
}

/** The address's 429, with the wait until `first`, the oldest of its posts in the window, leaves it (one more is allowed then). */
function addressRefusal(first: string | null, l: PostLimits, refusal: { code: string; message: string }): Refusal {
  const windowMs = l.windowMinutes * MINUTE_MS;
  const wait = Math.max(1, Math.ceil((Date.parse(first ?? l.now.toISOString()) + windowMs - l.now.getTime()) / 1000));
  return new Refusal(429, refusal.code, refusal.message, undefined, wait);
}

/** Refuses (429 until midnight UTC) when the site's daily cap is reached. */
export function refuseOverDailyCap(found: { today: number | string | null }, l: PostLimits, refusal: { code: string; message: string }): void {
  if (l.dailyCap <= 0 || Number(found.today ?? 0) < l.dailyCap) return;
  const midnight = Date.parse(today(l.now)) + DAY_MS;
  throw new Refusal(429, refusal.code, refusal.message, undefined, Math.ceil((midnight - l.now.getTime()) / 1000));
}

/** A shard picked at random for a post's day on PostgreSQL (see `DAILY_SHARDS`). */
const randomShard = () => randomInt(DAILY_SHARDS);

/**
 * SQLite counts every post on one shard: it has one writer, so no post waits for another's row,
 * and a post's check then sums one row of the day, not dozens. The day's count is still the sum
 * of its shards (rows counted on others by an older version, or imported, count too).
 */
export const SQLITE_SHARD = 0;

/** One more post of the site's day, on its shard: a write to go with the post's own (compiled once: db/prepared.ts). */
export const dayQuery = (qc: QueryCreator<Database>, v: { site: string; kind: PostLimits['kind']; day: string; shard: number }) =>
  qc
    .insertInto('daily')
    .values({ site: v.site, kind: v.kind, day: v.day, shard: v.shard, total: 1 })
    .onConflict((oc) => oc.columns(['site', 'kind', 'day', 'shard']).doUpdateSet((eb) => ({ total: eb('daily.total', '+', 1) })));

/*
 * PostgreSQL: the pieces of a post's one statement. Its clauses are named: `checks` (one row:
 * what the post is checked against, as the statement's snapshot has it), `counted` (the
 * address's row, counted when the post passes), `stored` (the post's own row, made only when
 * `counted` has a row), then the writes that go with it, each made from `stored`.
 *
 * The address's row lists its posts in the window, oldest first, each as its ISO date, then a
 * space and the post's `mark` when it has one (a comment's thread and words, hashed): the dates
 * sort as text, so the list's order and the window's start compare as strings.
 */

/**
 * The values a post's statement takes for its limits (see `limitValues`): the post's moment
 * (`at`), its entry in the address's row (`entry`: the moment, then its `mark` if it has one),
 * the day's shard it is counted on and the site's daily cap. The statements are compiled once
 * (db/prepared.ts), so these are values, never SQL.
 */
export interface StatementValues extends LimitValues {
  at: string;
  entry: string;
  mark: string;
  shard: number;
  daily_cap: number;
}

export const STATEMENT_NAMES = [...LIMIT_NAMES, 'at', 'entry', 'mark', 'shard', 'daily_cap'] as const;

export function statementValues(l: PostLimits, mark?: string): StatementValues {
  const at = l.now.toISOString();
  return { ...limitValues(l), at, entry: mark ? `${at} ${mark}` : at, mark: mark ?? '', shard: randomShard(), daily_cap: l.dailyCap };
}

/** `what` over the address's posts in the window, each `t`, from its row `pl` (no row: none). */
const inWindow = (v: StatementValues, what: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`) =>
  sql`(select ${what} from jsonb_array_elements_text(pl.times::jsonb) as t where t >= ${v.since} and ${where})`;

/** What the limits read, as `postChecks` reads it on SQLite: `recent`, `first` and `today`. */
export interface LimitsFound {
  recent: number | string;
  first: string | null;
  today: number | string | null;
}

/**
 * The `checks` clause: the address's `recent` posts and the `first` of them, the site's posts
 * `today`, and each route's own reads (`extra`, each `… as name`), as the statement's snapshot
 * has them (the address's count is decided again in `addressCounted`, on its row as it is then).
 */
export const limitChecks = (v: StatementValues, extra: RawBuilder<unknown>[] = []) => sql`
  select ${sql.join([
    sql`${inWindow(v, sql`count(*)`)} as recent`,
    sql`${inWindow(v, sql`split_part(min(t), ' ', 1)`)} as first`,
    sql`(select sum(total) from daily where site = ${v.site} and kind = ${v.kind} and day = ${v.day}) as today`,
    ...extra,
  ])}
  from (select 1) as one
  left join post_limits as pl on pl.site = ${v.site} and pl.kind = ${v.kind} and pl.addr_hash = ${v.addr_hash}`;

/** The daily cap's condition on `checks`, when the site has one (read without a lock, as on SQLite: see `postChecks`). */
export const underDailyCap = (capped: boolean, v: StatementValues) => (capped ? sql`coalesce(checks.today, 0) < ${v.daily_cap}` : sql`true`);

/**
 * The `counted` clause: when the post passes the route's checks (`passes`, on `checks`), it is
 * added to the address's row, if the row then holds fewer than `perAddress` posts in the window
 * and, when `marked`, none with the same `mark` (older posts are dropped from it). That condition
 * is decided on the row as it is when the statement reaches it, not as the statement's snapshot
 * had it: a post from the same address that wrote the row first makes this one wait for its
 * commit and then see it. So posts sent at once from one address pass the limit no further, and
 * a double post is stored once, with the row's lock held by the statement alone, no transaction
 * around it. A post that passed `checks` and is not counted has met such a post: see `RACE_TRIES`.
 */
export const addressCounted = (v: StatementValues, passes: RawBuilder<unknown>, marked: boolean) => {
  const unmarked = marked ? sql`not exists ${inWindow(v, sql`1`, sql`split_part(t, ' ', 2) = ${v.mark}`)}` : sql`true`;
  return sql`
  insert into post_limits as pl (site, kind, addr_hash, times, last_at)
  select ${v.site}, ${v.kind}, ${v.addr_hash}, jsonb_build_array(${v.entry}::text)::text, ${v.at} from checks where ${passes}
  on conflict (site, kind, addr_hash) do update
    set times = (
        select jsonb_agg(t order by t)::text
        from (select t from jsonb_array_elements_text(pl.times::jsonb) as t where t >= ${v.since} union all select ${v.entry}::text) as kept
      ),
      last_at = greatest(pl.last_at, excluded.last_at)
    where ${inWindow(v, sql`count(*)`)} < ${v.per_address} and ${unmarked}
  returning 1 as counted`;
};

/**
 * How many times a post's statement runs when it passed its checks and was not counted: a post
 * from the same address came first (see `addressCounted`). Run again, its snapshot has that
 * post, and it is refused for what it is (429 with the right wait, or 409); only a third post
 * racing it again would make it run a third time, and then it is answered 429.
 */
export const RACE_TRIES = 3;

/** The 429 of an address that kept racing for its last place (see `RACE_TRIES`). */
export const addressBusy = (found: { first: string | null }, l: PostLimits, refusal: { code: string; message: string }) => addressRefusal(found.first, l, refusal);

/** One more post of the site's day (see `dayQuery`), made from the `stored` clause. */
export const dayCounted = (v: StatementValues) => sql`
  insert into daily (site, kind, day, shard, total)
  select ${v.site}, ${v.kind}, ${v.day}, ${v.shard}, 1 from stored
  on conflict (site, kind, day, shard) do update set total = daily.total + 1`;

/**
 * PostgreSQL: a deleted comment leaves its address's row (`post_limits`), so it no longer takes
 * one of the address's places, nor blocks its words from being posted again: as on SQLite, where
 * the limit counts the comments themselves. Its entry is its date and its mark, as `addressCounted`
 * wrote them (see the comment route's statement).
 */
export async function uncountComment(trx: Transaction<Database>, store: Pick<Store, 'dialect' | 'hash'>, c: { site: string; addr_hash: string; thread: string; content_hash: string; created_at: string }): Promise<void> {
  if (store.dialect != 'postgres') return;
  const entry = `${c.created_at} ${store.hash(`${c.thread}\n${c.content_hash}`)}`;
  await sql`update post_limits set times = (select coalesce(jsonb_agg(t order by t), '[]'::jsonb)::text from jsonb_array_elements_text(times::jsonb) as t where t <> ${entry})
    where site = ${c.site} and kind = 'comment' and addr_hash = ${c.addr_hash}`.execute(trx);
}

/** Deletes the addresses' rows whose newest post has left the window: they limit nothing. */
export async function dropIdleAddressLimits(db: Kysely<Database>, windowMinutes: number, now: Date): Promise<void> {
  await db.deleteFrom('post_limits').where('last_at', '<', new Date(now.getTime() - windowMinutes * MINUTE_MS).toISOString()).execute();
}
