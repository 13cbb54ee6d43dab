/**
 * The schema, one migration per change, the same on SQLite and PostgreSQL (Kysely's schema
 * builder writes each dialect's SQL; only the id column differs). Applied at start by Kysely's
 * Migrator, which locks so that several processes starting together apply each once.
 */
import { randomBytes } from 'node:crypto';
import { MAX_WINDOW_MINUTES } from '../config.ts';
import { deskMigrations } from './desk-migration.ts';
import { OUTBOX_PENDING } from './schema.ts';
import { sql, type Kysely, type Migration, type MigrationProvider, type CreateTableBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** An auto-numbered primary key in either dialect. */
const withId = <T extends string>(t: CreateTableBuilder<T, never>, dialect: Dialect) =>
  dialect == 'postgres'
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

const SALT_BYTES = 32;
const MINUTE_MS = 60_000;

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-initial': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        // The salt of every hash the server stores, shared by all its processes through the database.
        await db.insertInto('meta').values({ key: 'salt', value: randomBytes(SALT_BYTES).toString('base64') }).execute();

        await withId(db.schema.createTable('comments'), dialect)
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('thread', 'text', (c) => c.notNull())
          .addColumn('parent', 'integer')
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('email_hash', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('flag', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('addr_hash', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('json_tail', 'text', (c) => c.notNull())
          .execute();
        // The listing: one thread's approved comments in date order.
        await db.schema.createIndex('comments_listing').on('comments').columns(['site', 'thread', 'status', 'created_at', 'id']).execute();
        await db.schema.createIndex('comments_by_address').on('comments').columns(['site', 'addr_hash', 'created_at']).execute();
        await db.schema.createIndex('comments_duplicate').on('comments').columns(['site', 'thread', 'content_hash']).execute();

        await db.schema
          .createTable('threads')
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('thread', 'text', (c) => c.notNull())
          .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(0))
          .addPrimaryKeyConstraint('threads_pk', ['site', 'thread'])
          .execute();

        await withId(db.schema.createTable('messages'), dialect)
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('key', 'text')
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('page', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('flag', 'text')
          .addColumn('addr_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        // A retry of one message (same key, same text) finds the first; a null key never matches.
        await db.schema.createIndex('messages_key').on('messages').columns(['site', 'key', 'content_hash']).unique().execute();
        await db.schema.createIndex('messages_by_address').on('messages').columns(['site', 'addr_hash', 'created_at']).execute();
        await db.schema.createIndex('messages_listing').on('messages').columns(['site', 'status', 'created_at']).execute();

        await withId(db.schema.createTable('outbox'), dialect)
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('about', 'text', (c) => c.notNull())
          .addColumn('recipients', 'text', (c) => c.notNull())
          .addColumn('reply_to', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('message_id', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_at', 'text', (c) => c.notNull())
          .addColumn('lease', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('sent_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_at']).execute();

        await db.schema
          .createTable('daily')
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('shard', 'integer', (c) => c.notNull())
          .addColumn('total', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('daily_pk', ['site', 'kind', 'day', 'shard'])
          .execute();

        await withId(db.schema.createTable('audit'), dialect)
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '002-pages': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        await db.schema.alterTable('threads').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema
          .createTable('pages')
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('thread', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('pages_pk', ['site', 'thread', 'key'])
          .execute();
      },
    },
    // The firm's desk (issue 14): kept in its own file.
    ...deskMigrations(dialect),
    // Named after the desk's: the migrator applies them in name order, and refuses a new one
    // that sorts before one already applied.
    '011-perf-indexes': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // A mail's rows by what it is about: the desk's inbox (its delivery state), deleting
        // a comment or a message, erasing a person, retention. Each read every row before.
        await db.schema.createIndex('outbox_about').on('outbox').column('about').execute();
        // A commenter's comments by email hash: the trusted-commenter check on a held post,
        // and the desk's find and erase of a person.
        await db.schema.createIndex('comments_by_email').on('comments').columns(['site', 'email_hash']).execute();
        // A comment's replies: deleting a comment (its replies move up) and erasing a person.
        await db.schema.createIndex('comments_by_parent').on('comments').column('parent').execute();
      },
    },
    '012-post-limits': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // The per-address limit as one row per address (see `PostLimitTable`), so that a post on
        // PostgreSQL is one statement instead of a transaction holding a lock. Made on SQLite
        // too (one schema on both), where nothing writes it.
        await db.schema
          .createTable('post_limits')
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('addr_hash', 'text', (c) => c.notNull())
          .addColumn('times', 'text', (c) => c.notNull())
          .addColumn('last_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('post_limits_pk', ['site', 'kind', 'addr_hash'])
          .execute();
        // No index on last_at: the daily prune reads the table once (rows live a window or so),
        // and each post would pay for one more index entry.
        if (dialect != 'postgres') return;
        // The posts already stored in the longest window a config may set, so the limit holds
        // across the upgrade (each post's check reads only those inside its own window).
        const since = new Date(Date.now() - MAX_WINDOW_MINUTES * MINUTE_MS).toISOString();
        for (const [table, kind] of [
          ['comments', 'comment'],
          ['messages', 'message'],
        ] as const) {
          await sql`
            insert into post_limits (site, kind, addr_hash, times, last_at)
            select site, ${kind}, addr_hash, jsonb_agg(created_at order by created_at)::text, max(created_at)
            from ${sql.table(table)}
            where created_at >= ${since} and addr_hash != ''
            group by site, addr_hash`.execute(db);
        }
      },
    },
    '013-postgres-address-indexes': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // PostgreSQL counts an address's posts in its `post_limits` row (012), and nothing there
        // reads comments or messages by address any more: the two indexes only cost each post
        // an index entry (measured: 20 to 40 µs of the database's time per post, of about 400).
        // SQLite still counts the stored posts through them.
        if (dialect != 'postgres') return;
        await db.schema.dropIndex('comments_by_address').ifExists().execute();
        await db.schema.dropIndex('messages_by_address').ifExists().execute();
      },
    },
    '014-outbox-pending': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // The mail still to send, oldest first: the outbox's claim (outbox.ts) read the sent
        // rows too, every one of them, in id order on every round (PostgreSQL, 30,000 sent and
        // 5,000 queued: 13 ms a claim, 33,000 rows read and left). Its term is written as the
        // claim writes it, which SQLite needs to see to use a partial index.
        await db.schema.createIndex('outbox_pending').ifNotExists().on('outbox').column('id').where(sql.raw<boolean>(OUTBOX_PENDING)).execute();
      },
    },
  };
}

export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  getMigrations: async () => migrations(dialect),
});
