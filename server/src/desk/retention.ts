/**
 * The daily retention job: per site, messages and spam comments older than the site's
 * `retentionDays` go (with their mail), and so do sent mail (outbox rows and `.eml` files) and
 * reply subscriptions older than it; unconfirmed and stopped subscriptions, expired mail links
 * and stale sign-in counts go on every site; visitors' network-address hashes older than 30 days
 * are cleared on every site. The audit log says what went. Several processes may run it: the
 * day's run is claimed in `meta` by one conditional write, so it happens once a day. */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import { audit } from './comments.ts';
import { ADDRESS_DAYS, deskSite } from './settings.ts';
import { dropExpiredSessions, dropStaleThrottles } from '../auth.ts';
import { LINK_TTL_MS } from './links.ts';
import { dropIdleAddressLimits } from '../routes/limits.ts';

const DAY_MS = 86_400_000;
/** How often a process checks whether today's run is done. */
export const RETENTION_CHECK_MS = 3_600_000;

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** What the job would delete now on `site`, and the next date something goes. */
export async function retentionPreview(store: Store, site: { id: string; retentionDays: number }, now: Date) {
  const { db } = store;
  const count = async (table: 'messages' | 'comments', cutoff: string, spamOnly: boolean) => {
    let q = db.selectFrom(table).select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min<string>('created_at').as('oldest')]).where('site', '=', site.id);
    if (spamOnly) q = q.where('status', '=', 'spam');
    const all = await q.executeTakeFirstOrThrow();
    const due = await q.where('created_at', '<', cutoff).executeTakeFirstOrThrow();
    return { due: Number(due.n), oldest: all.oldest };
  };
  const days = site.retentionDays;
  const next = (oldest: string | null, d: number) => (oldest ? new Date(Math.max(Date.parse(oldest) + d * DAY_MS, now.getTime())).toISOString() : null);
  const messages = days ? await count('messages', daysBefore(now, days), false) : undefined;
  const spam = days ? await count('comments', daysBefore(now, days), true) : undefined;
  return {
    retentionDays: days,
    messages: messages ? { due: messages.due, next: next(messages.oldest, days) } : null,
    spam: spam ? { due: spam.due, next: next(spam.oldest, days) } : null,
    addressDays: ADDRESS_DAYS,
  };
}

type Done = { messages: number; spam: number; addresses: number; mails: number; subscriptions: number };

/**
 * Runs the job now (the CLI and tests call it directly); resolves with what went per site. With
 * a retention period, besides messages and spam comments: sent or failed mail older than it
 * (the outbox row and its `.eml` file, and any file left older than it), and reply
 * subscriptions older than it (they hold an address in clear). On every site, whatever the
 * period: subscriptions never confirmed within their link's life, and stopped ones.
 */
