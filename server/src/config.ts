/**
 * The server's configuration: a JSON file with comments (`firm-widgets-server init` writes one),
 * then the environment (`PORT`, `HOST`, `DATABASE_URL`, `FIRM_DATA`) over it. Every key is
 * checked before anything starts: a value the server cannot use stops it with one line naming
 * the key and the reason ({@link ConfigError}).
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import ipaddr from 'ipaddr.js';

export type Moderation = 'hold' | 'approve';

export interface SiteConfig {
  /** In every address of the site's API: /api/<id>/comments, /api/<id>/messages. */
  id: string;
  /** Shown in mail subjects. */
  name: string;
  /** Pages allowed to call the API (CORS), e.g. https://smith-law.example; `http://localhost:*` allows any port. */
  origins: string[];
  /** Staff addresses that get each new message. */
  notify: string[];
  /** Addresses that get each held comment (default: `notify`). */
  moderators: string[];
  /** `hold`: every comment waits for a moderator (the default); `approve`: listed at once. */
  moderation: Moderation;
  /** Comments closed on the whole site (listing still works). */
  closed: boolean;
  /** Threads whose comments are closed. */
  closedThreads: string[];
  /** The most comments / messages the site takes in one day (UTC); beyond it, 429 until midnight; 0: no limit. */
  dailyComments: number;
  dailyMessages: number;
  /** Akismet's opinion on what passed the server's own checks (opt-in, a third party: see the README's privacy notes). */
  akismet?: AkismetConfig;
}

export interface AkismetConfig {
  /** The site's Akismet API key. */
  key: string;
  /** The site's home page, as registered with Akismet (its `blog`). */
  blog: string;
  /** Whether contact-form messages are sent to Akismet too (comments always are). */
  messages: boolean;
  /** Akismet's address: https://rest.akismet.com, or a stand-in (tests). */
  endpoint: string;
  /** How long a post waits for Akismet before it is stored as if Akismet were off. */
  timeoutMs: number;
}

export interface SpamConfig {
  /** A form sent sooner than this after it appeared (`firm_elapsed`) is a bot's. */
  minElapsedMs: number;
  /** More links than this in one text flags it. */
  maxLinks: number;
  /** Words (any case) that flag a text. */
  bannedWords: string[];
  /** Per visitor address (IPv6 per /64), in `windowMinutes`: more is answered 429. */
  perAddress: { comments: number; messages: number; windowMinutes: number };
}

export interface MailConfig {
  /** The sender of notifications. */
  from: string;
  /** An SMTP URL (smtp://user:pass@host:587, smtps://…); absent: mail is written as .eml files under the data folder. */
  smtp?: string;
}

export interface Config {
  host: string;
  port: number;
  /** Where the SQLite file, mail files and backups live (absolute). */
  data: string;
  /** A postgres:// URL; absent: SQLite in `data`. */
  database?: string;
  /** The address pages reach the server at (for the snippet and links in mail). */
  publicUrl: string;
  /**
   * Behind proxies: the proxies' own addresses or ranges (Fastify's `trustProxy`), so the
   * visitor's address is the one the outermost of them saw in X-Forwarded-For; `false`: the
   * connection's own address.
   */
  trustProxy: false | string[];
  log: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  mail: MailConfig;
  spam: SpamConfig;
  sites: SiteConfig[];
}

/** A config value the server cannot use: `key` is its path, e.g. `sites[0].origins[1]`. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`config ${key}: ${reason}`);
  }
}

export const DEFAULT_PORT = 8787;
/** The longest `spam.perAddress.windowMinutes` (a week). */
export const MAX_WINDOW_MINUTES = 10_080;
const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
const MODERATION: Moderation[] = ['hold', 'approve'];
/** Ranges proxy-addr (behind Fastify's `trustProxy`) knows by name. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const AKISMET_ENDPOINT = 'https://rest.akismet.com';
/** Long enough for Akismet on a bad day (it answers in a fraction of a second), short enough for a visitor to wait. */
const AKISMET_TIMEOUT_MS = 3000;
const AKISMET_MAX_TIMEOUT_MS = 30_000;
// Akismet's keys are letters and digits (12 of them today); the check stops a pasted quote or space.
const AKISMET_KEY = /^[A-Za-z0-9]{8,64}$/;
// A plain address check, as the forms do: the mail server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The site a config without `sites` serves: pages on this machine, any port (the demo). */
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];
/** Its staff address: without SMTP its mail lands in files, so a first run shows the whole path. */
const DEFAULT_NOTIFY = 'office@example.com';

