/**
 * Messages, in the contact form's protocol (README, `<firm-contact-form>`, "What is sent"):
 *   POST /api/<site>/messages, JSON or url-encoded → 201 {"id": "17", "status": "received"}
 * Stored before anything else; mail to the staff goes through the outbox. A retry of the same
 * message (same `key`, same words) is answered with the first, never stored twice; the same key
 * with other words is another message.
 */
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app.ts';
import { Refusal } from '../refusal.ts';
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
  type StatementValues,
} from './limits.ts';
import { startPost } from './post.ts';
import { PREPARED } from '../db/index.ts';
import { postTransaction } from '../db/together.ts';
import { storedRow } from '../db/statistics.ts';
import { preparedOnSqlite, preparedSql } from '../db/prepared.ts';
import { sql, type Insertable, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database, MessageStatus, MessageTable, OutboxTable } from '../db/schema.ts';
import { outboxRow, type QueuedMail } from '../outbox.ts';
import { EMAIL, oneLine } from './fields.ts';
import { recipientsFor } from '../desk/settings.ts';

export const MAX_MESSAGE = 20_000;
const MAX_LINE = 200;
const MAX_PHONE = 50;
const MAX_LANGUAGE = 35;
const MAX_PAGE_URL = 2000;
const MAX_KEY = 64;
// A phone number has at least this many digits (a local number without its area code).
const MIN_PHONE_DIGITS = 5;

const postBody = {
  type: 'object',
  required: ['message', 'consent'],
  properties: {
    name: { type: 'string', maxLength: MAX_LINE },
    email: { type: 'string', maxLength: 254 },
    phone: { type: 'string', maxLength: MAX_PHONE },
    language: { type: 'string', maxLength: MAX_LANGUAGE },
    topic: { type: 'string', maxLength: MAX_LINE },
    message: { type: 'string', maxLength: MAX_MESSAGE },
    consent: { type: 'boolean' },
    page: { type: 'string', maxLength: MAX_PAGE_URL },
    key: { type: 'string', maxLength: MAX_KEY, pattern: '^[A-Za-z0-9_-]*$' },
    firm_hp: { type: 'string', maxLength: 1000 },
    firm_elapsed: { type: 'number', minimum: 0 },
  },
} as const;

interface PostBody {
  name?: string;
  email?: string;
  phone?: string;
  language?: string;
  topic?: string;
  message: string;
  consent: boolean;
  page?: string;
  key?: string;
  firm_hp?: string;
  firm_elapsed?: number;
}

/** The staff's mail for a stored message (also when the desk resends it or releases it from spam). */
export function messageMail(
  siteName: string,
  siteId: string,
  id: number,
  m: { name: string; email: string; phone: string; language: string; topic: string; page: string; message: string; created_at: string },
  recipients: string[],
  at: Date,
): QueuedMail {
  return {
    site: siteId,
    about: `message:${id}`,
    recipients,
    replyTo: m.email && EMAIL.test(m.email) ? m.email : undefined,
    subject: `[${siteName}] Message from ${m.name || m.email || m.phone}${m.topic ? `: ${m.topic}` : ''}`.slice(0, 200),
    body: [
      `A message from ${siteName}'s website.`,
      '',
      `Name: ${m.name}`,
      `Email: ${m.email}`,
      `Phone: ${m.phone}`,
      `Language: ${m.language}`,
      `Topic: ${m.topic}`,
      `Page: ${m.page}`,
      `Received: ${m.created_at}`,
      '',
      m.message,
    ].join('\n'),
    at,
  };
}

/** What a message's one statement on PostgreSQL answers: its checks, and the message if stored. */
interface MessageFound extends LimitsFound {
  same: number | null;
  id: number | null;
}

/**
 * SQLite: a message's statements, each built by Kysely and prepared once (db/prepared.ts) and
 * run synchronously in the post's transaction. The inserts are compiled for the columns a row
 * has (a mail with headers has one more), once per set of columns.
 */
