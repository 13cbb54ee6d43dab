/**
 * "What do you hold about me?": one email address across the sites a person of the firm may
 * see. Comments are found by the address's salted hash (the server never kept it in clear),
 * messages and reply subscriptions by the address itself. Export gives all of it as JSON;
 * erasure removes it: comments keep a placeholder so threads stay whole, held and spam ones go,
 * messages go, and so does every queued or written mail about them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import { audit, tailOf } from './comments.ts';
import { listedMore } from '../db/threads.ts';

export const PLACEHOLDER_AUTHOR = 'Anonymous';
export const PLACEHOLDER_CONTENT = '[This comment was removed at its author’s request.]';

export async function findPerson(store: Store, sites: string[], email: string) {
  const address = email.trim().toLowerCase();
  const hash = store.hash(address);
  const { db } = store;
  if (!sites.length) return { email: address, comments: [], messages: [], subscriptions: [], verified: [] };
  const [comments, messages, subscriptions, verified] = await Promise.all([
    db
      .selectFrom('comments')
      .select(['id', 'site', 'thread', 'parent', 'author', 'url', 'content', 'status', 'created_at'])
      .where('site', 'in', sites)
      .where('email_hash', '=', hash)
      .where('staff', '=', 0)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('messages')
      .select(['id', 'site', 'name', 'email', 'phone', 'language', 'topic', 'message', 'page', 'status', 'created_at', 'handled_at'])
      .where('site', 'in', sites)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
      .orderBy('id')
      .execute(),
    db.selectFrom('subscriptions').select(['id', 'site', 'comment_id', 'state', 'lang', 'created_at']).where('site', 'in', sites).where('email_hash', '=', hash).execute(),
    db.selectFrom('verified').select(['site', 'verified_at']).where('site', 'in', sites).where('email_hash', '=', hash).execute(),
  ]);
  return { email: address, comments, messages, subscriptions, verified };
}

export type Person = Awaited<ReturnType<typeof findPerson>>;

export async function erasePerson(store: Store, config: Config, sites: string[], email: string, actor: string, now: Date) {
  const found = await findPerson(store, sites, email);
  const hash = store.hash(found.email);
  const files: string[] = [];
  const counts = await store.db.transaction().execute(async (trx) => {
    let kept = 0;
    let removed = 0;
    for (const c of found.comments) {
      const about = `comment:${c.id}`;
      for (const o of await trx.selectFrom('outbox').select(['id', 'site']).where('about', '=', about).execute()) files.push(join(config.data, 'mail', o.site, `${o.id}.eml`));
      await trx.deleteFrom('outbox').where('about', '=', about).execute();
      const replies = await trx.selectFrom('comments').select('id').where('parent', '=', c.id).executeTakeFirst();
      if (c.status == 'approved' || replies) {
        // A placeholder keeps the thread whole; nothing of the person stays in it.
        const row = { parent: c.parent, author: PLACEHOLDER_AUTHOR, url: null, created_at: c.created_at, content: PLACEHOLDER_CONTENT, staff: 0 };
        await trx
          .updateTable('comments')
          .set({ author: row.author, url: null, content: row.content, email_hash: '', addr_hash: '', content_hash: `erased:${c.id}`, json_tail: tailOf(row) })
          .where('id', '=', c.id)
          .execute();
        // The listing's cached pages held the words: they go.
        if (c.status == 'approved') await listedMore(trx, c.site, c.thread, 0);
        kept++;
      } else {
        await trx.deleteFrom('comments').where('id', '=', c.id).execute();
        removed++;
      }
    }
    for (const m of found.messages) {
      for (const o of await trx.selectFrom('outbox').select(['id', 'site']).where('about', '=', `message:${m.id}`).execute()) files.push(join(config.data, 'mail', o.site, `${o.id}.eml`));
      await trx.deleteFrom('outbox').where('about', '=', `message:${m.id}`).execute();
      await trx.deleteFrom('messages').where('id', '=', m.id).execute();
    }
    // Mail addressed to the person (subscription confirmations, reply notifications).
    for (const o of await trx.selectFrom('outbox').select(['id', 'site']).where('recipients', '=', found.email).where('site', 'in', sites).execute()) {
      files.push(join(config.data, 'mail', o.site, `${o.id}.eml`));
      await trx.deleteFrom('outbox').where('id', '=', o.id).execute();
    }
    await trx.deleteFrom('subscriptions').where('site', 'in', sites).where('email_hash', '=', hash).execute();
    await trx.deleteFrom('verified').where('site', 'in', sites).where('email_hash', '=', hash).execute();
    const detail = `${kept} comments replaced by a placeholder, ${removed} held comments and ${found.messages.length} messages deleted, ${found.subscriptions.length} subscriptions`;
    // The audit row names no address: it would keep what was just erased.
    for (const site of sites) await audit(trx, { actor, action: 'erase', site, target: 'person', detail }, now);
    return { placeholders: kept, comments: removed, messages: found.messages.length, subscriptions: found.subscriptions.length };
  });
  // Mail written as files (no SMTP) held the same words: after the commit, they go too.
  for (const file of files) rmSync(file, { force: true });
  return counts;
}
