/**
 * Staff accounts: passwords, sign-in with slow-down and lock-out, sessions and CSRF tokens.
 * Everything is in the database (failures, waits, sessions), so it holds across processes and
 * restarts; a copy of the database holds no usable secret (password hashes, session hashes).
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './db/index.ts';
import type { Role } from './db/schema.ts';

/**
 * OWASP's Password Storage Cheat Sheet (2025): scrypt with N=2^17, r=8, p=1. That needs
 * 128 × N × r = 128 MiB, four times node's default `maxmem` (32 MiB), hence the raise.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 200;

/** Each hash holds 128 MiB for a moment: at most this many at once per process, so a burst of sign-ins cannot exhaust memory. */
const MAX_HASHING = 2;
let hashing = 0;
const waiting: (() => void)[] = [];

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Sign-ins waiting for a hash beyond this are refused at once (503): a flood cannot queue without end. */
const MAX_WAITING = 32;

export class BusyError extends Error {}

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= MAX_HASHING) {
    if (waiting.length >= MAX_WAITING) throw new BusyError('too many password checks at once');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  hashing++;
  try {
    return await work();
  } finally {
    hashing--;
    waiting.shift()?.();
  }
}

type Cost = { N: number; r: number; p: number; maxmem: number };

/**
 * Where the tests set a lower cost for new hashes (and the decoy), read on each hash. A hash at
 * OWASP's cost takes about a third of a second of a core and 128 MiB, and the tests sign in some
 * two hundred times in all: that was a third of `npm test`'s work on two cores. The throttle,
 * the lock-out and the equal work for unknown addresses do not depend on the cost, and one test
 * hashes and signs in at OWASP's. A global symbol, not config or environment, so that nothing a
 * site or its host sets can lower it; and one value for every copy of this module in a process
 * (the browser tests' servers load it through tsx more than once).
 */
export const TEST_COST = Symbol.for('firm-widgets-server.test-scrypt-cost');
const cost = (): Cost => (globalThis as { [TEST_COST]?: Cost })[TEST_COST] ?? SCRYPT;

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const params = cost();
  const key = await limited(() => scrypt(password, salt, params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme != 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  passwordChecks++;
  const key = await limited(() => scrypt(password, Buffer.from(salt, 'base64url'), { N, r: Number(r), p: Number(p), maxmem: Math.max(SCRYPT.maxmem, 256 * N * Number(r)) }));
  return key.length == expected.length && timingSafeEqual(key, expected);
}

/**
 * Checked when the account is unknown (or has no password yet): a hash of the same parameters
 * under a random salt that no password gives, so an unknown address costs the same scrypt work
 * and time as a wrong password, and gets the same answers (see {@link signIn}). One per cost, made
 * when first needed, so that it always costs what a new hash costs.
 */
const decoys = new Map<number, string>();
function decoy(): string {
  const { N, r, p } = cost();
  let hash = decoys.get(N);
  if (!hash) {
    hash = ['scrypt', N, r, p, randomBytes(SALT_BYTES).toString('base64url'), randomBytes(KEY_BYTES).toString('base64url')].join('$');
    decoys.set(N, hash);
  }
  return hash;
}

/** Password checks done by this process (each one scrypt hash): the tests read it to prove an unknown address costs the same work. */
export let passwordChecks = 0;

/**
 * Wrong passwords from one client address on one account before that pair is locked, and for
 * how long. Failures decay: those older than FAILURE_WINDOW_MS no longer count, and a lock ends.
 */
export const MAX_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/**
 * Wrong passwords on one account from every address together, in one window, before the
 * account is locked (LOCK_MS) for every address that has not signed in to it rightly within
 * KNOWN_MS: guessing from many addresses is still capped, while the person at their usual
 * address keeps signing in.
 */
export const ACCOUNT_MAX_FAILURES = 20;
export const KNOWN_MS = 30 * 86_400_000;
/** From the third wrong password on, each next try waits 1 s, 2 s, 4 s… (capped below the lock). */
const FREE_FAILURES = 2;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 60_000;

export function waitAfter(failures: number): number {
  if (failures >= MAX_FAILURES) return LOCK_MS;
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1), MAX_WAIT_MS);
}

const accountWait = (failures: number) => (failures >= ACCOUNT_MAX_FAILURES ? LOCK_MS : 0);

export interface User {
  id: number;
  email: string;
  role: Role;
  /** The site ids this person may work on; `*` for all. */
  sites: string[] | '*';
}

export const sitesOf = (text: string): User['sites'] => (text == '*' ? '*' : text.split(',').filter(Boolean));
export const mayUse = (user: User, site: string) => user.sites == '*' || user.sites.includes(site);

export type SignIn = { ok: true; user: User } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'wait'; seconds: number; locked: boolean };

