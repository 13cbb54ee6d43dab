/**
 * Mail the desk queues when a comment comes in: to each moderator, a held comment with signed
 * single-use links (approve, spam, delete) that open a confirmation page; to a commenter who
 * asked for reply notifications, the confirmation link (double opt-in). Both go through the
 * outbox in the transaction that stores the comment.
 */
import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import { queueMail } from '../outbox.ts';
import { makeLink } from './links.ts';
import { mailLang } from './comments.ts';
import { oneLine } from '../routes/fields.ts';

type Trx = Transaction<Database>;

export async function queueModerationMails(
  trx: Trx,
  store: Store,
  config: Config,
  site: { id: string; name: string; moderators: string[] },
  comment: { id: number; thread: string; author: string; content: string },
  at: Date,
): Promise<void> {
  // One mail per moderator, each with their own links: the audit log then says who acted.
  for (const moderator of site.moderators) {
    const link = async (kind: 'approve' | 'spam' | 'delete') =>
      `${config.publicUrl}/link/${await makeLink(store, { kind, site: site.id, target: `comment:${comment.id}`, actor: `mail:${moderator}` }, at, trx)}`;
    await queueMail(trx, config, {
      site: site.id,
      about: `comment:${comment.id}`,
      recipients: [moderator],
      subject: `[${site.name}] A comment awaits approval on ${oneLine(comment.thread).slice(0, 80)}`,
      // The links come before the commenter's words, which are quoted line by line: a comment
      // that writes its own "Approve: https://…" line cannot pass for ours.
      body: [
        // Each link opens a page that asks first: following it changes nothing.
        `Approve: ${await link('approve')}`,
        `Spam: ${await link('spam')}`,
        `Delete: ${await link('delete')}`,
        'These links work once, for 7 days.',
        `Or in the desk: ${config.publicUrl}/admin/`,
        `Or on the server: firm-widgets-server approve ${site.id} ${comment.id}`,
        '',
        `${oneLine(comment.author)} wrote on ${oneLine(comment.thread)}:`,
        ...comment.content.split('\n').map((line) => `> ${line}`),
      ].join('\n'),
      at,
    });
  }
}

const CONFIRM = {
  en: {
    subject: (site: string) => `[${site}] Confirm reply notifications`,
    body: (url: string) =>
      [
        'You asked to be told by mail when someone replies to your comment.',
        `Confirm (this also verifies your address): ${url}`,
        '',
        'If it was not you, ignore this mail: nothing will be sent.',
      ].join('\n'),
  },
  es: {
    subject: (site: string) => `[${site}] Confirme los avisos de respuestas`,
    body: (url: string) =>
      [
        'Pidió que le avisemos por correo cuando alguien responda a su comentario.',
        `Confirme (así también verifica su dirección): ${url}`,
        '',
        'Si no fue usted, ignore este correo: no se enviará nada.',
      ].join('\n'),
  },
};

/** Stores a pending subscription to replies of `commentId` and queues its confirmation mail. */
export async function subscribe(trx: Trx, store: Store, config: Config, site: { id: string; name: string }, commentId: number, email: string, lang: string, at: Date): Promise<void> {
  const row = await trx
    .insertInto('subscriptions')
    .values({ site: site.id, comment_id: commentId, email, email_hash: store.hash(email.toLowerCase()), lang: mailLang(lang), state: 'pending', created_at: at.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = await makeLink(store, { kind: 'subscribe', site: site.id, target: `subscription:${row.id}`, actor: 'commenter' }, at, trx);
  const text = CONFIRM[mailLang(lang)];
  await queueMail(trx, config, {
    site: site.id,
    about: `subscription:${row.id}`,
    recipients: [email],
    subject: text.subject(site.name),
    body: text.body(`${config.publicUrl}/link/${token}`),
    at,
  });
}