type Raw = Record<string, unknown>;

/** Reads one object's keys by name, refusing keys it does not know (a typo would silently do nothing). */
class Reader {
  constructor(
    readonly raw: Raw,
    private readonly path: string,
    known: string[],
  ) {
    for (const key of Object.keys(raw)) {
      if (!known.includes(key)) throw new ConfigError(this.at(key), `unknown key (known: ${known.join(', ')})`);
    }
  }

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string, fallback: string, test?: (v: string) => string | undefined): string {
    const v = this.raw[key] ?? fallback;
    if (typeof v != 'string') throw new ConfigError(this.at(key), `must be a string, not ${JSON.stringify(v)}`);
    const wrong = test?.(v);
    if (wrong) throw new ConfigError(this.at(key), wrong);
    return v;
  }

  int(key: string, fallback: number, min: number, max: number): number {
    const v = this.raw[key] ?? fallback;
    if (typeof v != 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new ConfigError(this.at(key), `must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`);
    }
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw[key] ?? fallback;
    if (typeof v != 'boolean') throw new ConfigError(this.at(key), `must be true or false, not ${JSON.stringify(v)}`);
    return v;
  }

  strings(key: string, fallback: string[], test?: (v: string) => string | undefined): string[] {
    const v = this.raw[key] ?? fallback;
    if (!Array.isArray(v)) throw new ConfigError(this.at(key), `must be a list of strings, not ${JSON.stringify(v)}`);
    return v.map((item, i) => {
      if (typeof item != 'string') throw new ConfigError(`${this.at(key)}[${i}]`, `must be a string, not ${JSON.stringify(item)}`);
      const wrong = test?.(item);
      if (wrong) throw new ConfigError(`${this.at(key)}[${i}]`, wrong);
      return item;
    });
  }

  object(key: string): Raw {
    const v = this.raw[key] ?? {};
    if (typeof v != 'object' || v === null || Array.isArray(v)) throw new ConfigError(this.at(key), `must be an object, not ${JSON.stringify(v)}`);
    return v as Raw;
  }
}

/** An origin as browsers send it: scheme, host, optional port (`:*` for any), nothing else. */
function originProblem(v: string): string | undefined {
  const wild = v.endsWith(':*');
  let url: URL;
  try {
    url = new URL(wild ? v.slice(0, -2) : v);
  } catch {
    return `"${v}" is not an origin (like https://example.com)`;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin != (wild ? v.slice(0, -2) : v)) {
    return `"${v}" is not an origin: scheme and host only, like https://example.com (no path, no trailing slash)`;
  }
  return undefined;
}

const emailProblem = (v: string) => (EMAIL.test(v) ? undefined : `"${v}" is not an email address`);

const webAddressProblem = (v: string) => (URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol) ? undefined : `"${v}" is not a web address (like https://example.com)`);