function sqliteStatements(db: Kysely<Database>, sqlite: SQLite.Database) {
  const inserts = new Map<string, ReturnType<typeof preparedOnSqlite<{ id: number }, string>>>();
  const insert = (table: 'messages' | 'outbox', row: Insertable<MessageTable> | Insertable<OutboxTable>) => {
    const columns = Object.keys(row);
    const key = `${table}:${columns.join(',')}`;
    let statement = inserts.get(key);
    if (!statement) {
      statement = preparedOnSqlite<{ id: number }, string>(sqlite, columns, (v) => db.insertInto(table).values(v as never).returning('id'));
      inserts.set(key, statement);
    }
    return statement.get(row as Record<string, unknown>)!.id;
  };
  return {
    checks: preparedOnSqlite<LimitsFound & { same: number | null }, (typeof LIMIT_NAMES)[number] | 'key' | 'content_hash'>(sqlite, [...LIMIT_NAMES, 'key', 'content_hash'], (v) =>
      checksQuery(db, 'messages', v).select((eb) =>
        eb.selectFrom('messages').select('id').where('site', '=', v.site).where('key', '=', v.key).where('content_hash', '=', v.content_hash).limit(1).as('same'),
      ),
    ),
    countedToday: preparedOnSqlite(sqlite, ['site', 'kind', 'day', 'shard'] as const, (v) => dayQuery(db, v)),
    insert,
  };
}

/**
 * PostgreSQL: a message's one statement, the checks, the message, its day's count and the
 * staff's mail (see routes/limits.ts), compiled once for each of its shapes (db/prepared.ts) and
 * run as a named prepared statement. Its values are named after their columns, the mail's with
 * `mail_` before them.
 */
function postgresStatements(db: Kysely<Database>) {
  const shapes = new Map<string, ReturnType<typeof preparedSql<Database, MessageFound, string>>>();
  return (shape: { keyed: boolean; capped: boolean; message: object; mail?: object }) => {
    const messageColumns = Object.keys(shape.message);
    const mailColumns = shape.mail ? Object.keys(shape.mail) : [];
    const key = `${shape.keyed}:${shape.capped}:${messageColumns.join(',')}:${shape.mail ? mailColumns.join(',') : 'no mail'}`;
    let statement = shapes.get(key);
    if (!statement) {
      const names = [...STATEMENT_NAMES, ...messageColumns, 'key_or_empty', ...mailColumns.map((c) => `mail_${c}`)];
      statement = preparedSql<Database, MessageFound, string>(db, names, (v) => {
        const limits = v as unknown as StatementValues;
        const columns = (list: string[]) => sql.join(list.map((c) => sql.ref(c)));
        const mailValues = sql.join(mailColumns.map((c) => (c == 'about' ? sql`'message:' || stored.id` : sql`${v[`mail_${c}`]}`)));
        return sql<MessageFound>`${sql.raw(PREPARED)}
      with checks as (${limitChecks(limits, [sql`(select id from messages where site = ${v.site} and key = ${v.key_or_empty} and content_hash = ${v.content_hash} limit 1) as same`])}),
      counted as (${addressCounted(limits, sql`${shape.keyed ? sql`checks.same is null` : sql`true`} and ${underDailyCap(shape.capped, limits)}`, false)}),
      stored as (
        insert into messages (${columns(messageColumns)})
        select ${sql.join(messageColumns.map((c) => sql`${v[c]}`))} from counted
        returning id
      ),
      daily_counted as (${dayCounted(limits)})${shape.mail ? sql`,
      mailed as (insert into outbox (${columns(mailColumns)}) select ${mailValues} from stored)` : sql``}
      select checks.*, stored.id from checks left join stored on true`;
      });
      shapes.set(key, statement);
    }
    return statement;
  };
}

