/**
 * What the owners change from the desk, per site, over the config file: moderation mode,
 * notification addresses, routing of messages by topic, retention, trusted commenters. Kept in
 * the database (every process reads the same), checked like the config, applied to each request.
 */
import type { Moderation, SiteConfig } from '../config.ts';
import type { Store } from '../db/index.ts';
import { EMAIL } from '../routes/fields.ts';

export interface TopicRoute {
  /** The topic as the contact form sends it (any case). */
  topic: string;
  to: string[];
}

export interface SiteSettings {
  moderation?: Moderation;
  notify?: string[];
  moderators?: string[];
  /** Messages whose topic matches go to these addresses instead of `notify`. */
  routes?: TopicRoute[];
  /** Messages and spam comments are deleted after this many days; 0 or absent: kept. */
  retentionDays?: number;
  /** Verified commenters with this many approved comments skip the queue; 0 or absent: nobody does. */
  trustedAfter?: number;
}

/** A site as a request sees it: the config, then the desk's settings over it. */
export type DeskSite = SiteConfig & { routes: TopicRoute[]; retentionDays: number; trustedAfter: number };

/** Visitors' network addresses (hashed) are cleared after this many days, whatever the site says. */
export const ADDRESS_DAYS = 30;
const MAX_DAYS = 3650;
const MAX_TRUSTED = 1000;
const MAX_ROUTES = 50;
const MAX_ADDRESSES = 20;

export class SettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function addresses(field: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_ADDRESSES || v.some((a) => typeof a != 'string' || !EMAIL.test(a.trim()))) throw new SettingsError(field, 'a list of email addresses');
  return v.map((a: string) => a.trim());
}

function days(field: string, v: unknown, max: number): number {
  if (typeof v != 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new SettingsError(field, `a whole number from 0 to ${max}`);
  return v;
}

/** Checks settings sent by the desk; throws a {@link SettingsError} naming the field. */
export function checkSettings(raw: unknown): SiteSettings {
  if (typeof raw != 'object' || raw === null || Array.isArray(raw)) throw new SettingsError('settings', 'an object');
  const r = raw as Record<string, unknown>;
  const out: SiteSettings = {};
  if (r.moderation !== undefined) {
    if (r.moderation !== 'hold' && r.moderation !== 'approve') throw new SettingsError('moderation', '"hold" or "approve"');
    out.moderation = r.moderation as Moderation;
  }
  if (r.notify !== undefined) out.notify = addresses('notify', r.notify);
  if (r.moderators !== undefined) out.moderators = addresses('moderators', r.moderators);
  if (r.routes !== undefined) {
    if (!Array.isArray(r.routes) || r.routes.length > MAX_ROUTES) throw new SettingsError('routes', 'a list of {topic, to}');
    out.routes = r.routes.map((route: unknown, i: number) => {
      const t = route as Record<string, unknown>;
      if (typeof t?.topic != 'string' || !t.topic.trim() || t.topic.length > 200) throw new SettingsError(`routes[${i}].topic`, 'a topic');
      return { topic: t.topic.trim(), to: addresses(`routes[${i}].to`, t.to) };
    });
  }
  if (r.retentionDays !== undefined) out.retentionDays = days('retentionDays', r.retentionDays, MAX_DAYS);
  if (r.trustedAfter !== undefined) out.trustedAfter = days('trustedAfter', r.trustedAfter, MAX_TRUSTED);
  return out;
}

/**
 * How long a process answers with the settings it read (the request path reads none then): a
 * change made from the desk reaches every process sharing the database within this time, and
 * the process that wrote it at once (`writeSettings` drops its copy).
 */
export const SETTINGS_TTL_MS = 2000;

/** Each site's settings as applied, and until when (a monotonic clock, ms); one per store, so per process. */
export type SettingsCache = Map<string, { site: DeskSite; until: number }>;

export async function readSettings(store: Store, site: string): Promise<SiteSettings> {
  const row = await store.db.selectFrom('settings').select('value').where('site', '=', site).executeTakeFirst();
  return row ? (JSON.parse(row.value) as SiteSettings) : {};
}

export async function writeSettings(store: Store, site: string, settings: SiteSettings, now: Date): Promise<void> {
  const value = JSON.stringify(settings);
  const at = now.toISOString();
  // This process reads them anew at its next request (the others within SETTINGS_TTL_MS).
  store.settingsCache.delete(site);
  await store.db
    .insertInto('settings')
    .values({ site, value, updated_at: at })
    .onConflict((oc) => oc.column('site').doUpdateSet({ value, updated_at: at }))
    .execute();
  // Again: a request answered while the write ran may have kept the old settings. (A caller
  // writing in a transaction drops the copy once more after its commit, see forgetSettings.)
  forgetSettings(store, site);
}

/** Drops this process's copy of a site's settings, so its next request reads them anew. */
export function forgetSettings(store: Pick<Store, 'settingsCache'>, site: string): void {
  store.settingsCache.delete(site);
}

export function applySettings(site: SiteConfig, s: SiteSettings): DeskSite {
  return {
    ...site,
    moderation: s.moderation ?? site.moderation,
    notify: s.notify ?? site.notify,
    moderators: s.moderators ?? s.notify ?? site.moderators,
    routes: s.routes ?? [],
    retentionDays: s.retentionDays ?? 0,
    trustedAfter: s.trustedAfter ?? 0,
  };
}

export async function deskSite(store: Store, site: SiteConfig): Promise<DeskSite> {
  return applySettings(site, await readSettings(store, site.id));
}

/**
 * `deskSite` for the request path: read at most once per SETTINGS_TTL_MS per site and process,
 * rather than a query and a JSON parse on every request. The object is shared: never changed.
 */
export async function cachedDeskSite(store: Store, site: SiteConfig): Promise<DeskSite> {
  const now = performance.now();
  const kept = store.settingsCache.get(site.id);
  if (kept && kept.until > now) return kept.site;
  const fresh = await deskSite(store, site);
  store.settingsCache.set(site.id, { site: fresh, until: now + SETTINGS_TTL_MS });
  return fresh;
}

/** Who gets a message on `topic`: the route's addresses when a route names it, else the site's. */
export function recipientsFor(site: SiteConfig & Partial<Pick<DeskSite, 'routes'>>, topic: string): string[] {
  const wanted = topic.trim().toLocaleLowerCase();
  const route = wanted ? site.routes?.find((r) => r.topic.toLocaleLowerCase() == wanted) : undefined;
  return route ? route.to : site.notify;
}
