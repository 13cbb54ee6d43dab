/**
 * The daily retention job: per site, messages and spam comments older than the site's
 * `retentionDays` go (with their mail); visitors' network-address hashes older than 30 days are
 * cleared on every site. The audit log says what went. Several processes may run it: the day's
 * run is claimed in `meta` by one conditional write, so it happens once a day.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import { audit } from './comments.ts';
import { ADDRESS_DAYS, deskSite } from './settings.ts';
import { dropExpiredSessions, dropStaleThrottles } from '../auth.ts';

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

/** Runs the job now (the CLI and tests call it directly); resolves with what went per site. */
export async function runRetention(store: Store, config: Config, now: Date): Promise<Record<string, { messages: number; spam: number; addresses: number }>> {
  const done: Record<string, { messages: number; spam: number; addresses: number }> = {};
  const addrCutoff = daysBefore(now, ADDRESS_DAYS);
  for (const base of config.sites) {
    const site = await deskSite(store, base);
    const files: string[] = [];
    done[site.id] = await store.db.transaction().execute(async (trx) => {
      let messages = 0;
      let spam = 0;
      if (site.retentionDays > 0) {
        const cutoff = daysBefore(now, site.retentionDays);
        const old = await trx.selectFrom('messages').select('id').where('site', '=', site.id).where('created_at', '<', cutoff).execute();
        for (const { id } of old) {
          for (const o of await trx.selectFrom('outbox').select('id').where('about', '=', `message:${id}`).execute()) files.push(join(config.data, 'mail', site.id, `${o.id}.eml`));
          await trx.deleteFrom('outbox').where('about', '=', `message:${id}`).execute();
        }
        messages = Number((await trx.deleteFrom('messages').where('site', '=', site.id).where('created_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
        const oldSpam = await trx.selectFrom('comments').select('id').where('site', '=', site.id).where('status', '=', 'spam').where('created_at', '<', cutoff).execute();
        for (const { id } of oldSpam) {
          await trx.deleteFrom('outbox').where('about', '=', `comment:${id}`).execute();
          await trx.deleteFrom('comments').where('id', '=', id).execute();
        }
        spam = oldSpam.length;
      }
      let addresses = 0;
      for (const table of ['comments', 'messages'] as const) {
        const r = await trx.updateTable(table).set({ addr_hash: '' }).where('site', '=', site.id).where('created_at', '<', addrCutoff).where('addr_hash', '!=', '').executeTakeFirst();
        addresses += Number(r.numUpdatedRows);
      }
      await audit(trx, { actor: 'retention', action: 'retention', site: site.id, target: 'site', detail: `${messages} messages, ${spam} spam comments deleted; ${addresses} address hashes cleared` }, now);
      return { messages, spam, addresses };
    });
    for (const file of files) rmSync(file, { force: true });
  }
  await dropExpiredSessions(store, now);
  await dropStaleThrottles(store, now);
  return done;
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
