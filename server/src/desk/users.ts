/**
 * `firm-widgets-server add-user EMAIL --role owner|moderator --site ID…`: creates the account
 * (or renews its set-password link) and prints a one-time link to set the password. The
 * password itself never passes through the command line or its history.
 */
import type { Config } from '../config.ts';
import type { Store } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { EMAIL } from '../routes/fields.ts';
import { makeLink, LINK_TTL_MS, HOUR_MS } from './links.ts';
import { audit } from './comments.ts';

export class UserError extends Error {}

export async function addUser(store: Store, config: Config, email: string, role: string, sites: string[], now: Date): Promise<{ link: string; hours: number; created: boolean }> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) throw new UserError(`"${email}" is not an email address`);
  if (role != 'owner' && role != 'moderator') throw new UserError(`--role must be owner or moderator, not "${role}"`);
  const known = config.sites.map((s) => s.id);
  const unknown = sites.filter((s) => !known.includes(s));
  if (unknown.length) throw new UserError(`--site ${unknown.join(', ')}: no such site in the config (${known.join(', ')})`);
  // A moderator works on named sites; an owner without --site owns every site.
  if (!sites.length && role == 'moderator') throw new UserError('a moderator needs at least one --site');
  const siteList = sites.length ? [...new Set(sites)].join(',') : '*';
  return store.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', address).executeTakeFirst();
    let id: number;
    if (existing) {
      await trx.updateTable('users').set({ role: role as Role, sites: siteList }).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('users')
        .values({ email: address, role: role as Role, sites: siteList, password_hash: null, wait_until: null, created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    // Earlier unused links of this account stop working: only the newest is valid.
    await trx.updateTable('links').set({ used_at: now.toISOString() }).where('kind', '=', 'password').where('target', '=', `user:${id}`).where('used_at', 'is', null).execute();
    const token = await makeLink(store, { kind: 'password', site: '*', target: `user:${id}`, actor: address }, now, trx);
    // One row per site (not the comma-separated list), so each site's owners see who was given access to it.
    for (const site of siteList.split(',')) await audit(trx, { actor: 'cli', action: existing ? 'renew-user' : 'add-user', site, target: `user:${id}`, detail: `${address} ${role} ${siteList}` }, now);
    return { link: `${config.publicUrl}/link/${token}`, hours: LINK_TTL_MS.password / HOUR_MS, created: !existing };
  });
}