/** A site's `akismet` (absent: Akismet is never asked). */
function readAkismet(raw: Raw, path: string): AkismetConfig {
  const r = new Reader(raw, path, ['key', 'blog', 'messages', 'endpoint', 'timeoutMs']);
  if (!r.has('key')) throw new ConfigError(r.at('key'), 'is required (the API key from akismet.com)');
  if (!r.has('blog')) throw new ConfigError(r.at('blog'), "is required (the site's home page as registered with Akismet)");
  // The key is a secret: no reason repeats it.
  if (typeof raw.key != 'string') throw new ConfigError(r.at('key'), 'must be a string (the API key from akismet.com)');
  const key = r.string('key', '', (v) => (AKISMET_KEY.test(v) ? undefined : 'must be the API key from akismet.com (letters and digits only)'));
  return {
    key,
    blog: r.string('blog', '', webAddressProblem),
    messages: r.bool('messages', true),
    endpoint: r.string('endpoint', AKISMET_ENDPOINT, webAddressProblem).replace(/\/+$/, ''),
    timeoutMs: r.int('timeoutMs', AKISMET_TIMEOUT_MS, 1, AKISMET_MAX_TIMEOUT_MS),
  };
}

/** An address or range ipaddr.js reads (10.0.0.1, 10.0.0.0/8, fd00::/8), or one of proxy-addr's names. */
const proxyProblem = (v: string) =>
  PROXY_RANGE_NAMES.includes(v) || ipaddr.isValid(v) || ipaddr.isValidCIDR(v) ? undefined : `"${v}" is not an address, a range (like 10.0.0.0/8) or one of ${PROXY_RANGE_NAMES.join(', ')}`;

/**
 * `trustProxy`: false, or the proxies' own addresses. `true` is refused: it believes the
 * left-most X-Forwarded-For address, which the visitor writes, so rotating it escapes every
 * per-address limit. A hop count is refused too: Fastify 5 ignores one (it cannot tell a proxy
 * from a visitor connecting straight to the server), so every visitor would share the proxy's
 * address and its limit.
 */
function readTrustProxy(r: Reader): Config['trustProxy'] {
  const v = r.raw.trustProxy;
  if (v === undefined || v === false) return false;
  if (v === true) {
    throw new ConfigError('trustProxy', 'true would believe any address a visitor writes in X-Forwarded-For: list the addresses of your proxies instead, like ["127.0.0.1"]');
  }
  if (typeof v == 'number') {
    throw new ConfigError('trustProxy', `a count of proxies (${v}) cannot tell a proxy from a visitor: list the addresses of your proxies instead, like ["127.0.0.1"]`);
  }
  if (Array.isArray(v) && v.length) return r.strings('trustProxy', [], proxyProblem);
  throw new ConfigError('trustProxy', `must be false or a list of your proxies' addresses or ranges, not ${JSON.stringify(v)}`);
}

