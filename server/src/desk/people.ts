/**
 * "What do you hold about me?": one email address across the sites a person of the firm may
 * see. Comments are found by the address's salted hash (the server never kept it in clear),
 * messages and reply subscriptions by the address itself (in any case). Export gives all of it
 * as JSON; erasure removes it: comments keep a placeholder so threads stay whole, held and spam
 * ones go, messages go, and so does every mail to the person or about what they wrote (outbox
 * rows and `.eml` files): mail to them in any case, the moderators' mail about their comments,
 * the reply notifications their replies caused, the mail about their messages.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
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
  if (!sites.length) return { email: address, comments: [], messages: [], subscriptions: [], verified: [], mails: [] };
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
  const about = mailAbout(address, comments, messages, subscriptions);
  const mail = await db.selectFrom('outbox').select(['id', 'site', 'about', 'recipients', 'reply_to', 'subject', 'body', 'state', 'created_at', 'sent_at']).where('site', 'in', sites).where(about).orderBy('id').execute();
  // Mail to the person is theirs, whole; mail about them to others (moderators, other
  // subscribers) is listed without its addresses or body: those name other people and carry
  // their links (the person's own words are in `comments` and `messages`).
  const mails = mail.map((m) =>
    toPerson(m, address)
      ? { id: m.id, site: m.site, about: m.about, to: 'you', subject: m.subject, body: withoutTokens(m.body), state: m.state, created_at: m.created_at, sent_at: m.sent_at }
      : { id: m.id, site: m.site, about: m.about, to: 'others', subject: m.subject, state: m.state, created_at: m.created_at, sent_at: m.sent_at },
  );
  return { email: address, comments, messages, subscriptions, verified, mails };
}

/** A mail link's token: base64url, or the `id.expiry.signature` of links mailed before 011-desk2. */
const LINK_TOKEN = /\/link\/[\w.~-]+/g;

/**
 * A mail's body with its links' tokens withheld: mail not sent yet still carries live ones
 * (confirm, unsubscribe), and a search or an export must not hand whoever reads it a working
 * link. (Sent mail keeps no body at all.)
 */
const withoutTokens = (body: string) => body.replace(LINK_TOKEN, '/link/[withheld]');

const toPerson = (m: { recipients: string; reply_to: string | null }, address: string) => m.recipients.toLowerCase() == address;

/** What the outbox's `about` says of the mails about a person's comments, messages and subscriptions. */
function aboutKeys(comments: { id: number }[], messages: { id: number }[], subscriptions: { id: number }[]) {
  return {
    exact: [...comments.map((c) => `comment:${c.id}`), ...messages.map((m) => `message:${m.id}`), ...subscriptions.map((s) => `subscription:${s.id}`)],
    // Reply notifications are `reply:<reply id>:subscription:<subscription id>`: about the reply's words, to the subscriber.
    repliesBy: comments.map((c) => `reply:${c.id}:`),
    repliesTo: subscriptions.map((s) => `:subscription:${s.id}`),
  };
}

const isReplyMail = (about: string, keys: ReturnType<typeof aboutKeys>) =>
  about.startsWith('reply:') && (keys.repliesBy.some((start) => about.startsWith(start)) || keys.repliesTo.some((end) => about.endsWith(end)));

/** The outbox rows addressed to `address` (any case) or about what the person wrote or asked for. */
function mailAbout(address: string, comments: { id: number }[], messages: { id: number }[], subscriptions: { id: number }[]) {
  const keys = aboutKeys(comments, messages, subscriptions);
  return (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb(eb.fn('lower', ['recipients']), '=', address),
      ...(keys.exact.length ? [eb('about', 'in', keys.exact)] : []),
      ...keys.repliesBy.map((start) => eb('about', 'like', `${start}%`)),
      ...keys.repliesTo.map((end) => eb('about', 'like', `reply:%${end}`)),
    ]);
}

/** The addresses of a To or Reply-To header (`a@x, Name <b@y>`), lower-cased. */
const addressesIn = (value: string) => value.split(',').map((part) => (part.match(/<([^>]*)>/)?.[1] ?? part).trim().toLowerCase());

/**
 * Mail files (`<data>/mail/<site>/*.eml`) to the person or about what they wrote, by their
 * headers: To or Reply-To naming the address (any case), or X-Firm-About one of theirs. Read
 * from the folder rather than from the outbox's rows, so a file whose row is gone already
 * (a deleted comment's mail, an old retention run) is found too.
 */
function mailFiles(config: Config, sites: string[], address: string, keys: ReturnType<typeof aboutKeys>): string[] {
  const found: string[] = [];
  for (const site of sites) {
    const dir = join(config.data, 'mail', site);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const text = readFileSync(file, 'utf8');
      // The header block, its folded lines joined (RFC 5322 §2.2.3).
      const head = text.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
      const headers = head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]);
      const mine = headers.some(([field, value]) => {
        if (field == 'to' || field == 'reply-to') return addressesIn(value).includes(address);
        if (field == 'x-firm-about') return keys.exact.includes(value) || isReplyMail(value, keys);
        return false;
      });
      if (mine) found.push(file);
    }
  }
  return found;
}

export type Person = Awaited<ReturnType<typeof findPerson>>;

export async function erasePerson(store: Store, config: Config, sites: string[], email: string, actor: string, now: Date) {
  const found = await findPerson(store, sites, email);
  const hash = store.hash(found.email);
  const files: string[] = [];
  const keys = aboutKeys(found.comments, found.messages, found.subscriptions);
  const counts = await store.db.transaction().execute(async (trx) => {
    let kept = 0;
    let removed = 0;
    // Every mail to the person or about what they wrote, found as the export finds it.
    const mail = await trx.selectFrom('outbox').select(['id', 'site']).where('site', 'in', sites).where(mailAbout(found.email, found.comments, found.messages, found.subscriptions)).execute();
    for (const o of mail) files.push(join(config.data, 'mail', o.site, `${o.id}.eml`));
    if (mail.length) {
      await trx
        .deleteFrom('outbox')
        .where(
          'id',
          'in',
          mail.map((o) => o.id),
        )
        .execute();
    }
    for (const c of found.comments) {
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
    for (const m of found.messages) await trx.deleteFrom('messages').where('id', '=', m.id).execute();
    await trx.deleteFrom('subscriptions').where('site', 'in', sites).where('email_hash', '=', hash).execute();
    await trx.deleteFrom('verified').where('site', 'in', sites).where('email_hash', '=', hash).execute();
    const detail = `${kept} comments replaced by a placeholder, ${removed} held comments and ${found.messages.length} messages deleted, ${found.subscriptions.length} subscriptions, ${mail.length} mails`;
    // The audit row names no address: it would keep what was just erased.
    for (const site of sites) await audit(trx, { actor, action: 'erase', site, target: 'person', detail }, now);
    return { placeholders: kept, comments: removed, messages: found.messages.length, subscriptions: found.subscriptions.length, mails: mail.length };
  });
  // Mail written as files (no SMTP) held the same words: after the commit, they go too, with
  // any file of theirs whose row was already gone.
  files.push(...mailFiles(config, sites, found.email, keys));
  for (const file of files) rmSync(file, { force: true });
  return counts;
}
