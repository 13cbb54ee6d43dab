/**
 * Comments, in the kit's `rest` protocol (README, "The `rest` protocol"):
 *   GET  /api/<site>/comments?thread=…&page=1&per_page=20&order=oldest → {total, comments}
 *   POST /api/<site>/comments {thread, parent, name, email, url, content, firm_hp, firm_elapsed}
 * Content is plain text, stored and served as text.
 */
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app.ts';
import { Refusal } from '../refusal.ts';
import type { CommentStatus, Database } from '../db/schema.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import { spamFlag } from '../spam.ts';
import { akismetFlag } from '../akismet.ts';
import {
  addressBusy,
  addressCounted,
  checksQuery,
  dayCounted,
  dayQuery,
  LIMIT_NAMES,
  limitChecks,
  limitValues,
  RACE_TRIES,
  SQLITE_SHARD,
  refuseOverAddressLimit,
  refuseOverDailyCap,
  STATEMENT_NAMES,
  statementValues,
  underDailyCap,
  type LimitsFound,
} from './limits.ts';
import { startPost } from './post.ts';
import { EMAIL, oneLine } from './fields.ts';
import { threadCounted } from '../db/threads.ts';
import { PREPARED } from '../db/index.ts';
import { postTransaction } from '../db/together.ts';
import { storedRow } from '../db/statistics.ts';
import { prepared, preparedOnSqlite, preparedSql } from '../db/prepared.ts';
import { queueModerationMails, subscribe } from '../desk/mail.ts';
import type { DeskSite } from '../desk/settings.ts';

export const MAX_THREAD = 512;
export const MAX_NAME = 100;
export const MAX_EMAIL = 254;
export const MAX_URL = 2000;
export const MAX_COMMENT = 10_000;
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 20;
// Page numbers beyond this are no thread's: a guard against huge OFFSETs.
const MAX_PAGE = 100_000;
const MAX_ID_DIGITS = 15;
/** The largest id a comment can have: PostgreSQL's `serial` is a 32-bit integer. */
const MAX_ID = 2_147_483_647;
/**
 * Which pages are kept once built: the first ten, in the page sizes pages use (the kit's default
 * is 20). Others are rare and built when asked; the limit keeps what a thread can cache small
 * whatever sizes and pages a visitor asks for.
 */
const MAX_CACHED_PAGE = 10;
const CACHED_SIZES = [10, 20, 25, 50, 100];
const EMPTY = '{"total":0,"comments":[]}';

const listQuery = {
  type: 'object',
  required: ['thread'],
  properties: {
    thread: { type: 'string', minLength: 1, maxLength: MAX_THREAD },
    page: { type: 'string', pattern: '^[0-9]{1,6}$' },
    per_page: { type: 'string', pattern: '^[0-9]{1,3}$' },
    order: { type: 'string', enum: ['oldest', 'newest'] },
  },
} as const;

const postBody = {
  type: 'object',
  required: ['thread', 'content'],
  properties: {
    thread: { type: 'string', minLength: 1, maxLength: MAX_THREAD },
    parent: { type: ['string', 'null'], maxLength: MAX_ID_DIGITS },
    name: { type: 'string', maxLength: MAX_NAME },
    email: { type: 'string', maxLength: MAX_EMAIL },
    url: { type: ['string', 'null'], maxLength: MAX_URL },
    content: { type: 'string', maxLength: MAX_COMMENT },
    firm_hp: { type: 'string', maxLength: 1000 },
    firm_elapsed: { type: 'number', minimum: 0 },
    // Reply notifications (opt-in, confirmed by mail), in the language the commenter wrote in.
    notify: { type: 'boolean' },
    lang: { type: 'string', maxLength: 35 },
  },
} as const;

interface ListQuery {
  thread: string;
  page?: string;
  per_page?: string;
  order?: 'oldest' | 'newest';
}

interface PostBody {
  thread: string;
  parent?: string | null;
  name?: string;
  email?: string;
  url?: string | null;
  content: string;
  firm_hp?: string;
  firm_elapsed?: number;
  notify?: boolean;
  lang?: string;
}