function readSite(raw: unknown, i: number): SiteConfig {
  const path = `sites[${i}]`;
  if (typeof raw != 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(path, 'must be an object');
  const r = new Reader(raw as Raw, path, [
    'id',
    'name',
    'origins',
    'notify',
    'moderators',
    'moderation',
    'closed',
    'closedThreads',
    'dailyComments',
    'dailyMessages',
    'akismet',
  ]);
  if (!r.has('id')) throw new ConfigError(r.at('id'), 'is required');
  const id = r.string('id', '', (v) => (SITE_ID.test(v) ? undefined : `"${v}" must be lowercase letters, digits and dashes (up to 63)`));
  const notify = r.strings('notify', [], emailProblem);
  return {
    id,
    name: r.string('name', id),
    origins: r.strings('origins', [], originProblem),
    notify,
    moderators: r.has('moderators') ? r.strings('moderators', [], emailProblem) : notify,
    moderation: r.string('moderation', 'hold', (v) => (MODERATION.includes(v as Moderation) ? undefined : `must be "hold" or "approve", not "${v}"`)) as Moderation,
    closed: r.bool('closed', false),
    closedThreads: r.strings('closedThreads', []),
    dailyComments: r.int('dailyComments', 1000, 0, 1_000_000),
    dailyMessages: r.int('dailyMessages', 500, 0, 1_000_000),
    ...(r.has('akismet') && { akismet: readAkismet(r.object('akismet'), r.at('akismet')) }),
  };
}

/**
 * A checked config from a parsed file (`raw`, relative paths resolved from `base`) and the
 * environment. Throws a {@link ConfigError}.
 */
export function readConfig(raw: unknown, base: string, env: NodeJS.ProcessEnv = {}): Config {
  if (typeof raw != 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('(file)', 'must hold one JSON object');
  const r = new Reader(raw as Raw, '', ['host', 'port', 'data', 'database', 'publicUrl', 'trustProxy', 'log', 'mail', 'spam', 'sites']);
  const host = env.HOST ?? r.string('host', '127.0.0.1');
  const port = env.PORT !== undefined ? Number(env.PORT) : r.int('port', DEFAULT_PORT, 0, 65535);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', `must be a port number, not "${env.PORT}"`);
  const data = resolve(base, env.FIRM_DATA ?? r.string('data', 'firm-data'));
  const database = env.DATABASE_URL || (r.has('database') ? r.string('database', '') : undefined);
  if (database !== undefined && !/^postgres(ql)?:\/\//.test(database)) {
    throw new ConfigError(env.DATABASE_URL ? 'DATABASE_URL' : 'database', 'must be a postgres:// URL (leave it out for SQLite)');
  }
  const shownHost = host == '0.0.0.0' || host == '::' ? 'localhost' : host;
  const publicUrl = r.string('publicUrl', `http://${shownHost}:${port}`, (v) => (URL.canParse(v) ? undefined : `"${v}" is not an address`)).replace(/\/+$/, '');

  const m = new Reader(r.object('mail'), 'mail', ['from', 'smtp']);
  const smtp = m.has('smtp') ? m.string('smtp', '', (v) => (/^smtps?:\/\/[^/]/.test(v) ? undefined : 'must be an smtp:// or smtps:// URL')) : undefined;
  const mail: MailConfig = { from: m.string('from', 'firm-widgets-server <noreply@localhost>'), smtp: smtp || undefined };

  const s = new Reader(r.object('spam'), 'spam', ['minElapsedMs', 'maxLinks', 'bannedWords', 'perAddress']);
  const p = new Reader(s.object('perAddress'), 'spam.perAddress', ['comments', 'messages', 'windowMinutes']);
  const spam: SpamConfig = {
    minElapsedMs: s.int('minElapsedMs', 3000, 0, 600_000),
    maxLinks: s.int('maxLinks', 2, 0, 100),
    bannedWords: s.strings('bannedWords', []).map((w) => w.toLowerCase()),
    perAddress: { comments: p.int('comments', 5, 1, 100_000), messages: p.int('messages', 5, 1, 100_000), windowMinutes: p.int('windowMinutes', 10, 1, MAX_WINDOW_MINUTES) },
  };

  let sites: SiteConfig[];
  if (!r.has('sites')) {
    sites = [readSite({ id: 'default', origins: LOCAL_ORIGINS, notify: [DEFAULT_NOTIFY] }, 0)];
  } else {
    const list = (raw as Raw).sites;
    if (!Array.isArray(list) || list.length == 0) throw new ConfigError('sites', 'must be a list of at least one site');
    sites = list.map(readSite);
    const seen = new Set<string>();
    sites.forEach((site, i) => {
      if (seen.has(site.id)) throw new ConfigError(`sites[${i}].id`, `"${site.id}" is used by an earlier site`);
      seen.add(site.id);
    });
  }

  return {
    host,
    port,
    data,
    database,
    publicUrl,
    trustProxy: readTrustProxy(r),
    log: r.string('log', 'info', (v) => ((LOG_LEVELS as readonly string[]).includes(v) ? undefined : `must be one of ${LOG_LEVELS.join(', ')}`)) as Config['log'],
    mail,
    spam,
    sites,
  };
}

/** The config file at `file` (JSON with comments), or the defaults when `file` is absent and was not asked for. */
export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const path = resolve(cwd, file ?? 'firm-widgets-server.jsonc');
  if (!existsSync(path)) {
    if (file) throw new ConfigError('(file)', `${path} does not exist (firm-widgets-server init ${file} writes one)`);
    return readConfig({}, cwd, env);
  }
  const errors: ParseError[] = [];
  const raw: unknown = parse(readFileSync(path, 'utf8'), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const text = readFileSync(path, 'utf8');
    const line = text.slice(0, errors[0].offset).split('\n').length;
    throw new ConfigError('(file)', `${path} line ${line}: ${printParseErrorCode(errors[0].error)}`);
  }
  return readConfig(raw, dirname(path), env);
}

/** Does `origin` (as a browser sent it) belong to `site`? */
export function allowsOrigin(site: SiteConfig, origin: string): boolean {
  for (const allowed of site.origins) {
    if (allowed == origin) return true;
    if (allowed.endsWith(':*')) {
      const prefix = allowed.slice(0, -2);
      // The same scheme and host, then a port or nothing.
      if (origin == prefix || (origin.startsWith(prefix + ':') && /^\d+$/.test(origin.slice(prefix.length + 1)))) return true;
    }
  }
  return false;
}

/** What `init` writes: every key, commented. */
export const CONFIG_TEMPLATE = `// firm-widgets-server configuration (JSON with comments).
// Environment variables win over this file: PORT, HOST, DATABASE_URL, FIRM_DATA.
{
  // Where the server listens. 127.0.0.1 keeps it to this machine (put a proxy with TLS in front).
  "host": "127.0.0.1",
  "port": ${DEFAULT_PORT},
  // The address pages reach this server at (used in the snippet it prints).
  // "publicUrl": "https://comments.example.com",
  // Behind proxies (nginx, a load balancer, a CDN), list their addresses or ranges, e.g.
  // ["127.0.0.1"] or ["127.0.0.1", "10.0.0.0/8"]: the visitor's address is then the one the
  // outermost proxy saw (X-Forwarded-For, read from the right). false: the connection's own.
  "trustProxy": false,
  // The SQLite file, mail files (without SMTP) and backups live here (relative to this file).
  "data": "firm-data",
  // PostgreSQL instead of SQLite (several server processes may share it):
  // "database": "postgres://user:password@db.example.com/firm",
  // fatal, error, warn, info, debug or silent. Logs are JSON lines on standard output.
  "log": "info",

  "mail": {
    "from": "Comments <noreply@example.com>",
    // Without "smtp", every mail is written as an .eml file under <data>/mail/.
    // "smtp": "smtps://user:password@smtp.example.com:465"
  },

  "spam": {
    // A form sent sooner than this after it appeared is a bot's.
    "minElapsedMs": 3000,
    // More links than this in one comment or message flags it.
    "maxLinks": 2,
    // Any of these words (any case) flags a comment or message.
    "bannedWords": [],
    // Posts per visitor address (IPv6 per /64) in the window; more are answered 429.
    "perAddress": { "comments": 5, "messages": 5, "windowMinutes": 10 }
  },

  // One entry per website. Its API: <publicUrl>/api/<id>/comments and <publicUrl>/api/<id>/messages.
  "sites": [
    {
      "id": "example",
      "name": "Example Law Firm",
      // The pages allowed to call the API (scheme and host; "http://localhost:*" allows any port).
      "origins": ["https://example.com", "https://www.example.com", "http://localhost:*"],
      // Staff who get each new message.
      "notify": ["office@example.com"],
      // Who gets each held comment (default: notify).
      // "moderators": ["editor@example.com"],
      // "hold": every comment waits for approval (default); "approve": shown at once.
      "moderation": "hold",
      // Close comments on the whole site, or on some threads.
      "closed": false,
      "closedThreads": [],
      // The most comments / messages taken in one day (UTC); 0: no limit.
      "dailyComments": 1000,
      "dailyMessages": 500,
      // Akismet (a third party, off unless set): what passed the checks above is sent to it
      // (see the README's privacy notes); its "spam" is kept as spam, never mailed.
      // "akismet": { "key": "your-akismet-key", "blog": "https://example.com", "messages": true }
    }
  ]
}
`;
