/**
 * What staff do to comments, from the desk or from a mail link: approve, spam, delete, edit,
 * reply as the firm. Each change, its counts and its audit row are one transaction; approving a
 * reply queues the mails of those who asked to hear of replies (never before approval).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import { jsonTail } from '../routes/comments.ts';
import { queueMail } from '../outbox.ts';
import { makeLink } from './links.ts';
import { oneLine } from '../routes/fields.ts';
import { listedMore } from '../db/threads.ts';
import { uncountComment } from '../routes/limits.ts';

export type CommentAction = 'approve' | 'spam' | 'delete';
type Trx = Transaction<Database>;

export async function audit(db: Pick<Store['db'], 'insertInto'>, entry: { actor: string; action: string; site: string; target: string; detail?: string }, now: Date): Promise<void> {
  await db
    .insertInto('audit')
    .values({ at: now.toISOString(), actor: entry.actor, action: entry.action, site: entry.site, target: entry.target, detail: entry.detail ?? null })
    .execute();
}

/** The listing JSON of a stored comment (see `json_tail`), with `"staff": true` on the firm's replies. */
export function tailOf(c: { parent: number | null; author: string; url: string | null; created_at: string; content: string; staff: number }): string {
  const tail = jsonTail({ parent: c.parent, author: c.author, url: c.url, date: c.created_at, content: c.content });
  return c.staff ? `${tail.slice(0, -1)},"staff":true}` : tail;
}

/** The listing of `thread` changes by `delta` approved comments (0: their words changed): its cached pages go (db/threads.ts). */
const countApproved = (trx: Trx, site: string, thread: string, delta: number) => listedMore(trx, site, thread, delta);

/** Applies `action` to the comments of `site` among `ids`; resolves with those it changed. */
export async function moderate(store: Store, config: Config, site: string, ids: number[], action: CommentAction, actor: string, now: Date): Promise<number[]> {
  const files: string[] = [];
  const changed = await store.db.transaction().execute(async (trx) => {
    const done: number[] = [];
    for (const id of ids) {
      const row = await trx.selectFrom('comments').selectAll().where('id', '=', id).where('site', '=', site).executeTakeFirst();
      if (!row) continue;
      if (action == 'approve') {
        if (row.status == 'approved') continue;
        await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
        await countApproved(trx, site, row.thread, 1);
        await queueReplyMails(trx, store, config, row, now);
      } else if (action == 'spam') {
        if (row.status == 'spam') continue;
        await trx.updateTable('comments').set({ status: 'spam' }).where('id', '=', id).execute();
        if (row.status == 'approved') await countApproved(trx, site, row.thread, -1);
      } else {
        // Replies keep their place: they move up to the deleted comment's parent.
        const children = await trx.selectFrom('comments').selectAll().where('parent', '=', id).where('site', '=', site).execute();
        for (const child of children) {
          await trx.updateTable('comments').set({ parent: row.parent, json_tail: tailOf({ ...child, parent: row.parent }) }).where('id', '=', child.id).execute();
        }
        await trx.deleteFrom('comments').where('id', '=', id).execute();
        await uncountComment(trx, store, row);
        // Its words are in the moderators' mail too (and in their files, removed after the commit).
        const mail = await trx.selectFrom('outbox').select('id').where('about', '=', `comment:${id}`).where('state', '!=', 'sending').execute();
        for (const o of mail) files.push(join(config.data, 'mail', site, `${o.id}.eml`));
        await trx.deleteFrom('outbox').where('about', '=', `comment:${id}`).where('state', '!=', 'sending').execute();
        await trx.deleteFrom('subscriptions').where('comment_id', '=', id).where('site', '=', site).execute();
        if (row.status == 'approved') await countApproved(trx, site, row.thread, -1);
        else if (children.length) await countApproved(trx, site, row.thread, 0);
      }
      await audit(trx, { actor, action, site, target: `comment:${id}` }, now);
      done.push(id);
    }
    return done;
  });
  for (const file of files) rmSync(file, { force: true });
  return changed;
}

