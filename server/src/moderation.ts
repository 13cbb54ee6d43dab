/**
 * Moderation until the admin screens exist: list what is held, approve it. Every approval is
 * written to the audit log with who did it.
 */
import type { Store } from './db/index.ts';
import { listedMore } from './db/threads.ts';

export async function held(store: Store, site: string) {
  return store.db
    .selectFrom('comments')
    .select(['id', 'thread', 'author', 'content', 'status', 'flag', 'created_at'])
    .where('site', '=', site)
    .where('status', 'in', ['hold', 'spam'])
    .orderBy('id')
    .execute();
}

/** Approves held (or flagged) comments of `site`; resolves with the ids that were. */
export async function approve(store: Store, site: string, ids: number[], actor: string, now = new Date()): Promise<number[]> {
  return store.db.transaction().execute(async (trx) => {
    const done: number[] = [];
    for (const id of ids) {
      const row = await trx
        .updateTable('comments')
        .set({ status: 'approved' })
        .where('id', '=', id)
        .where('site', '=', site)
        .where('status', 'in', ['hold', 'spam'])
        .returning(['thread'])
        .executeTakeFirst();
      if (!row) continue;
      await listedMore(trx, site, row.thread, 1);
      await trx.insertInto('audit').values({ at: now.toISOString(), actor, action: 'approve', site, target: `comment:${id}` }).execute();
      done.push(id);
    }
    return done;
  });
}
