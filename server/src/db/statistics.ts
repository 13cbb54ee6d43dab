/**
 * PostgreSQL: statistics for a young database. A post's statement is prepared once per
 * connection, and after five runs PostgreSQL keeps one plan for it, chosen from what it knows
 * of the tables then. On a new database it knows nothing: every index looks as good as another
 * for a table of a few rows, and the plan kept looked up a duplicate or a message's retry by
 * the site alone and read ALL of the site's rows on every post (measured: a comment's statement
 * cost the database 3.3 ms at 4,400 comments, and more with each one). Autovacuum analyzes a
 * table only once a minute or so, and the bench's minute, or a launch day's, is gone by then.
 * An ANALYZE with a hundred rows in the table is enough for PostgreSQL to tell a selective index
 * from the others; it also makes every connection plan its statements again. So each process
 * analyzes a table once, in the background, when it has stored that many rows in it.
 */
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './index.ts';

/** Rows stored by this process before it analyzes the table. */
export const ANALYZE_AFTER = 100;

const stored = new WeakMap<Store, Map<string, number>>();

/** One more row stored in `table`; the `ANALYZE_AFTER`th of this process analyzes it (PostgreSQL only). */
export function storedRow(store: Store, table: 'comments' | 'messages', log: FastifyBaseLogger): void {
  if (store.dialect != 'postgres') return;
  let counts = stored.get(store);
  if (!counts) {
    counts = new Map();
    stored.set(store, counts);
  }
  const n = (counts.get(table) ?? 0) + 1;
  counts.set(table, n);
  if (n != ANALYZE_AFTER) return;
  // The table alone: a post's other reads (the address's row, the day's counts, the thread) go
  // by their primary keys, which no statistics can make look worse than another index.
  sql`analyze ${sql.table(table)}`.execute(store.db).catch((error: Error) => log.warn({ table, detail: error.message }, 'could not analyze the table'));
}