/** The comment as listed, less its id (which the database gives): see `json_tail` in db/schema.ts. */
export const jsonTail = (c: { parent: number | null; author: string; url: string | null; date: string; content: string }) =>
  JSON.stringify({ parent: c.parent === null ? null : String(c.parent), author: c.author, url: c.url, avatar: null, date: c.date, content: c.content }).slice(1);

/** A stored comment's listing JSON: its id, then what was written with it. */
export const commentJson = (id: number, tail: string) => `{"id":"${id}",${tail}`;

/** What a comment's one statement on PostgreSQL answers: its checks, and the comment if stored. */
interface CommentFound extends LimitsFound {
  duplicate: boolean;
  parent_found: boolean;
  id: number | null;
  status: CommentStatus | null;
}

/** What a comment's checks read on SQLite (see `postChecks` in routes/limits.ts). */
interface SqliteFound extends LimitsFound {
  duplicate: number;
  parent_found: number;
  verified?: number;
  approved_before?: number;
}

/**
 * SQLite: a comment's statements, each built by Kysely and prepared once (db/prepared.ts) and
 * run synchronously in the post's transaction: building them on each post cost more than
 * running them.
 */
function sqliteStatements(db: Kysely<Database>, sqlite: SQLite.Database) {
  const checks = (trusting: boolean) =>
    preparedOnSqlite<SqliteFound, (typeof LIMIT_NAMES)[number] | 'thread' | 'content_hash' | 'parent' | 'email_hash'>(
      sqlite,
      [...LIMIT_NAMES, 'thread', 'content_hash', 'parent', ...(trusting ? (['email_hash'] as const) : [])],
      (v) =>
        checksQuery(db, 'comments', v)
          .select((eb) => [
            eb.exists(eb.selectFrom('comments').select('id').where('site', '=', v.site).where('thread', '=', v.thread).where('content_hash', '=', v.content_hash)).as('duplicate'),
            eb
              .exists(eb.selectFrom('comments').select('id').where('id', '=', v.parent).where('site', '=', v.site).where('thread', '=', v.thread).where('status', '=', 'approved'))
              .as('parent_found'),
          ])
          // Desk: is the author (by email hash) verified on the site, and how many of their own
          // comments (not the firm's replies) were approved? A trusted author skips the queue.
          .$if(trusting, (qb) =>
            qb.select((eb) => [
              eb.exists(eb.selectFrom('verified').select('site').where('site', '=', v.site).where('email_hash', '=', v.email_hash)).as('verified'),
              eb
                .selectFrom('comments')
                .select((c) => c.fn.countAll<number | string>().as('n'))
                .where('site', '=', v.site)
                .where('email_hash', '=', v.email_hash)
                .where('status', '=', 'approved')
                .where('staff', '=', 0)
                .as('approved_before'),
            ]),
          ),
    );
  const COLUMNS = ['site', 'thread', 'parent', 'author', 'email_hash', 'url', 'content', 'status', 'flag', 'created_at', 'addr_hash', 'content_hash', 'json_tail'] as const;
  return {
    checks: checks(false),
    checksTrusting: checks(true),
    countedToday: preparedOnSqlite(sqlite, ['site', 'kind', 'day', 'shard'] as const, (v) => dayQuery(db, v)),
    threadCounted: preparedOnSqlite(sqlite, ['site', 'thread'] as const, (v) => threadCounted(db, v.site, v.thread, 1)),
    insert: preparedOnSqlite<{ id: number }, (typeof COLUMNS)[number]>(sqlite, COLUMNS, (v) => db.insertInto('comments').values(v).returning('id')),
  };
}

/** The names of a comment's values in its statement on PostgreSQL (see `postgresStatements`). */
const COMMENT_NAMES = [
  ...STATEMENT_NAMES,
  'thread',
  'content_hash',
  'parent',
  'parent_or_0',
  'email_hash',
  'trusted_after',
  'author',
  'url',
  'content',
  'status',
  'flag',
  'json_tail',
] as const;

/**
 * PostgreSQL: a comment's one statement, the checks and the writes (see routes/limits.ts),
 * compiled once for each of its shapes (db/prepared.ts) and run as a named prepared statement.
 * When its author may be trusted, the comment's status is decided in it too.
 */
