/**
 * A post's writes with as few round trips to the database as they can take. On PostgreSQL every
 * statement waits for the database's answer before the next is sent, and a post used to send
 * ten (begin, lock, four reads, four writes, commit): under load the round trips, not the work,
 * set how many posts a second get through. SQLite runs in the process: its statements cost no
 * trip, and these helpers do there what they always did.
 */
import { sql, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './index.ts';
import { addressLockKey } from '../routes/limits.ts';

/**
 * Runs `work` in a transaction in which no other post from the same address runs (so parallel
 * requests cannot all pass the address's count).
 *
 * On PostgreSQL the transaction's start and the address lock go in one trip: a simple query may
 * hold several statements, but takes no parameters, so the lock key is written into the SQL
 * text; it is a number made from the address hash (`addressLockKey`), never anything a visitor
 * typed. The lock is taken in a statement of its own, before the checks: a statement reads what
 * was committed when it began, so checks in the locking statement could miss the post that held
 * the lock. SQLite has one writer at a time: its transaction is enough.
 */
export async function postTransaction<T>(db: Kysely<Database>, dialect: Dialect, addrHash: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (dialect == 'sqlite') return committedTogether(db, work);
  const key = addressLockKey(addrHash);
  return db.connection().execute(async (conn) => {
    let result: T;
    try {
      await sql.raw(`begin; select pg_advisory_xact_lock(${key})`).execute(conn);
      // The connection, inside the transaction begun above: what Kysely's own transaction is.
      result = await work(conn as Transaction<Database>);
    } catch (error) {
      // Never back to the pool inside a failed transaction (outside one, this only warns).
      await sql`rollback`.execute(conn);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

/** A write that goes with a post's own (its day's count, its thread's count). */
export type SideWrite = (qc: QueryCreator<Database>) => { execute(): Promise<unknown> };

/**
 * A write made from the new row's id (the staff's mail about a message): given the id itself on
 * SQLite, and on PostgreSQL SQL that reads it from the statement's own insert.
 */
export type FollowWrite = (qc: QueryCreator<Database>, id: number | RawBuilder<number>) => { execute(): Promise<unknown> };

/** The name of the main insert's clause, when follow writes read its id. */
const MAIN = 'main_row';

/**
 * Runs `main` (an insert that returns the new row's id) with `sides`, and then `follows`: on
 * PostgreSQL as one statement (each write a data-modifying `WITH` clause: they all happen, or
 * none does), on SQLite (which has no such clauses) one after the other in the caller's
 * transaction.
 */
export async function insertTogether<R extends { id: number }>(
  trx: Transaction<Database>,
  dialect: Dialect,
  sides: SideWrite[],
  main: (qc: QueryCreator<Database>) => { executeTakeFirstOrThrow(): Promise<R> },
  follows: FollowWrite[] = [],
): Promise<R> {
  if (dialect == 'sqlite') {
    for (const side of sides) await side(trx).execute();
    const row = await main(trx).executeTakeFirstOrThrow();
    for (const follow of follows) await follow(trx, row.id).execute();
    return row;
  }
  let qc: QueryCreator<Database> = trx;
  sides.forEach((side, i) => {
    // The clauses' names are never read: each is there for its write.
    qc = qc.with(`side_${i}`, (q) => side(q) as never) as unknown as QueryCreator<Database>;
  });
  if (!follows.length) return main(qc).executeTakeFirstOrThrow();
  // The insert becomes a clause too, and the statement answers with its row; each follow write
  // reads the new id from it (a clause's rows are there for the whole statement).
  qc = qc.with(MAIN, (q) => main(q) as never) as unknown as QueryCreator<Database>;
  const id = sql<number>`(select id from ${sql.table(MAIN)})`;
  follows.forEach((follow, i) => {
    qc = qc.with(`follow_${i}`, (q) => follow(q, id) as never) as unknown as QueryCreator<Database>;
  });
  return (qc as unknown as QueryCreator<Record<typeof MAIN, R>>).selectFrom(MAIN).selectAll().executeTakeFirstOrThrow() as Promise<R>;
}

interface Waiting {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Posts waiting for the next SQLite transaction, per database. */
const waiting = new WeakMap<Kysely<Database>, Waiting[]>();

/**
 * SQLite: the posts that arrive while one transaction runs share the next one, each in its own
 * savepoint (a refused post rolls back its own writes and no other's), and each is answered
 * once the shared commit is on disk. A commit waits for the disk (synchronous writes: an
 * answered post survives a killed process), and under load that wait, not the work, set how
 * many posts a second got through: fifty posts in flight now cost one wait, not fifty. The
 * posts still run one after the other, so each sees the ones before it (limits, duplicates).
 * `work` must only talk to the database: anything slow in it holds up the posts after it.
 */
function committedTogether<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let queue = waiting.get(db);
  if (!queue) {
    queue = [];
    waiting.set(db, queue);
  }
  return new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // The first to wait starts the next transaction; the others join it.
    if (queue.length == 1) setImmediate(() => void commitWaiting(db));
  });
}

async function commitWaiting(db: Kysely<Database>): Promise<void> {
  let batch: Waiting[] = [];
  const outcomes: { ok: boolean; value: unknown }[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // Taken once the transaction has the connection: whoever came while it waited joins.
      batch = waiting.get(db) ?? [];
      waiting.set(db, []);
      for (const post of batch) {
        await sql`savepoint post`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await post.work(trx) });
          await sql`release post`.execute(trx);
        } catch (error) {
          await sql`rollback to post`.execute(trx);
          await sql`release post`.execute(trx);
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