export async function messageRoutes(api: FastifyInstance, options: AppOptions): Promise<void> {
  const { store, config } = options;
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const onSqlite = store.sqlite && sqliteStatements(db, store.sqlite);
  const postgresStatement = postgresStatements(db);

  api.post<{ Body: PostBody }>('/messages', { schema: { body: postBody }, config: { protocol: 'messages' } }, async (req, reply) => {
    const { site, texts: t } = req;
    const b = req.body;
    const m = {
      name: oneLine(b.name ?? ''),
      email: (b.email ?? '').trim(),
      phone: oneLine(b.phone ?? ''),
      language: oneLine(b.language ?? ''),
      topic: oneLine(b.topic ?? ''),
      message: b.message.replace(/\r\n?/g, '\n').trim(),
      page: oneLine(b.page ?? ''),
    };
    const fields: Record<string, string> = {};
    if (!m.email && !m.phone) fields.email = fields.phone = t.emailOrPhone;
    if (m.email && !EMAIL.test(m.email)) fields.email = t.email;
    if (m.phone && (m.phone.match(/\d/g)?.length ?? 0) < MIN_PHONE_DIGITS) fields.phone = t.phone;
    if (!m.message) fields.message = t.message;
    if (b.consent !== true) fields.consent = t.consent;
    if (Object.keys(fields).length) throw new Refusal(400, 'firm_invalid', t.invalid, fields);

    const key = b.key || null;
    const contentHash = store.hash(JSON.stringify([m.name, m.email, m.phone, m.language, m.topic, m.message]));
    const { at, addrHash, limits } = startPost(req, store, config, 'message', now());
    const flag =
      spamFlag(config.spam, b, [m.name, m.topic, m.message]) ??
      (await akismetFlag(req, store, limits, { type: 'contact-form', author: m.name, email: m.email, content: m.message }));
    // Routed by topic when the site's settings name it (family visas → one inbox…).
    const recipients = recipientsFor(site, m.topic);
    const mailed = !flag && recipients.length > 0;
    const refusal = { code: 'firm_rate_limited', message: t.tooFast };

    const dailyCap = { code: 'firm_rate_limited', message: t.dailyCap };
    // The staff's mail; its `about` names the message's id, which the database gives.
    const mail = outboxRow(config, messageMail(site.name, site.id, 0, { ...m, created_at: at.toISOString() }, recipients, at));
    const message = {
      site: site.id,
      key,
      content_hash: contentHash,
      ...m,
      status: (flag ? 'flagged' : 'received') as MessageStatus,
      flag: flag ?? null,
      addr_hash: addrHash,
      created_at: at.toISOString(),
    };

    const storedOnSqlite = () =>
      postTransaction(store, async () => {
        // Every check's reads in one query (see routes/limits.ts): first a try of a message
        // already stored, answered with it; then the limits.
        const values = { ...limitValues(limits), key: key ?? '', content_hash: contentHash };
        const found = onSqlite!.checks.get(values)!;
        if (key && found.same !== null) return { id: Number(found.same), again: true };
        refuseOverAddressLimit(found, limits, refusal);
        refuseOverDailyCap(found, limits, dailyCap);
        // The message, its day's count and the staff's mail, which names the message's id.
        onSqlite!.countedToday.run({ site: site.id, kind: 'message', day: values.day, shard: SQLITE_SHARD });
        const id = onSqlite!.insert('messages', message);
        if (mailed) onSqlite!.insert('outbox', { ...mail, about: `message:${id}` });
        return { id, again: false };
      });

    // PostgreSQL: the checks, the message, its day's count and the staff's mail in one
    // statement that commits by itself (see routes/limits.ts): one round trip.
    const storedOnPostgres = async () => {
      const messageStatement = postgresStatement({ keyed: key !== null, capped: limits.dailyCap > 0, message, mail: mailed ? mail : undefined });
      const values: Record<string, unknown> = { ...statementValues(limits), ...message, key_or_empty: key ?? '' };
      for (const [column, value] of Object.entries(mail)) values[`mail_${column}`] = value;
      for (let tries = 1; ; tries++) {
        const [found] = (await messageStatement(values)).rows;
        // A try of a message already stored is answered with it, before the limits.
        if (key && found.same !== null) return { id: Number(found.same), again: true };
        if (found.id !== null) return { id: found.id, again: false };
        refuseOverAddressLimit(found, limits, refusal);
        refuseOverDailyCap(found, limits, dailyCap);
        if (tries == RACE_TRIES) throw addressBusy(found, limits, refusal);
      }
    };
    const stored = () => (store.dialect == 'postgres' ? storedOnPostgres() : storedOnSqlite());

    let result: { id: number; again: boolean };
    try {
      result = await stored();
    } catch (error) {
      // Two tries of one message at the same moment: the unique key lets one in; the other
      // is answered with it.
      if (error instanceof Refusal || !key) throw error;
      const same = await db.selectFrom('messages').select('id').where('site', '=', site.id).where('key', '=', key).where('content_hash', '=', contentHash).executeTakeFirst();
      if (!same) throw error;
      result = { id: same.id, again: true };
    }
    if (!result.again) storedRow(store, 'messages', req.log);
    if (mailed && !result.again) options.outbox?.nudge();
    req.stored = { site: site.id, message: result.id, flag, again: result.again };
    // A flagged message is answered like any other: a bot learns nothing.
    return reply.code(201).header('Cache-Control', 'no-store').send({ id: String(result.id), status: 'received' });
  });
}
