/** What every write that changes a thread's listing does: count it, and make its cached pages stale. */
import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** `added` more approved comments in `thread`: the total moves, the version moves, the cached pages go. */
export async function listedMore(trx: Transaction<Database>, site: string, thread: string, added: number): Promise<void> {
  await trx
    .insertInto('threads')
    .values({ site, thread, approved: added, version: 1 })
    .onConflict((oc) => oc.columns(['site', 'thread']).doUpdateSet((eb) => ({ approved: eb('threads.approved', '+', added), version: eb('threads.version', '+', 1) })))
    .execute();
  await trx.deleteFrom('pages').where('site', '=', site).where('thread', '=', thread).execute();
}