function postgresStatements(db: Kysely<Database>) {
  const shapes = new Map<string, ReturnType<typeof preparedSql<Database, CommentFound, (typeof COMMENT_NAMES)[number]>>>();
  return (shape: { trusting: boolean; reply: boolean; capped: boolean }) => {
    const key = `${shape.trusting}:${shape.reply}:${shape.capped}`;
    let statement = shapes.get(key);
    if (!statement) {
      statement = preparedSql(db, COMMENT_NAMES, (v) => {
        const status = shape.trusting ? sql`case when checks.verified and checks.approved_before >= ${v.trusted_after} then 'approved' else 'hold' end` : sql`${v.status}`;
        return sql<CommentFound>`${sql.raw(PREPARED)}
      with checks as (${limitChecks(v, [
        sql`exists (select 1 from comments where site = ${v.site} and thread = ${v.thread} and content_hash = ${v.content_hash}) as duplicate`,
        sql`exists (select 1 from comments where id = ${v.parent_or_0} and site = ${v.site} and thread = ${v.thread} and status = 'approved') as parent_found`,
        ...(shape.trusting
          ? [
              sql`exists (select 1 from verified where site = ${v.site} and email_hash = ${v.email_hash}) as verified`,
              sql`(select count(*) from comments where site = ${v.site} and email_hash = ${v.email_hash} and status = 'approved' and staff = 0) as approved_before`,
            ]
          : []),
      ])}),
      counted as (${addressCounted(v, sql`not checks.duplicate and ${shape.reply ? sql`checks.parent_found` : sql`true`} and ${underDailyCap(shape.capped, v)}`, true)}),
      stored as (
        insert into comments (site, thread, parent, author, email_hash, url, content, status, flag, created_at, addr_hash, content_hash, json_tail)
        select ${v.site}, ${v.thread}, ${v.parent}, ${v.author}, ${v.email_hash}, ${v.url}, ${v.content}, ${status}, ${v.flag}, ${v.at}, ${v.addr_hash}, ${v.content_hash}, ${v.json_tail}
        from counted, checks
        returning id, status
      ),
      daily_counted as (${dayCounted(v)}),
      thread_counted as (
        insert into threads (site, thread, approved, version)
        select ${v.site}, ${v.thread}, 1, 1 from stored where stored.status = 'approved'
        on conflict (site, thread) do update set approved = threads.approved + 1, version = threads.version + 1
      )
      select checks.*, stored.id, stored.status from checks left join stored on true`;
      });
      shapes.set(key, statement);
    }
    return statement;
  };
}