const normalEmail = (email: string) => email.trim().toLowerCase();

/** The throttle's keys: salted hashes, so the table names neither the accounts nor the addresses. */
function throttleKeys(store: Store, email: string, address: string) {
  const account = store.hash(`sign-in\n${normalEmail(email)}`);
  return { account, pair: store.hash(`sign-in\n${normalEmail(email)}\n${address}`) };
}

/** When a row's wait ends (ms), or 0 when it does not hold now. */
const waitingUntil = (row: { wait_until: string | null } | undefined, t: number) => {
  const until = row?.wait_until ? Date.parse(row.wait_until) : 0;
  return until > t ? until : 0;
};

/**
 * Counts one attempt on a throttle row (made when missing) and sets the wait that count earns,
 * in one statement, unless a wait holds there already: resolves with the attempts counted in the
 * window, or undefined when a wait holds (nothing counted). Counting before the password is
 * checked, atomically, is what holds a burst of parallel requests: each gets its own count, so
 * those past a wait or the lock are refused before any scrypt work (counting after the check let
 * every request in flight through). `lockAt` is the count from which `waitFor` gives the lock.
 */
async function countAttempt(store: Store, key: string, account: string, now: Date, waitFor: (failures: number) => number, lockAt: number): Promise<number | undefined> {
  const { db } = store;
  const t = now.getTime();
  const at = now.toISOString();
  const until = (failures: number) => (waitFor(failures) ? new Date(t + waitFor(failures)).toISOString() : null);
  // Failures decay: a window that ran out, with no wait still running, starts again from none.
  await db
    .updateTable('signin_throttle')
    .set({ failures: 0, window_start: at, wait_until: null })
    .where('key', '=', key)
    .where('window_start', '<=', new Date(t - FAILURE_WINDOW_MS).toISOString())
    .where((eb) => eb.or([eb('wait_until', 'is', null), eb('wait_until', '<=', at)]))
    .execute();
  // The wait for the new count, worked out in the same statement as the count (a table of
  // counts to ends, as SQL has no shared way to write waitAfter's doubling).
  const next = sql`signin_throttle.failures + 1`;
  const steps = [sql`WHEN ${next} >= ${lockAt} THEN ${until(lockAt)}`];
  for (let n = lockAt - 1; n >= 1; n--) if (until(n)) steps.push(sql`WHEN ${next} = ${n} THEN ${until(n)}`);
  const wait = sql<string | null>`CASE ${sql.join(steps, sql` `)} ELSE NULL END`;
  const row = await db
    .insertInto('signin_throttle')
    .values({ key, account, failures: 1, window_start: at, wait_until: until(1), known_until: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ failures: eb('signin_throttle.failures', '+', 1), wait_until: wait }))
        .where((eb) => eb.or([eb('signin_throttle.wait_until', 'is', null), eb('signin_throttle.wait_until', '<=', at)])),
    )
    .returning('failures')
    .executeTakeFirst();
  return row?.failures;
}

/** The wait answer when a wait holds on the pair or (for an address not known) on the account, else undefined. */
async function waitHolding(store: Store, keys: { pair: string; account: string }, t: number) {
  const rows = await store.db.selectFrom('signin_throttle').selectAll().where('key', 'in', [keys.pair, keys.account]).execute();
  const pair = rows.find((r) => r.key == keys.pair);
  const whole = rows.find((r) => r.key == keys.account);
  const known = pair?.known_until ? Date.parse(pair.known_until) > t : false;
  const pairUntil = waitingUntil(pair, t);
  const accountUntil = known ? 0 : waitingUntil(whole, t);
  if (!pairUntil && !accountUntil) return { known };
  const locked = accountUntil > 0 || (pairUntil > 0 && pair!.failures >= MAX_FAILURES);
  const answer: SignIn = { ok: false, reason: 'wait', seconds: Math.ceil((Math.max(pairUntil, accountUntil) - t) / 1000), locked };
  return { known, answer };
}

/**
 * Checks a password from a client `address` (as `addressKey` gives it). Attempts are counted
 * per account and address, so someone failing on purpose elsewhere cannot lock the owner out,
 * and per account, capping guesses spread over many addresses (an address that signed in
 * rightly is spared that cap). Each attempt is counted before its password is checked, and
 * forgiven when right. Every answer and every wait is the same whether the account exists or
 * not: the throttle never looks at the users table, and an unknown account is checked against
 * a decoy hash.
 */
