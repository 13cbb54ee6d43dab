/**
 * What the server's tests share: a fresh store per test (SQLite in a temporary folder, or, when
 * FIRM_TEST_DATABASE_URL is set by `npm run test:postgres`, a fresh database on that PostgreSQL),
 * a config, and an app built on them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { readConfig, type Config } from '../src/config.ts';
import { openStore, type Store } from '../src/db/index.ts';
import { buildApp } from '../src/app.ts';
import { SCRYPT, TEST_COST } from '../src/auth.ts';

/**
 * Password hashes in the tests at a cost of 2^10 instead of OWASP's 2^17 (a few milliseconds, not
 * a third of a second): every test that signs in is about who may, when and how often, not about
 * the cost. The test named "scrypt at OWASP's parameters" takes this away and hashes at the real one.
 */
export const TEST_SCRYPT = { ...SCRYPT, N: 2 ** 10 };
(globalThis as { [TEST_COST]?: typeof TEST_SCRYPT })[TEST_COST] = TEST_SCRYPT;

export const POSTGRES = process.env.FIRM_TEST_DATABASE_URL;
export const dialectName = POSTGRES ? 'postgres' : 'sqlite';

export interface Env {
  dir: string;
  config: Config;
  store: Store;
  /** The database URL when PostgreSQL (this test's own database). */
  database?: string;
  close(): Promise<void>;
}

/** A test's own database: a temporary SQLite folder, or its own PostgreSQL database, dropped after. */
export async function testEnv(raw: Record<string, unknown> = {}): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'fws-test-'));
  let database: string | undefined;
  // A database, not a schema, of its own: the test files run three at a time, and Kysely's
  // migrator lists the tables of every schema in its database, which fails ("schema … does not
  // exist") when another file drops its schema during that look.
  let own: string | undefined;
  if (POSTGRES) {
    own = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`create database ${own}`);
    await admin.end();
    const url = new URL(POSTGRES);
    url.pathname = `/${own}`;
    database = url.href;
  }
  const config = readConfig({ log: 'silent', data: dir, ...(database && { database }), ...raw }, dir);
  const store = await openStore(config);
  return {
    dir,
    config,
    store,
    database,
    async close() {
      // A test may have closed it already (to hand the database to a child process).
      await store.close().catch(() => {});
      if (own) {
        const admin = new pg.Client({ connectionString: POSTGRES });
        await admin.connect();
        // Not with (force): a connection some other part of the test still holds would be cut
        // under it. Such a database stays until the test cluster is thrown away.
        await admin.query(`drop database ${own}`).catch(() => {});
        await admin.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sites the tests use: `firm` holds comments, `open` approves them, `shut` is closed. */
export const SITES = [
  { id: 'firm', origins: ['https://firm.example', 'http://localhost:*'], notify: ['office@firm.example'], moderators: ['mod@firm.example'] },
  { id: 'open', origins: ['https://open.example'], moderation: 'approve', notify: ['office@open.example'] },
  { id: 'shut', origins: ['https://shut.example'], closed: true, closedThreads: [] },
];

/** An app on a fresh store, with the tests' sites unless `raw` gives others; silent unless given a `logger`. */
export async function testApp(raw: Record<string, unknown> = {}, now?: () => Date, logger: boolean | object = false): Promise<Env & { app: FastifyInstance; nudges: number[] }> {
  const env = await testEnv({ sites: SITES, ...raw });
  const nudges: number[] = [];
  const app = await buildApp({ config: env.config, store: env.store, logger, now, outbox: { nudge: () => nudges.push(Date.now()) } });
  return {
    ...env,
    app,
    nudges,
    async close() {
      await app.close();
      await env.close();
    },
  };
}

/** A comment as the kit posts it, after a person's typing time. */
export const comment = (over: Record<string, unknown> = {}) => ({
  thread: 'visa-interview-tips',
  parent: '',
  name: 'Ana Reyes',
  email: 'ana@example.com',
  url: '',
  content: 'Thank you!\nVery clear.',
  firm_hp: '',
  firm_elapsed: 8421,
  ...over,
});

/** A message as the contact form posts it. */
export const message = (over: Record<string, unknown> = {}) => ({
  name: 'Ana Reyes',
  email: 'ana@example.com',
  phone: '',
  language: 'es',
  topic: 'Family visas',
  message: 'My husband’s petition…',
  consent: true,
  page: 'https://firm.example/contact/',
  key: '1795830000000',
  firm_hp: '',
  firm_elapsed: 48210,
  ...over,
});

/** Every row of every table, to prove a refused request changed nothing. */
export async function snapshot(store: Store): Promise<string> {
  const tables = ['comments', 'threads', 'messages', 'outbox', 'daily', 'audit'] as const;
  const all: Record<string, unknown[]> = {};
  for (const t of tables) all[t] = await store.db.selectFrom(t).selectAll().execute();
  return JSON.stringify(all);
}