export async function commentRoutes(api: FastifyInstance, options: AppOptions): Promise<void> {
  const { store, config } = options;
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const onSqlite = store.sqlite && sqliteStatements(db, store.sqlite);
  const postgresStatement = postgresStatements(db);

  // The page as answered, if it was built since the thread's last write; else the thread's
  // count and version to build it with (no row: nothing was ever approved there).
  const cachedPage = prepared(db as never, ['site', 'thread', 'key'] as const, (v) =>
    db
      .selectFrom('threads as t')
      .leftJoin('pages as p', (join) => join.onRef('p.site', '=', 't.site').onRef('p.thread', '=', 't.thread').onRef('p.version', '=', 't.version').on('p.key', '=', v.key))
      .select(['t.approved', 't.version', 'p.body'])
      .where('t.site', '=', v.site)
      .where('t.thread', '=', v.thread),
  );

  api.get<{ Querystring: ListQuery }>('/comments', { schema: { querystring: listQuery }, config: { protocol: 'comments' } }, async (req, reply) => {
    const { thread, order = 'oldest' } = req.query;
    const page = Math.min(Math.max(Number(req.query.page ?? 1), 1), MAX_PAGE);
    const size = Math.min(Math.max(Number(req.query.per_page ?? DEFAULT_PER_PAGE), 1), MAX_PER_PAGE);
    const key = `${order}:${size}:${page}`;
    reply.header('Cache-Control', 'no-cache').type('application/json; charset=utf-8');
    const [found] = (await cachedPage({ site: req.site.id, thread, key })).rows;
    if (!found) return reply.send(EMPTY);
    if (found.body !== null) return reply.send(found.body);

    const direction = order == 'newest' ? 'desc' : 'asc';
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'json_tail'])
      .where('site', '=', req.site.id)
      .where('thread', '=', thread)
      .where('status', '=', 'approved')
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .limit(size)
      .offset((page - 1) * size)
      .execute();
    // Each comment's JSON was written with it: the page is joined, not serialized.
    const body = `{"total":${found.approved},"comments":[${rows.map((r) => commentJson(r.id, r.json_tail)).join(',')}]}`;
    // Kept for the next reads, under the version it was built from: a write since then has
    // raised the thread's version, so this copy would never be served.
    if (rows.length && page <= MAX_CACHED_PAGE && CACHED_SIZES.includes(size)) {
      await db
        .insertInto('pages')
        .values({ site: req.site.id, thread, key, version: found.version, body })
        .onConflict((oc) => oc.columns(['site', 'thread', 'key']).doUpdateSet({ version: found.version, body }))
        .execute();
    }
    return reply.send(body);
  });

  api.post<{ Body: PostBody }>('/comments', { schema: { body: postBody }, config: { protocol: 'comments' } }, async (req, reply) => {
    const { site, texts: t } = req;
    const b = req.body;
    const thread = b.thread;
    if (site.closed || site.closedThreads.includes(thread)) throw new Refusal(403, 'closed', t.closed);

    const author = oneLine(b.name ?? '');
    const email = (b.email ?? '').trim();
    const url = (b.url ?? '').trim();
    const content = b.content.replace(/\r\n?/g, '\n').trim();
    const parentText = (b.parent ?? '').trim();
    const fields: Record<string, string> = {};
    if (!author) fields.name = t.name;
    if (!EMAIL.test(email)) fields.email = t.email;
    if (url && !URL.canParse(url)) fields.url = t.url;
    else if (url && !['http:', 'https:'].includes(new URL(url).protocol)) fields.url = t.url;
    if (!content) fields.content = t.content;
    // No comment has an id beyond the id column's range (PostgreSQL refused to compare one: a 500).
    if (parentText && (!/^\d+$/.test(parentText) || Number(parentText) > MAX_ID)) fields.parent = t.parent;
    if (Object.keys(fields).length) throw new Refusal(422, 'invalid', t.invalid, fields);

    const { at, addrHash, limits } = startPost(req, store, config, 'comment', now());
    const date = at.toISOString();
    const contentHash = store.hash(`${author}\n${email.toLowerCase()}\n${content}`);
    const flag =
      spamFlag(config.spam, b, [author, url, content]) ??
      (await akismetFlag(req, store, limits, { type: parentText ? 'reply' : 'comment', author, email, url, content }));
    let status: CommentStatus = flag ? 'spam' : site.moderation == 'approve' ? 'approved' : 'hold';
    const emailHash = store.hash(email.toLowerCase());
    const desk = site as DeskSite;
    const parent = parentText ? Number(parentText) : null;

    const trustedAfter = desk.trustedAfter ?? 0;
    // Only a comment that would wait for moderation asks whether its author is trusted.
    const trustable = status == 'hold' && trustedAfter > 0;

    const tail = jsonTail({ parent, author, url: url || null, date, content });
    const tooFast = { code: 'too_fast', message: t.tooFast };
    const dailyCap = { code: 'too_fast', message: t.dailyCap };
    // Mail that goes with a stored comment, made from its id: to the moderators about a held
    // one, and the confirmation of reply notifications asked for.
    const mailed = (s: CommentStatus) => (s == 'hold' && site.moderators.length > 0) || (b.notify === true && s != 'spam');
    const mailsAbout = async (trx: Transaction<Database>, commentId: number) => {
      if (status == 'hold' && site.moderators.length) {
        await queueModerationMails(trx, store, config, site, { id: commentId, thread, author, content }, at);
      }
      if (b.notify === true && status != 'spam') {
        await subscribe(trx, store, config, site, commentId, email, b.lang || (req.headers['accept-language'] ?? 'en'), at);
      }
    };

    const storedOnSqlite = () =>
      postTransaction(store, async (trx) => {
        // Every check's reads in one query (see routes/limits.ts); refused in this order.
        const values = { ...limitValues(limits), thread, content_hash: contentHash, parent: parent ?? 0, email_hash: emailHash };
        const found = (trustable ? onSqlite!.checksTrusting : onSqlite!.checks).get(values)!;
        refuseOverAddressLimit(found, limits, tooFast);
        if (parent !== null && !found.parent_found) throw new Refusal(422, 'invalid', t.invalid, { parent: t.parent });
        if (found.duplicate) throw new Refusal(409, 'duplicate', t.duplicate);
        refuseOverDailyCap(found, limits, dailyCap);
        // An unverified address is never trusted, however many of its comments were approved.
        if (trustable && found.verified && Number(found.approved_before ?? 0) >= trustedAfter) status = 'approved';

        // The comment, its day's count and (when listed) its thread's count and version. The
        // thread's cached pages are left where they are: the new version makes them
        // unreachable, and the next read's page replaces each.
        onSqlite!.countedToday.run({ site: site.id, kind: 'comment', day: values.day, shard: SQLITE_SHARD });
        if (status == 'approved') onSqlite!.threadCounted.run({ site: site.id, thread });
        const row = onSqlite!.insert.get({
          site: site.id,
          thread,
          parent,
          author,
          email_hash: emailHash,
          url: url || null,
          content,
          status,
          flag: flag ?? null,
          created_at: date,
          addr_hash: addrHash,
          content_hash: contentHash,
          json_tail: tail,
        })!;
        await mailsAbout(trx, row.id);
        return row.id;
      });

    // PostgreSQL: the checks and the writes in one statement (see routes/limits.ts), the
    // comment's status decided in it too when its author may be trusted. Alone, it commits by
    // itself: one round trip. With mail to queue (made from the new id, with signed links), it
    // runs in a transaction with the mail, as before.
    const storedOnPostgres = async () => {
      const commentStatement = postgresStatement({ trusting: trustable, reply: parent !== null, capped: limits.dailyCap > 0 });
      const values = {
        ...statementValues(limits, store.hash(`${thread}\n${contentHash}`)),
        thread,
        content_hash: contentHash,
        parent,
        parent_or_0: parent ?? 0,
        email_hash: emailHash,
        trusted_after: trustedAfter,
        author,
        url: url || null,
        content,
        status,
        flag: flag ?? null,
        json_tail: tail,
      };
      // A comment that may yet be trusted is 'hold' here: whatever it becomes, it needs no more mail.
      const withMail = mailed(status);
      for (let tries = 1; ; tries++) {
        const found = withMail
          ? await db.transaction().execute(async (trx) => {
              const [row] = (await commentStatement(values, trx)).rows;
              if (row.id !== null) {
                status = row.status ?? status;
                await mailsAbout(trx, row.id);
              }
              return row;
            })
          : (await commentStatement(values)).rows[0];
        if (found.id !== null) {
          status = found.status ?? status;
          return found.id;
        }
        // Refused in the order SQLite refuses.
        refuseOverAddressLimit(found, limits, tooFast);
        if (parent !== null && !found.parent_found) throw new Refusal(422, 'invalid', t.invalid, { parent: t.parent });
        if (found.duplicate) throw new Refusal(409, 'duplicate', t.duplicate);
        refuseOverDailyCap(found, limits, dailyCap);
        if (tries == RACE_TRIES) throw addressBusy(found, limits, tooFast);
      }
    };

    const id = store.dialect == 'postgres' ? await storedOnPostgres() : await storedOnSqlite();
    storedRow(store, 'comments', req.log);
    if ((status == 'hold' && site.moderators.length) || b.notify === true) options.outbox?.nudge();
    req.stored = { site: site.id, comment: id, comment_status: status, flag };

    // A flagged comment is answered as held: a bot learns nothing.
    // Mail about replies asked for: nothing is sent before the commenter confirms it from the link
    // just mailed, so the kit asks them to look for it. Said for a flagged comment too (which gets
    // no mail), so the answer tells a bot nothing.
    const confirm = b.notify === true ? ',"notify":"confirm"' : '';
    const answer = `${commentJson(id, tail.slice(0, -1))},"status":"${status == 'approved' ? 'approved' : 'hold'}"${confirm}}`;
    return reply.code(201).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(answer);
  });
}
