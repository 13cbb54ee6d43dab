/**
 * A post's writes with as few round trips to the database as they can take. On PostgreSQL every
 * statement waits for the database's answer before the next is sent, and a post used to send
 * ten (begin, lock, four reads, four writes, commit): under load the round trips, not the work,
 * set how many posts a second get through. SQLite runs in the process: its statements cost no
 * trip, and these helpers do there what they always did.
 */
import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
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
  if (dialect == 'sqlite') return db.transaction().execute(work);
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
 * Runs `main` (an insert that returns the new row) with `sides`: on PostgreSQL as one statement
 * (each side a data-modifying `WITH` clause: they all happen, or none does), on SQLite (which
 * has no such clauses) one after the other in the caller's transaction.
 */
export async function insertTogether<R>(
  trx: Transaction<Database>,
  dialect: Dialect,
  sides: SideWrite[],
  main: (qc: QueryCreator<Database>) => { executeTakeFirstOrThrow(): Promise<R> },
): Promise<R> {
  if (dialect == 'sqlite') {
    for (const side of sides) await side(trx).execute();
    return main(trx).executeTakeFirstOrThrow();
  }
  let qc: QueryCreator<Database> = trx;
  sides.forEach((side, i) => {
    // The clauses' names are never read: each is there for its write.
    qc = qc.with(`side_${i}`, (q) => side(q) as never) as unknown as QueryCreator<Database>;
  });
  return main(qc).executeTakeFirstOrThrow();
}