export async function signIn(store: Store, email: string, password: string, address: string, now: Date): Promise<SignIn> {
  const t = now.getTime();
  const keys = throttleKeys(store, email, address);
  const before = await waitHolding(store, keys, t);
  if (before.answer) return before.answer;
  const { known } = before;
  // A wait set by a request in flight since the look above: said as that wait (or a second, if it already ended).
  const tooSoon = async (): Promise<SignIn> => (await waitHolding(store, keys, t)).answer ?? { ok: false, reason: 'wait', seconds: 1, locked: false };
  const failures = await countAttempt(store, keys.pair, keys.account, now, waitAfter, MAX_FAILURES);
  if (failures === undefined) return tooSoon();
  // A known address's typos do not count towards the account-wide cap. (A refusal here leaves
  // the pair's count standing: an attempt was made.)
  if (!known && (await countAttempt(store, keys.account, keys.account, now, accountWait, ACCOUNT_MAX_FAILURES)) === undefined) return tooSoon();
  const row = await store.db.selectFrom('users').selectAll().where('email', '=', normalEmail(email)).executeTakeFirst();
  const right = await verifyPassword(password, row?.password_hash ?? decoy());
  if (right && row?.password_hash) {
    const at = now.toISOString();
    const fresh = { failures: 0, window_start: at, wait_until: null, known_until: new Date(t + KNOWN_MS).toISOString() };
    await store.db
      .insertInto('signin_throttle')
      .values({ key: keys.pair, account: keys.account, ...fresh })
      .onConflict((oc) => oc.column('key').doUpdateSet(fresh))
      .execute();
    // The right password was no guess: forgiven on the account-wide count too.
    if (!known) await store.db.updateTable('signin_throttle').set((eb) => ({ failures: eb('failures', '-', 1) })).where('key', '=', keys.account).where('failures', '>', 0).execute();
    return { ok: true, user: { id: row.id, email: row.email, role: row.role, sites: sitesOf(row.sites) } };
  }
  // A lock-out is said at once (the person learns to wait rather than try again).
  if (failures >= MAX_FAILURES) return { ok: false, reason: 'wait', seconds: Math.ceil(LOCK_MS / 1000), locked: true };
  return { ok: false, reason: 'wrong' };
}

/** A new password (from its link) clears the account's failures and locks, from every address. */
export async function clearSignInFailures(db: Pick<Store['db'], 'deleteFrom'>, store: Store, email: string): Promise<void> {
  await db.deleteFrom('signin_throttle').where('account', '=', throttleKeys(store, email, '').account).execute();
}

/** Throttle rows with nothing left to say (window over, no wait, not a known address), for the daily job. */
export async function dropStaleThrottles(store: Store, now: Date): Promise<void> {
  const at = now.toISOString();
  await store.db
    .deleteFrom('signin_throttle')
    .where('window_start', '<=', new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString())
    .where((eb) => eb.or([eb('wait_until', 'is', null), eb('wait_until', '<=', at)]))
    .where((eb) => eb.or([eb('known_until', 'is', null), eb('known_until', '<=', at)]))
    .execute();
}

/** A session ends after this long without a request, and after ABSOLUTE_MS whatever happens. */
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 3_600_000;
/** `seen_at` is written at most this often (every request would be a write). */
const SEEN_EVERY_MS = 60_000;
const TOKEN_BYTES = 32;

export const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(store: Store, user: User, now: Date): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const csrf = randomBytes(TOKEN_BYTES).toString('base64url');
  const at = now.toISOString();
  await store.db
    .insertInto('sessions')
    .values({ id: sessionId(token), user_id: user.id, csrf, created_at: at, seen_at: at, expires_at: new Date(now.getTime() + ABSOLUTE_MS).toISOString() })
    .execute();
  return { token, csrf };
}

export interface Session {
  id: string;
  csrf: string;
  user: User;
}

/** The live session of a cookie's token, or undefined (unknown, idle too long, past its end: those are deleted). */
export async function readSession(store: Store, token: string | undefined, now: Date): Promise<Session | undefined> {
  if (!token) return undefined;
  const id = sessionId(token);
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf', 'sessions.seen_at', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.role', 'users.sites'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const t = now.getTime();
  if (Date.parse(row.expires_at) <= t || Date.parse(row.seen_at) + IDLE_MS <= t) {
    await store.db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  if (t - Date.parse(row.seen_at) > SEEN_EVERY_MS) await store.db.updateTable('sessions').set({ seen_at: now.toISOString() }).where('id', '=', id).execute();
  return { id, csrf: row.csrf, user: { id: row.user_id, email: row.email, role: row.role, sites: sitesOf(row.sites) } };
}

export async function endSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Constant-time comparison of the CSRF token a request carries with its session's. */
export function csrfMatches(session: Session, sent: unknown): boolean {
  if (typeof sent != 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length == b.length && timingSafeEqual(a, b);
}

/** Sessions past their end, for the daily job. */
export async function dropExpiredSessions(store: Store, now: Date): Promise<void> {
  await store.db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('seen_at', '<=', new Date(now.getTime() - IDLE_MS).toISOString())]))
    .execute();
}
