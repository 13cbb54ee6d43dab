/**
 * SQLite: a post's checks and writes, in a transaction it shares with the posts that came while
 * the last one ran (see `committedTogether`). SQLite runs in the process: its statements cost no
 * round trip, and a commit's wait for the disk is what the sharing saves. PostgreSQL posts are
 * one statement each instead (see routes/limits.ts), and use none of this.
 */
import type SQLite from 'better-sqlite3';
import type { Kysely, QueryCreator, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './index.ts';

/**
 * Runs `work` in a transaction in which no other post runs at the same time (SQLite has one
 * writer), so parallel requests cannot all pass the address's count. `work` may run statements
 * on `store.sqlite` directly (db/prepared.ts, `preparedOnSqlite`): the transaction holds Kysely's
 * one SQLite connection, which is that handle, so they are in it and nothing else is.
 */
export function postTransaction<T>(store: Store, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (!store.sqlite) throw new Error('postTransaction: SQLite only');
  return committedTogether(store.db, store.sqlite, work);
}

/** A write that goes with a post's own (its day's count, its thread's count). */
export type SideWrite = (qc: QueryCreator<Database>) => { execute(): Promise<unknown> };

/** A write made from the new row's id (the staff's mail about a message). */
export type FollowWrite = (qc: QueryCreator<Database>, id: number) => { execute(): Promise<unknown> };

/** Runs `sides`, then `main` (an insert that returns the new row's id), then `follows`, in the caller's transaction. */
export async function insertTogether<R extends { id: number }>(
  trx: Transaction<Database>,
  sides: SideWrite[],
  main: (qc: QueryCreator<Database>) => { executeTakeFirstOrThrow(): Promise<R> },
  follows: FollowWrite[] = [],
): Promise<R> {
  for (const side of sides) await side(trx).execute();
  const row = await main(trx).executeTakeFirstOrThrow();
  for (const follow of follows) await follow(trx, row.id).execute();
  return row;
}

interface Waiting {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Posts waiting for the next SQLite transaction, per database. */
const waiting = new WeakMap<Kysely<Database>, Waiting[]>();

/** Each post's savepoint, prepared once per handle: three tiny statements a post, each cheaper run directly than through Kysely. */
const savepoints = new WeakMap<SQLite.Database, { begin: SQLite.Statement; release: SQLite.Statement; rollback: SQLite.Statement }>();

/**
 * SQLite: the posts that arrive while one transaction runs share the next one, each in its own
 * savepoint (a refused post rolls back its own writes and no other's), and each is answered
 * once the shared commit is on disk. A commit waits for the disk (synchronous writes: an
 * answered post survives a killed process), and under load that wait, not the work, set how
 * many posts a second got through: fifty posts in flight now cost one wait, not fifty. The
 * posts still run one after the other, so each sees the ones before it (limits, duplicates).
 * `work` must only talk to the database: anything slow in it holds up the posts after it.
 */
function committedTogether<T>(db: Kysely<Database>, sqlite: SQLite.Database, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let queue = waiting.get(db);
  if (!queue) {
    queue = [];
    waiting.set(db, queue);
  }
  return new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // The first to wait starts the next transaction; the others join it.
    if (queue.length == 1) setImmediate(() => void commitWaiting(db, sqlite));
  });
}

async function commitWaiting(db: Kysely<Database>, sqlite: SQLite.Database): Promise<void> {
  let savepoint = savepoints.get(sqlite);
  if (!savepoint) {
    savepoint = { begin: sqlite.prepare('savepoint post'), release: sqlite.prepare('release post'), rollback: sqlite.prepare('rollback to post') };
    savepoints.set(sqlite, savepoint);
  }
  let batch: Waiting[] = [];
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // Taken once the transaction has the connection: whoever came while it waited joins.
      batch = waiting.get(db) ?? [];
      waiting.set(db, []);
      for (const post of batch) {
        savepoint.begin.run();
        try {
          outcomes.push({ ok: true, value: await post.work(trx) });
          savepoint.release.run();
        } catch (error) {
          savepoint.rollback.run();
          savepoint.release.run();
          outcomes.push({ ok: false, value: error });
        }
      }
    });
  } catch (error) {
    // Nothing was committed (the disk, or a savepoint that could not be rolled back): every
    // post of the batch is refused, none answered as stored (also those that never began).
    if (!batch.length) {
      batch = waiting.get(db) ?? [];
      waiting.set(db, []);
    }
    for (const post of batch) post.reject(error);
    return;
  }
  batch.forEach((post, i) => (outcomes[i].ok ? post.resolve(outcomes[i].value) : post.reject(outcomes[i].value)));
}