export async function editComment(store: Store, site: string, id: number, content: string, actor: string, now: Date): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('comments').selectAll().where('id', '=', id).where('site', '=', site).executeTakeFirst();
    if (!row) return false;
    await trx.updateTable('comments').set({ content, json_tail: tailOf({ ...row, content }) }).where('id', '=', id).execute();
    if (row.status == 'approved') await countApproved(trx, site, row.thread, 0);
    await audit(trx, { actor, action: 'edit', site, target: `comment:${id}` }, now);
    return true;
  });
}

/** The firm's reply to an approved comment: listed at once, as the site's name, with `"staff": true`. */
export async function replyAsFirm(
  store: Store,
  config: Config,
  site: { id: string; name: string },
  parentId: number,
  content: string,
  staffEmail: string,
  now: Date,
): Promise<number | undefined> {
  return store.db.transaction().execute(async (trx) => {
    const parent = await trx.selectFrom('comments').selectAll().where('id', '=', parentId).where('site', '=', site.id).where('status', '=', 'approved').executeTakeFirst();
    if (!parent) return undefined;
    const at = now.toISOString();
    const row = { parent: parentId, author: site.name, url: null, created_at: at, content, staff: 1 };
    const inserted = await trx
      .insertInto('comments')
      .values({
        site: site.id,
        thread: parent.thread,
        parent: parentId,
        author: site.name,
        email_hash: store.hash(staffEmail.toLowerCase()),
        url: null,
        content,
        status: 'approved',
        flag: null,
        created_at: at,
        addr_hash: '',
        content_hash: store.hash(`${site.name}\n${staffEmail.toLowerCase()}\n${content}`),
        json_tail: tailOf(row),
        staff: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await countApproved(trx, site.id, parent.thread, 1);
    await queueReplyMails(trx, store, config, { ...row, id: inserted.id, site: site.id, thread: parent.thread, email_hash: store.hash(staffEmail.toLowerCase()) }, now);
    await audit(trx, { actor: staffEmail, action: 'reply', site: site.id, target: `comment:${inserted.id}`, detail: `to comment:${parentId}` }, now);
    return inserted.id;
  });
}

const REPLY_MAIL = {
  en: {
    subject: (site: string) => `[${site}] A reply to your comment`,
    body: (author: string, thread: string, content: string, stop: string) =>
      [`${author} replied to your comment on ${thread}:`, '', content, '', `To stop these mails: ${stop}`].join('\n'),
  },
  es: {
    subject: (site: string) => `[${site}] Una respuesta a su comentario`,
    body: (author: string, thread: string, content: string, stop: string) =>
      [`${author} respondió a su comentario en ${thread}:`, '', content, '', `Para dejar de recibir estos correos: ${stop}`].join('\n'),
  },
};

export const mailLang = (lang: string) => (lang.toLowerCase().startsWith('es') ? 'es' : 'en');

/**
 * The reply mails of an approved comment: one per confirmed subscriber of its parent (not its
 * own author), each with a one-click unsubscribe (RFC 8058: List-Unsubscribe with an https
 * address and List-Unsubscribe-Post), in the language the subscriber wrote in.
 */
async function queueReplyMails(
  trx: Trx,
  store: Store,
  config: Config,
  reply: { id: number; site: string; thread: string; parent: number | null; author: string; content: string; email_hash: string },
  now: Date,
): Promise<void> {
  if (reply.parent === null) return;
  const subscribers = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('site', '=', reply.site)
    .where('comment_id', '=', reply.parent)
    .where('state', '=', 'active')
    .where('email_hash', '!=', reply.email_hash)
    .execute();
  const siteName = config.sites.find((s) => s.id == reply.site)?.name ?? reply.site;
  for (const s of subscribers) {
    const token = await makeLink(store, { kind: 'unsubscribe', site: reply.site, target: `subscription:${s.id}`, actor: 'commenter' }, now, trx);
    const stop = `${config.publicUrl}/link/${token}`;
    const text = REPLY_MAIL[mailLang(s.lang)];
    await queueMail(trx, config, {
      site: reply.site,
      about: `reply:${reply.id}:subscription:${s.id}`,
      recipients: [s.email],
      subject: text.subject(siteName),
      body: text.body(oneLine(reply.author), reply.thread, reply.content, stop),
      at: now,
      headers: { 'List-Unsubscribe': `<${stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }
}
