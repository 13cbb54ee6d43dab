/**
 * Opening the store: SQLite in the data folder (WAL, synchronous writes: a committed row
 * survives a killed process) or PostgreSQL from a URL; then the migrations; then the salt.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';
import type { SettingsCache } from '../desk/settings.ts';
import { migrationProvider, type Dialect } from './migrations.ts';

export type { Dialect };

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data is, for logs and the snippet: the SQLite file, or the PostgreSQL host and database. */
  where: string;
  /** A salted hash (HMAC-SHA256 with the store's own salt), for what must be recognised but never kept. */
  hash(value: string): string;
  /** The desk's settings per site as this process last read them (desk/settings.ts, `cachedDeskSite`). */
  settingsCache: SettingsCache;
  /** The SQLite handle (backup), when SQLite. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'firm.db';

/** SQL text that starts with this runs on PostgreSQL as a named prepared statement (see `PreparedClient`). */
export const PREPARED = '/* prepared */ ';
/** More texts than this marked `PREPARED` means something is generating them: the rest run unnamed. */
const MAX_PREPARED = 64;
const preparedNames = new Map<string, string>();

/**
 * pg's client, running the queries marked `PREPARED` (a post's one statement) as named prepared
 * statements, as the bench's floor does: PostgreSQL then parses and plans such a statement once
 * per connection, not on every post (a post's statement is a long one), and its text is sent
 * once. Only those: a name stays prepared on its connection for the connection's life, and the
 * marked statements have a handful of texts between them. Kysely sends every query as
 * `query(text, values)`; pg takes a name in the query's config.
 */
class PreparedClient extends pg.Client {}
const plainQuery = pg.Client.prototype.query;
PreparedClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [text, values] = args;
  if (args.length == 2 && typeof text == 'string' && text.startsWith(PREPARED) && Array.isArray(values)) {
    let name = preparedNames.get(text);
    if (!name && preparedNames.size < MAX_PREPARED) {
      name = `firm_${preparedNames.size}`;
      preparedNames.set(text, name);
    }
    if (name) return (plainQuery as (config: pg.QueryConfig) => unknown).call(this, { name, text, values });
  }
  return (plainQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof plainQuery;
/** Statements kept prepared; the server's queries are few, so a full cache means something is generating SQL. */
const STATEMENT_CACHE = 256;
const POOL_SIZE = 10;
const BUSY_TIMEOUT_MS = 5000;

/**
 * better-sqlite3 behind Kysely, with each statement prepared once: Kysely prepares on every
 * query, which costs more than running a small one.
 */
function preparedOnce(db: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        stmt = db.prepare(sqlText);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  } as SqliteDatabase;
}

export function openSqlite(dataDir: string): SQLite.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = new SQLite(join(dataDir, SQLITE_FILE));
  file.pragma('journal_mode = WAL');
  // FULL: each commit is on disk before the answer, in WAL mode too.
  file.pragma('synchronous = FULL');
  file.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return file;
}

export async function openStore(options: { data: string; database?: string }): Promise<Store> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  let where: string;
  let sqlite: SQLite.Database | undefined;
  if (options.database) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: options.database, max: POOL_SIZE, Client: PreparedClient });
    const url = new URL(options.database);
    where = `PostgreSQL ${url.hostname || url.searchParams.get('host') || 'localhost'}${url.pathname}`;
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    sqlite = openSqlite(options.data);
    where = `SQLite ${join(options.data, SQLITE_FILE)}`;
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
  }

  // On PostgreSQL, Kysely's own tables go in the connection's schema, named: unnamed, it would
  // take another schema's (another app's, another test's) for ours and never make its own.
  const schema = dialect == 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema : undefined;
  const { error } = await new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema: schema }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  const { value: salt } = await db.selectFrom('meta').select('value').where('key', '=', 'salt').executeTakeFirstOrThrow();
  return {
    db,
    dialect,
    where,
    sqlite,
    settingsCache: new Map(),
    hash: (value) => createHmac('sha256', salt).update(value).digest('base64url'),
    close: () => db.destroy(),
  };
}
