/** What every write that changes a thread's listing does: count it, and make its cached pages stale. */
import type { QueryCreator, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * `added` more approved comments in `thread`: the total moves and the version moves, so the
 * thread's cached pages (kept under the version they were built from) are never served again.
 */
export const threadCounted = (qc: QueryCreator<Database>, site: string, thread: string, added: number) =>
  qc
    .insertInto('threads')
    .values({ site, thread, approved: added, version: 1 })
    .onConflict((oc) => oc.columns(['site', 'thread']).doUpdateSet((eb) => ({ approved: eb('threads.approved', '+', added), version: eb('threads.version', '+', 1) })));

/** `added` more approved comments in `thread`, and its cached pages deleted (they can no longer be served). */
export async function listedMore(trx: Transaction<Database>, site: string, thread: string, added: number): Promise<void> {
  await threadCounted(trx, site, thread, added).execute();
  await trx.deleteFrom('pages').where('site', '=', site).where('thread', '=', thread).execute();
}