export async function runRetention(store: Store, config: Config, now: Date): Promise<Record<string, Done>> {
  const done: Record<string, Done> = {};
  const addrCutoff = daysBefore(now, ADDRESS_DAYS);
  for (const base of config.sites) {
    const site = await deskSite(store, base);
    const files: string[] = [];
    const fileOf = (id: number) => join(config.data, 'mail', site.id, `${id}.eml`);
    done[site.id] = await store.db.transaction().execute(async (trx) => {
      let messages = 0;
      let spam = 0;
      let mails = 0;
      let subscriptions = 0;
      const dropMail = async (ids: number[]) => {
        if (!ids.length) return;
        for (const id of ids) files.push(fileOf(id));
        await trx.deleteFrom('outbox').where('id', 'in', ids).execute();
        mails += ids.length;
      };
      if (site.retentionDays > 0) {
        const cutoff = daysBefore(now, site.retentionDays);
        const old = await trx.selectFrom('messages').select('id').where('site', '=', site.id).where('created_at', '<', cutoff).execute();
        for (const { id } of old) {
          await dropMail((await trx.selectFrom('outbox').select('id').where('about', '=', `message:${id}`).execute()).map((o) => o.id));
        }
        messages = Number((await trx.deleteFrom('messages').where('site', '=', site.id).where('created_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
        const oldSpam = await trx.selectFrom('comments').select('id').where('site', '=', site.id).where('status', '=', 'spam').where('created_at', '<', cutoff).execute();
        for (const { id } of oldSpam) {
          // Its words are in the moderators' mail and in any reply notification it caused.
          const mail = await trx
            .selectFrom('outbox')
            .select('id')
            .where('site', '=', site.id)
            .where((eb) => eb.or([eb('about', '=', `comment:${id}`), eb('about', 'like', `reply:${id}:%`)]))
            .where('state', '!=', 'sending')
            .execute();
          await dropMail(mail.map((o) => o.id));
          await trx.deleteFrom('subscriptions').where('site', '=', site.id).where('comment_id', '=', id).execute();
          await trx.deleteFrom('comments').where('id', '=', id).execute();
        }
        spam = oldSpam.length;
        // Mail done with (sent, or failed for good) and older than the period: its row kept the
        // recipients and subject; its file, the whole mail.
        const oldMail = await trx.selectFrom('outbox').select('id').where('site', '=', site.id).where('state', 'in', ['sent', 'failed']).where('created_at', '<', cutoff).execute();
        await dropMail(oldMail.map((o) => o.id));
        subscriptions += Number((await trx.deleteFrom('subscriptions').where('site', '=', site.id).where('created_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
      }
      // Never confirmed (the confirmation link has expired) or stopped: the address serves nothing.
      const unconfirmed = new Date(now.getTime() - LINK_TTL_MS.subscribe).toISOString();
      const idle = await trx
        .deleteFrom('subscriptions')
        .where('site', '=', site.id)
        .where((eb) => eb.or([eb('state', '=', 'off'), eb.and([eb('state', '=', 'pending'), eb('created_at', '<', unconfirmed)])]))
        .executeTakeFirst();
      subscriptions += Number(idle.numDeletedRows);
      let addresses = 0;
      for (const table of ['comments', 'messages'] as const) {
        const r = await trx.updateTable(table).set({ addr_hash: '' }).where('site', '=', site.id).where('created_at', '<', addrCutoff).where('addr_hash', '!=', '').executeTakeFirst();
        addresses += Number(r.numUpdatedRows);
      }
      await audit(
        trx,
        {
          actor: 'retention',
          action: 'retention',
          site: site.id,
          target: 'site',
          detail: `${messages} messages, ${spam} spam comments deleted; ${addresses} address hashes cleared; ${mails} mails, ${subscriptions} reply subscriptions deleted`,
        },
        now,
      );
      return { messages, spam, addresses, mails, subscriptions };
    });
    if (site.retentionDays > 0) files.push(...oldMailFiles(join(config.data, 'mail', site.id), now.getTime() - site.retentionDays * DAY_MS));
    for (const file of files) rmSync(file, { force: true });
  }
  // Links past their end: their rows say who was mailed about what.
  await store.db.deleteFrom('links').where('expires_at', '<', now.toISOString()).execute();
  await dropExpiredSessions(store, now);
  await dropStaleThrottles(store, now);
  await dropIdleAddressLimits(store.db, config.spam.perAddress.windowMinutes, now);
  return done;
}

/** Mail files written before `before` (ms), whatever their row: a file whose row went another way (an old version, a crash) still goes. */
function oldMailFiles(dir: string, before: number): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.eml')).map((n) => join(dir, n)).filter((file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < before);
}

/** Runs the job if today's run is not done yet by any process; true when this call ran it. */
export async function retentionIfDue(store: Store, config: Config, now: Date): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const claimed = await store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('meta').select('value').where('key', '=', 'retention_day').executeTakeFirst();
    if (row?.value == day) return false;
    if (row) {
      const r = await trx.updateTable('meta').set({ value: day }).where('key', '=', 'retention_day').where('value', '=', row.value).executeTakeFirst();
      return Number(r.numUpdatedRows) == 1;
    }
    await trx.insertInto('meta').values({ key: 'retention_day', value: day }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return true;
  });
  if (claimed) await runRetention(store, config, now);
  return claimed;
}
