// The firm's desk (issue 14): accounts, sessions, CSRF, the queue, the inbox, people, audit,
// settings, mail links, trusted commenters, reply notifications, retention; and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testApp, comment, message, dialectName } from './helpers.ts';
import { addUser } from '../src/desk/users.ts';
import { ABSOLUTE_MS, ACCOUNT_MAX_FAILURES, IDLE_MS, LOCK_MS, MAX_FAILURES, passwordChecks, SCRYPT, TEST_COST } from '../src/auth.ts';
import { runRetention } from '../src/desk/retention.ts';
import { PLACEHOLDER_CONTENT } from '../src/desk/people.ts';
import type { Store } from '../src/db/index.ts';
import type { Config } from '../src/config.ts';
import { Outbox } from '../src/outbox.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openSqlite } from '../src/db/index.ts';
import { migrationProvider } from '../src/db/migrations.ts';
import { readLink } from '../src/desk/links.ts';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'correct horse battery staple';

/** A clock the test moves. */
function clock(start = '2026-03-02T15:00:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const pathOf = (link: string) => new URL(link).pathname;

/** An account made as the CLI makes it, its password set through its link, signed in. */
async function staff(app: FastifyInstance, store: Store, config: Config, email: string, role: 'owner' | 'moderator', sites: string[], now: Date) {
  const { link } = await addUser(store, config, email, role, sites, now);
  const set = await app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: new URLSearchParams({ password: PASSWORD, again: PASSWORD }).toString() });
  assert.equal(set.statusCode, 200, set.body);
  return signIn(app, email);
}

async function signIn(app: FastifyInstance, email: string, password = PASSWORD, remoteAddress = '127.0.0.1') {
  const r = await app.inject({ method: 'POST', url: '/admin/api/session', headers: json, payload: { email, password }, remoteAddress });
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0];
  return { r, cookie, csrf: r.statusCode == 200 ? (r.json().csrf as string) : '' };
}

type Who = { cookie: string; csrf: string };
const get = (app: FastifyInstance, who: Who, url: string) => app.inject({ url, headers: { cookie: who.cookie } });
const post = (app: FastifyInstance, who: Who, url: string, payload: object, csrf = who.csrf) =>
  app.inject({ method: 'POST', url, headers: { ...json, cookie: who.cookie, ...(csrf && { 'x-csrf-token': csrf }) }, payload });

/** Every row of every table, the desk's included, to prove a refusal changed nothing. */
async function everything(store: Store): Promise<string> {
  const tables = ['comments', 'threads', 'pages', 'messages', 'outbox', 'audit', 'users', 'links', 'settings', 'verified', 'subscriptions'] as const;
  const all: Record<string, unknown[]> = {};
  for (const t of tables) all[t] = await store.db.selectFrom(t).selectAll().execute();
  return JSON.stringify(all);
}

async function postComment(app: FastifyInstance, site: string, over: Record<string, unknown> = {}) {
  const r = await app.inject({ method: 'POST', url: `/api/${site}/comments`, headers: json, payload: comment(over) });
  assert.equal(r.statusCode, 201, r.body);
  return Number(r.json().id);
}

const linksIn = (body: string): [string, string][] => [...body.matchAll(/(approve|spam|delete|Approve|Spam|Delete): (\S+\/link\/\S+)/g)].map((m): [string, string] => [m[1].toLowerCase(), m[2]]);

test(`desk (${dialectName}): scrypt at OWASP's parameters; the set-password link works once; the cookie is HttpOnly, SameSite=Strict, Secure behind https`, async () => {
  assert.deepEqual([SCRYPT.N, SCRYPT.r, SCRYPT.p], [2 ** 17, 8, 1]);
  assert.ok(SCRYPT.maxmem > 128 * SCRYPT.N * SCRYPT.r);
  // The other tests hash at a lower cost (helpers.ts): this one at the server's own.
  const lowered = (globalThis as { [TEST_COST]?: unknown })[TEST_COST];
  delete (globalThis as { [TEST_COST]?: unknown })[TEST_COST];
  const c = clock();
  const t = await testApp({ publicUrl: 'https://desk.example' }, c.now);
  try {
    const { link } = await addUser(t.store, t.config, 'Owner@Firm.example', 'owner', [], c.now());
    assert.match(link, /^https:\/\/desk\.example\/link\/[\w-]{43}$/);
    const page = await t.app.inject({ url: pathOf(link) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /type="password" name="password"/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    // Too short: refused, the link still unused.
    const short = await t.app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: 'password=short&again=short' });
    assert.equal(short.statusCode, 422);
    const ok = await t.app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: new URLSearchParams({ password: PASSWORD, again: PASSWORD }).toString() });
    assert.equal(ok.statusCode, 200);
    const again = await t.app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: new URLSearchParams({ password: 'another password 123', again: 'another password 123' }).toString() });
    assert.equal(again.statusCode, 410);
    const user = await t.store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    assert.match(user.password_hash!, /^scrypt\$131072\$8\$1\$/);
    assert.ok(!user.password_hash!.includes(PASSWORD));

    const { r } = await signIn(t.app, 'owner@firm.example');
    assert.equal(r.statusCode, 200);
    const cookie = String(r.headers['set-cookie']);
    for (const part of ['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/admin']) assert.ok(cookie.includes(part), `${part} in ${cookie}`);
    // The database holds only the session's hash.
    const session = await t.store.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    assert.ok(!cookie.includes(session.id));
  } finally {
    (globalThis as { [TEST_COST]?: unknown })[TEST_COST] = lowered;
    await t.close();
  }
});

test(`desk (${dialectName}): refusals: no CSRF token, a session after expiry, a moderator of site A on site B, a moderator opening the audit log`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const held = await postComment(t.app, 'firm');
    const mod = await staff(t.app, t.store, t.config, 'mod@firm.example', 'moderator', ['firm'], c.now());
    assert.equal(mod.r.statusCode, 200);
    const before = await everything(t.store);

    // No token, a wrong token, another origin: refused, nothing changed.
    const none = await post(t.app, mod, '/admin/api/comments', { site: 'firm', ids: [held], action: 'approve' }, '');
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().code, 'csrf');
    const wrong = await post(t.app, mod, '/admin/api/comments', { site: 'firm', ids: [held], action: 'approve' }, 'x'.repeat(43));
    assert.equal(wrong.json().code, 'csrf');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/admin/api/comments',
      headers: { ...json, cookie: mod.cookie, 'x-csrf-token': mod.csrf, origin: 'https://evil.example', host: 'localhost:80' },
      payload: { site: 'firm', ids: [held], action: 'approve' },
    });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await everything(t.store), before);

    // Site B (open) is not this moderator's: neither read nor change.
    const otherList = await get(t.app, mod, '/admin/api/comments?site=open');
    assert.equal(otherList.statusCode, 403);
    assert.equal(otherList.json().code, 'forbidden_site');
    const openComment = await postComment(t.app, 'open');
    const otherAct = await post(t.app, mod, '/admin/api/comments', { site: 'open', ids: [openComment], action: 'delete' });
    assert.equal(otherAct.statusCode, 403);
    // Nor by naming site A with site B's comment id.
    const sneaky = await post(t.app, mod, '/admin/api/comments', { site: 'firm', ids: [openComment], action: 'delete' });
    assert.deepEqual(sneaky.json().done, []);
    assert.ok(await t.store.db.selectFrom('comments').select('id').where('id', '=', openComment).executeTakeFirst());
    const otherMessages = await get(t.app, mod, '/admin/api/messages?site=open');
    assert.equal(otherMessages.statusCode, 403);

    // The audit log is the owners'.
    const audit = await get(t.app, mod, '/admin/api/audit');
    assert.equal(audit.statusCode, 403);
    assert.equal(audit.json().code, 'owners_only');
    const settings = await post(t.app, mod, '/admin/api/settings', { site: 'firm', settings: { moderation: 'approve' } });
    assert.equal(settings.statusCode, 403);

    // With the token, it works.
    const ok = await post(t.app, mod, '/admin/api/comments', { site: 'firm', ids: [held], action: 'approve' });
    assert.deepEqual(ok.json().done, [held]);

    assert.deepEqual((await t.app.inject({ url: '/admin/api/session' })).json(), { signedIn: false });
    assert.equal((await get(t.app, mod, '/admin/api/session')).json().email, 'mod@firm.example');
    // Idle too long: signed out.
    c.advance(IDLE_MS + 1000);
    const idle = await get(t.app, mod, '/admin/api/me');
    assert.equal(idle.statusCode, 401);
    assert.equal(idle.json().code, 'signed_out');
    // Busy all day: the absolute end still signs out.
    const fresh = await signIn(t.app, 'mod@firm.example');
    for (let spent = 0; spent < ABSOLUTE_MS; spent += IDLE_MS / 2) {
      c.advance(IDLE_MS / 2);
      if (spent + IDLE_MS / 2 < ABSOLUTE_MS) assert.equal((await get(t.app, fresh, '/admin/api/me')).statusCode, 200);
    }
    assert.equal((await get(t.app, fresh, '/admin/api/me')).statusCode, 401);
    // Nor can an expired session change anything.
    const late = await post(t.app, fresh, '/admin/api/comments', { site: 'firm', ids: [held], action: 'delete' });
    assert.equal(late.statusCode, 401);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): signing in never keeps a session the browser brought (fixation): it makes a new one and ends the old; two desk cookies are refused`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const first = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    assert.equal((await get(t.app, first, '/admin/api/me')).statusCode, 200);
    // Signing in again from the same browser (its cookie sent): a new token, and the old one is over.
    const r = await t.app.inject({ method: 'POST', url: '/admin/api/session', headers: { ...json, cookie: first.cookie }, payload: { email: 'owner@firm.example', password: PASSWORD } });
    assert.equal(r.statusCode, 200);
    const second = { cookie: String(r.headers['set-cookie']).split(';')[0], csrf: r.json().csrf as string };
    assert.notEqual(second.cookie, first.cookie);
    assert.equal((await get(t.app, first, '/admin/api/me')).statusCode, 401);
    assert.equal((await get(t.app, second, '/admin/api/me')).statusCode, 200);
    // A value planted before sign-in is never made a session.
    const planted = 'firm_desk=chosen-by-someone-else';
    const r2 = await t.app.inject({ method: 'POST', url: '/admin/api/session', headers: { ...json, cookie: planted }, payload: { email: 'owner@firm.example', password: PASSWORD } });
    assert.ok(!String(r2.headers['set-cookie']).startsWith(`${planted};`));
    assert.equal((await get(t.app, { cookie: planted, csrf: '' }, '/admin/api/me')).statusCode, 401);
    // A second desk cookie beside a live one (planted on a longer path, sent first): signed out, not someone else's session.
    const third = { cookie: String(r2.headers['set-cookie']).split(';')[0], csrf: r2.json().csrf as string };
    assert.equal((await get(t.app, { ...third, cookie: `${second.cookie}; ${third.cookie}` }, '/admin/api/me')).statusCode, 401);
    assert.equal((await get(t.app, third, '/admin/api/me')).statusCode, 200);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): wrong passwords slow down, the tenth locks the account (the right one too), in the database`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const answers: number[] = [];
    for (let i = 1; i <= MAX_FAILURES; i++) {
      let r = await signIn(t.app, 'owner@firm.example', `wrong password ${i}`);
      if (r.r.statusCode == 429) {
        // Too soon: said with the wait, not counted.
        assert.equal(r.r.json().code, 'wait');
        c.advance(Number(r.r.headers['retry-after']) * 1000);
        r = await signIn(t.app, 'owner@firm.example', `wrong password ${i}`);
      }
      answers.push(r.r.statusCode);
    }
    assert.deepEqual(answers.slice(0, -1), Array(MAX_FAILURES - 1).fill(401));
    assert.equal(answers.at(-1), 429);
    // Counted in the database, for this account from this address.
    const throttle = await t.store.db.selectFrom('signin_throttle').select('failures').execute();
    assert.equal(Math.max(...throttle.map((r) => r.failures)), MAX_FAILURES);
    // Locked: even the right password is refused, and no session is made.
    const right = await signIn(t.app, 'owner@firm.example');
    assert.equal(right.r.statusCode, 429);
    assert.equal(right.r.json().code, 'locked');
    assert.ok(Number(right.r.headers['retry-after']) > 60);
    assert.equal((await t.store.db.selectFrom('sessions').selectAll().execute()).length, 1);
    // An unknown address is answered as a wrong password.
    assert.equal((await signIn(t.app, 'nobody@firm.example')).r.statusCode, 401);
    c.advance(LOCK_MS);
    assert.equal((await signIn(t.app, 'owner@firm.example')).r.statusCode, 200);
  } finally {
    await t.close();
  }
});

/** Wrong passwords from `address` until the answer is not a 401 (waits are waited out on the clock); resolves with the last answer. */
async function failUntilRefused(app: FastifyInstance, c: ReturnType<typeof clock>, email: string, address: string) {
  for (let i = 1; ; i++) {
    const r = await signIn(app, email, `wrong password ${i}`, address);
    if (r.r.statusCode == 429 && r.r.json().code == 'wait') c.advance(Number(r.r.headers['retry-after']) * 1000);
    else if (r.r.statusCode != 401) return r.r;
  }
}

test(`desk (${dialectName}): a lock-out is per client address and bounded; failures decay; guesses from many addresses are capped, sparing the owner's known address`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  const attacker = '203.0.113.9';
  const office = '198.51.100.7';
  try {
    await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const locked = await failUntilRefused(t.app, c, 'owner@firm.example', attacker);
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().code, 'locked');
    assert.ok(Number(locked.headers['retry-after']) <= LOCK_MS / 1000);
    // The attacker's address is locked; the owner at the office is not.
    assert.equal((await signIn(t.app, 'owner@firm.example', PASSWORD, attacker)).r.statusCode, 429);
    // Stored in the database: a second app on the same store (another process) sees the same lock.
    const { buildApp } = await import('../src/app.ts');
    const other = await buildApp({ config: t.config, store: t.store, logger: false, now: c.now, outbox: { nudge: () => {} } });
    try {
      assert.equal((await signIn(other, 'owner@firm.example', PASSWORD, attacker)).r.statusCode, 429);
    } finally {
      await other.close();
    }
    assert.equal((await signIn(t.app, 'owner@firm.example', PASSWORD, office)).r.statusCode, 200);
    // The lock ends, and the failures behind it no longer count: the next wrong password is just wrong.
    c.advance(LOCK_MS);
    for (let i = 0; i < 2; i++) assert.equal((await signIn(t.app, 'owner@firm.example', 'wrong again', attacker)).r.statusCode, 401);
    // Failures far apart never add up to a wait (the window runs out between them; a wait would come at the third).
    c.advance(LOCK_MS);
    for (let i = 0; i < 4; i++) {
      assert.equal((await signIn(t.app, 'owner@firm.example', `slow guess ${i}`, attacker)).r.statusCode, 401);
      c.advance(LOCK_MS + 1000);
    }
    // Guesses spread over many addresses (one each, no wait anywhere) still hit the account's cap…
    for (let i = 1; i <= ACCOUNT_MAX_FAILURES; i++) assert.equal((await signIn(t.app, 'owner@firm.example', 'spread guess', `192.0.2.${i}`)).r.statusCode, 401);
    const capped = await signIn(t.app, 'owner@firm.example', PASSWORD, '192.0.2.200');
    assert.equal(capped.r.statusCode, 429);
    assert.equal(capped.r.json().code, 'locked');
    // …which spares the address the owner signed in from, and ends on its own.
    assert.equal((await signIn(t.app, 'owner@firm.example', PASSWORD, office)).r.statusCode, 200);
    c.advance(LOCK_MS);
    assert.equal((await signIn(t.app, 'owner@firm.example', PASSWORD, '192.0.2.200')).r.statusCode, 200);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): thirty wrong sign-ins at once for one account from one address: only the free tries reach scrypt, the rest are told to wait`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    for (const email of ['owner@firm.example', 'nobody@firm.example']) {
      const before = passwordChecks;
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(t.app, email, `parallel guess ${i}`, '203.0.113.77')));
      const codes = burst.map((b) => b.r.statusCode);
      // The third wrong password earns the first wait (1 s): every request counted past it is refused unchecked.
      const FREE_TRIES = 3;
      assert.equal(passwordChecks - before, FREE_TRIES, codes.join(' '));
      assert.equal(codes.filter((code) => code == 401).length, FREE_TRIES, codes.join(' '));
      assert.equal(codes.filter((code) => code == 429).length, 30 - FREE_TRIES, codes.join(' '));
    }
    // Counted in the database: three for each pair, none for the refused ones.
    const rows = await t.store.db.selectFrom('signin_throttle').select('failures').execute();
    assert.ok(rows.every((r) => r.failures <= 3), JSON.stringify(rows));
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): an unknown address gets the same answers, the same waits and the same scrypt work as a known account`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const run = async (email: string) => {
      const seen: string[] = [];
      // Until the lock, and one try more (bounded: the lock comes at the tenth counted failure).
      for (let i = 1; i <= 2 * MAX_FAILURES + 2 && !seen.at(-2)?.startsWith('429 locked'); i++) {
        const before = passwordChecks;
        const r = (await signIn(t.app, email, `wrong password ${i}`, '203.0.113.50')).r;
        seen.push(`${r.statusCode} ${r.json().code} wait=${r.headers['retry-after'] ?? '-'} hashes=${passwordChecks - before}`);
        if (r.statusCode == 429 && r.json().code == 'wait') c.advance(Number(r.headers['retry-after']) * 1000);
      }
      return seen;
    };
    const known = await run('owner@firm.example');
    const unknown = await run('nobody@firm.example');
    assert.deepEqual(unknown, known);
    // The sequence itself: free tries, then waits (no hash while waiting), then the lock.
    assert.ok(known.includes('429 wait wait=1 hashes=0'), known.join('\n'));
    assert.deepEqual(known.slice(-2), [`429 locked wait=${LOCK_MS / 1000} hashes=1`, `429 locked wait=${LOCK_MS / 1000} hashes=0`], known.join('\n'));
    assert.equal(known[0], '401 wrong_password wait=- hashes=1');
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): mail links open a confirmation page and act only on POST, once; an expired or altered link is refused`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const id = await postComment(t.app, 'firm', { content: 'Held, with <b>markup</b>.' });
    const mail = await t.store.db.selectFrom('outbox').selectAll().where('about', '=', `comment:${id}`).executeTakeFirstOrThrow();
    const links = Object.fromEntries(linksIn(mail.body));
    assert.deepEqual(Object.keys(links).sort(), ['approve', 'delete', 'spam']);
    // A scanner following every link changes nothing.
    for (const l of Object.values(links)) {
      const page = await t.app.inject({ url: pathOf(l) });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<form method="post">/);
      assert.match(page.body, /&lt;b&gt;markup&lt;\/b&gt;/);
    }
    assert.equal((await t.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'hold');

    const done = await t.app.inject({ method: 'POST', url: pathOf(links.approve), headers: form, payload: '' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Approved/);
    assert.equal((await t.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'approved');
    const audit = await t.store.db.selectFrom('audit').selectAll().where('action', '=', 'approve').execute();
    assert.deepEqual(audit.map((a) => a.actor), ['mail:mod@firm.example']);

    // Used: refused, both to look at and to press.
    const used = await t.app.inject({ method: 'POST', url: pathOf(links.approve), headers: form, payload: '' });
    assert.equal(used.statusCode, 410);
    assert.match(used.body, /already used/);
    assert.equal((await t.app.inject({ url: pathOf(links.approve) })).statusCode, 410);

    // Expired: the delete link of a second comment after 8 days.
    const id2 = await postComment(t.app, 'firm', { content: 'Another.' });
    const mail2 = await t.store.db.selectFrom('outbox').selectAll().where('about', '=', `comment:${id2}`).executeTakeFirstOrThrow();
    const links2 = Object.fromEntries(linksIn(mail2.body));
    c.advance(8 * 24 * 3_600_000);
    const expired = await t.app.inject({ method: 'POST', url: pathOf(links2.delete), headers: form, payload: '' });
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /expired/);
    assert.ok(await t.store.db.selectFrom('comments').select('id').where('id', '=', id2).executeTakeFirst());

    // Altered: no such token.
    const token = pathOf(links2.spam).slice('/link/'.length);
    const forged = await t.app.inject({ method: 'POST', url: `/link/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, headers: form, payload: '' });
    assert.equal(forged.statusCode, 404);
    // In Spanish for a Spanish browser.
    const es = await t.app.inject({ url: pathOf(links.approve), headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    assert.match(es.body, /lang="es"/);
    assert.match(es.body, /Este enlace ya se usó/);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): a read of the database cannot act: it holds no link's token and no signing key, only SHA-256 hashes`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const id = await postComment(t.app, 'firm', { content: 'Held.' });
    const mail = await t.store.db.selectFrom('outbox').selectAll().where('about', '=', `comment:${id}`).executeTakeFirstOrThrow();
    const tokens = linksIn(mail.body).map(([, l]) => pathOf(l).slice('/link/'.length));
    assert.equal(tokens.length, 3);
    // No key in the database to sign a link with (before: meta.link_secret, with which anyone holding a copy could make one).
    const meta = await t.store.db.selectFrom('meta').select(['key', 'value']).execute();
    assert.deepEqual(meta.filter((m) => m.key.includes('secret') || m.key.includes('link')), []);
    // Until it is sent, the mail (with its tokens) waits in the outbox; sent, its body is gone from the database.
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: t.app.log, now: c.now });
    while ((await outbox.runOnce()) > 0);
    assert.equal((await t.store.db.selectFrom('outbox').select('state').where('id', '=', mail.id).executeTakeFirstOrThrow()).state, 'sent');
    const dump = await everything(t.store);
    for (const token of tokens) {
      assert.ok(!dump.includes(token), 'a token in the database');
      assert.ok(dump.includes(createHash('sha256').update(token).digest('base64url')), 'its hash is');
    }
    // What the database does hold opens nothing.
    for (const row of await t.store.db.selectFrom('links').select('id').execute()) {
      assert.equal((await t.app.inject({ url: `/link/${row.id}` })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'POST', url: `/link/${row.id}`, headers: form, payload: '' })).statusCode, 404);
    }
    assert.equal((await t.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'hold');
    // The mail's own token still works, once.
    const approve = Object.fromEntries(linksIn(mail.body)).approve;
    assert.equal((await t.app.inject({ method: 'POST', url: pathOf(approve), headers: form, payload: '' })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'POST', url: pathOf(approve), headers: form, payload: '' })).statusCode, 410);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): a link mailed before 011-desk2 (id.expiry.signature) still works after the upgrade; its signing key is gone`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fws-links-'));
  // SQLite on both runs: this is about the migration's data step, the same SQL on either database.
  const sqlite = openSqlite(dir);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    assert.equal((await migrator.migrateTo('010-desk')).error, undefined);
    assert.ok(await db.selectFrom('meta').select('value').where('key', '=', 'link_secret').executeTakeFirst());
    const at = '2026-03-02T15:00:00.000Z';
    await db.insertInto('links').values({ id: 'oldRandomId123', kind: 'approve', site: 'firm', target: 'comment:1', actor: 'mail:mod@firm.example', expires_at: '2026-03-09T15:00:00.000Z', used_at: null, created_at: at }).execute();
    // Mail sent, failed and still to go before the upgrade, each with a link in its body.
    const mail = (state: string) => ({ site: 'firm', about: 'comment:1', recipients: 'mod@firm.example', subject: 's', body: `Approve: https://desk.example/link/oldRandomId123.mjo2x5c0.c2lnbmF0dXJl (${state})`, headers: '{"List-Unsubscribe":"<https://desk.example/link/x>"}', message_id: `<${state}@firm>`, state, next_at: at, created_at: at });
    await db.insertInto('outbox').values(['sent', 'failed', 'queued'].map(mail)).execute();
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const outbox = await db.selectFrom('outbox').select(['state', 'body', 'headers']).orderBy('id').execute();
    assert.deepEqual(outbox, [
      { state: 'sent', body: '', headers: null },
      { state: 'failed', body: '', headers: null },
      { state: 'queued', body: mail('queued').body, headers: mail('queued').headers },
    ]);
    assert.equal(await db.selectFrom('meta').select('value').where('key', '=', 'link_secret').executeTakeFirst(), undefined);
    const store = { db, hash: () => '' } as unknown as Store;
    const state = await readLink(store, 'oldRandomId123.mjo2x5c0.c2lnbmF0dXJl', new Date(at));
    assert.equal(state.ok, true);
    assert.equal((await readLink(store, 'oldRandomId124.mjo2x5c0.c2lnbmF0dXJl', new Date(at))).ok, false);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`desk (${dialectName}): a moderation link stops working when its address no longer moderates the site (removed from the settings, or its account moved to another site)`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const id = await postComment(t.app, 'firm', { content: 'Held for the moderator.' });
    const mail = await t.store.db.selectFrom('outbox').selectAll().where('about', '=', `comment:${id}`).executeTakeFirstOrThrow();
    assert.equal(mail.recipients, 'mod@firm.example');
    const approve = pathOf(Object.fromEntries(linksIn(mail.body)).approve);
    const status = async () => (await t.store.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    // Removed from the site's moderators: the page shows nothing of the comment, the button does nothing.
    assert.equal((await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { moderators: ['Other@Firm.example'] } })).statusCode, 200);
    const page = await t.app.inject({ url: approve });
    assert.equal(page.statusCode, 403);
    assert.ok(!page.body.includes('Held for the moderator.'));
    assert.match(page.body, /no longer moderates/);
    assert.equal((await t.app.inject({ method: 'POST', url: approve, headers: form, payload: '' })).statusCode, 403);
    assert.equal(await status(), 'hold');

    // Back in the list (any case), but the desk account of that address now works on another site only.
    assert.equal((await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { moderators: ['MOD@firm.example'] } })).statusCode, 200);
    await addUser(t.store, t.config, 'mod@firm.example', 'moderator', ['open'], c.now());
    assert.equal((await t.app.inject({ method: 'POST', url: approve, headers: form, payload: '' })).statusCode, 403);
    assert.equal(await status(), 'hold');

    // Moved back to the site: the same link (not spent by the refusals) works.
    await addUser(t.store, t.config, 'mod@firm.example', 'moderator', ['open', 'firm'], c.now());
    assert.equal((await t.app.inject({ method: 'POST', url: approve, headers: form, payload: '' })).statusCode, 200);
    assert.equal(await status(), 'approved');
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): the audit log: an owner of one site sees that site's rows and their own, never rows about other sites or other people's all-sites rows`, async () => {
  const c = clock();
  const t = await testApp({}, c.now);
  try {
    const boss = await staff(t.app, t.store, t.config, 'boss@firm.example', 'owner', [], c.now());
    const firmOwner = await staff(t.app, t.store, t.config, 'partner@firm.example', 'owner', ['firm'], c.now());
    await staff(t.app, t.store, t.config, 'mod@firm.example', 'moderator', ['firm'], c.now());
    await addUser(t.store, t.config, 'mod@open.example', 'moderator', ['open'], c.now());
    assert.equal((await get(t.app, boss, '/admin/api/audit')).statusCode, 200);

    type Entry = { actor: string; site: string; action: string; target: string };
    const seen: Entry[] = (await get(t.app, firmOwner, '/admin/api/audit')).json().entries;
    const foreign = seen.filter((e) => e.site != 'firm' && !(e.site == '*' && e.actor == 'partner@firm.example'));
    assert.deepEqual(foreign, []);
    assert.ok(!seen.some((e) => e.actor == 'boss@firm.example'), 'the all-sites owner’s sign-in and views');
    // Their own site's people, their own sign-in, who was given access to their site.
    for (const [actor, action] of [['mod@firm.example', 'sign-in'], ['partner@firm.example', 'sign-in'], ['cli', 'add-user']]) {
      assert.ok(seen.some((e) => e.actor == actor && e.action == action && e.site == 'firm'), `${actor} ${action}`);
    }
    // Asking for another site is refused; asking for their own gives only its rows.
    assert.equal((await get(t.app, firmOwner, '/admin/api/audit?site=open')).statusCode, 403);
    assert.deepEqual([...new Set((await get(t.app, firmOwner, '/admin/api/audit?site=firm')).json().entries.map((e: Entry) => e.site))], ['firm']);
    // The owner of every site sees every row, the other site's included.
    const all: Entry[] = (await get(t.app, boss, '/admin/api/audit')).json().entries;
    assert.ok(all.some((e) => e.site == 'open' && e.action == 'add-user'));
    assert.ok(all.some((e) => e.actor == 'partner@firm.example'));
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): the comments queue: approve, spam, delete in bulk, edit, reply as the firm (listed with staff: true), counts`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const ids = [];
    for (let i = 1; i <= 4; i++) ids.push(await postComment(t.app, 'firm', { content: `Question ${i}`, thread: i == 4 ? 'other-post' : 'visa-interview-tips' }));
    const me = (await get(t.app, owner, '/admin/api/me')).json();
    assert.equal(me.counts.firm.held, 4);
    assert.deepEqual(me.sites.map((s: { id: string }) => s.id), ['firm', 'open', 'shut']);

    const queue = (await get(t.app, owner, '/admin/api/comments?site=firm&thread=visa-interview-tips')).json();
    assert.deepEqual(queue.comments.map((x: { content: string }) => x.content), ['Question 1', 'Question 2', 'Question 3']);
    assert.deepEqual(queue.threads, ['other-post', 'visa-interview-tips']);

    assert.deepEqual((await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [ids[0], ids[1]], action: 'approve' })).json().done, [ids[0], ids[1]]);
    assert.deepEqual((await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [ids[2]], action: 'spam' })).json().done, [ids[2]]);
    assert.deepEqual((await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [ids[3]], action: 'delete' })).json().done, [ids[3]]);
    assert.equal((await post(t.app, owner, `/admin/api/comments/${ids[0]}/edit`, { site: 'firm', content: 'Question 1, edited' })).statusCode, 200);
    const reply = await post(t.app, owner, `/admin/api/comments/${ids[0]}/reply`, { site: 'firm', content: 'Yes: bring your passport.' });
    assert.equal(reply.statusCode, 201, reply.body);
    // Replying to a comment still held is refused.
    assert.equal((await post(t.app, owner, `/admin/api/comments/${ids[2]}/reply`, { site: 'firm', content: 'No.' })).statusCode, 409);

    const listed = (await t.app.inject({ url: '/api/firm/comments?thread=visa-interview-tips' })).json();
    assert.equal(listed.total, 3);
    assert.deepEqual(
      listed.comments.map((x: { content: string; author: string; staff?: boolean; parent: string | null }) => [x.author, x.content, x.staff ?? false, x.parent]),
      [
        ['Ana Reyes', 'Question 1, edited', false, null],
        ['Ana Reyes', 'Question 2', false, null],
        ['firm', 'Yes: bring your passport.', true, String(ids[0])],
      ],
    );
    const counts = (await get(t.app, owner, '/admin/api/me')).json().counts.firm;
    assert.deepEqual([counts.held, counts.spam], [0, 1]);
    const audit = (await get(t.app, owner, '/admin/api/audit?site=firm')).json().entries;
    assert.deepEqual(
      audit.filter((a: { action: string }) => ['approve', 'spam', 'delete', 'edit', 'reply'].includes(a.action)).map((a: { action: string; actor: string }) => `${a.action} ${a.actor}`).reverse(),
      ['approve owner@firm.example', 'approve owner@firm.example', 'spam owner@firm.example', 'delete owner@firm.example', 'edit owner@firm.example', 'reply owner@firm.example'],
    );
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): messages: delivery state, mark handled, possible spam released, resend, routing by topic`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { messages: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const routes = [{ topic: 'Deportation defense', to: ['defense@firm.example'] }];
    assert.equal((await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { routes } })).statusCode, 200);
    const bad = await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { routes: [{ topic: 'x', to: ['not an address'] }] } });
    assert.equal(bad.statusCode, 422);

    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ key: 'a1', topic: 'Family visas' }) });
    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ key: 'a2', topic: 'deportation DEFENSE', message: 'Urgent.' }) });
    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ key: 'a3', firm_hp: 'bot', message: 'Buy now' }) });
    const mail = await t.store.db.selectFrom('outbox').select(['about', 'recipients']).orderBy('id').execute();
    assert.deepEqual(mail.map((m) => m.recipients), ['office@firm.example', 'defense@firm.example']);

    const inbox = (await get(t.app, owner, '/admin/api/messages?site=firm')).json();
    assert.deepEqual(inbox.messages.map((m: { topic: string; mail: { state: string } }) => [m.topic, m.mail.state]), [
      ['deportation DEFENSE', 'queued'],
      ['Family visas', 'queued'],
    ]);
    await t.store.db.updateTable('outbox').set({ state: 'failed', last_error: '550 mailbox unavailable' }).where('recipients', '=', 'defense@firm.example').execute();
    const failed = (await get(t.app, owner, '/admin/api/messages?site=firm')).json().messages[0];
    assert.deepEqual([failed.mail.state, failed.mail.last_error], ['failed', '550 mailbox unavailable']);
    // Resend: a new mail, the failure kept in its row.
    assert.deepEqual((await post(t.app, owner, '/admin/api/messages', { site: 'firm', ids: [failed.id], action: 'resend' })).json().done, [failed.id]);
    assert.equal((await get(t.app, owner, '/admin/api/messages?site=firm')).json().messages[0].mail.state, 'queued');

    const spam = (await get(t.app, owner, '/admin/api/messages?site=firm&box=spam')).json().messages;
    assert.deepEqual(spam.map((m: { message: string; flag: string }) => [m.message, m.flag]), [['Buy now', 'honeypot']]);
    assert.deepEqual((await post(t.app, owner, '/admin/api/messages', { site: 'firm', ids: [spam[0].id], action: 'release' })).json().done, [spam[0].id]);
    assert.equal((await t.store.db.selectFrom('outbox').selectAll().where('about', '=', `message:${spam[0].id}`).execute()).length, 1);

    assert.deepEqual((await post(t.app, owner, '/admin/api/messages', { site: 'firm', ids: [failed.id], action: 'handled' })).json().done, [failed.id]);
    const handled = (await get(t.app, owner, '/admin/api/messages?site=firm&box=handled')).json().messages;
    assert.deepEqual(handled.map((m: { id: number; handled_by: string }) => [m.id, m.handled_by]), [[failed.id, 'owner@firm.example']]);
    assert.equal((await get(t.app, owner, '/admin/api/messages?site=firm')).json().messages.length, 2);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): people: one address found, exported, then erased: comments keep a placeholder, messages go, found nowhere`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { comments: 100, messages: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const a = await postComment(t.app, 'open', { email: 'Marta@Example.com', name: 'Marta Ruiz', content: 'My secret question about asylum.' });
    await postComment(t.app, 'open', { email: 'ben@example.com', name: 'Ben', content: 'A reply to that.', parent: String(a) });
    await postComment(t.app, 'firm', { email: 'marta@example.com', name: 'Marta Ruiz', content: 'Held words of Marta.' });
    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ email: 'marta@example.com', name: 'Marta Ruiz', message: 'Private matter of Marta.' }) });

    const found = (await get(t.app, owner, '/admin/api/people?email=marta@example.com')).json();
    assert.deepEqual([found.comments.length, found.messages.length], [2, 1]);
    const exported = await post(t.app, owner, '/admin/api/people/export', { email: 'MARTA@example.com' });
    assert.match(String(exported.headers['content-disposition']), /attachment/);
    assert.ok(exported.body.includes('My secret question about asylum.') && exported.body.includes('Private matter of Marta.'));

    // Erasure asks for the address twice.
    const unconfirmed = await post(t.app, owner, '/admin/api/people/erase', { email: 'marta@example.com', confirm: 'marta@example.org' });
    assert.equal(unconfirmed.statusCode, 422);
    const erased = (await post(t.app, owner, '/admin/api/people/erase', { email: 'marta@example.com', confirm: 'Marta@example.com' })).json();
    // The mails: the moderators' mail about her held comment, the office's about her message.
    assert.deepEqual(erased, { placeholders: 1, comments: 1, messages: 1, subscriptions: 0, mails: 2 });

    const listed = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips' })).json();
    assert.deepEqual(listed.comments.map((x: { author: string; content: string }) => [x.author, x.content]), [
      ['Anonymous', PLACEHOLDER_CONTENT],
      ['Ben', 'A reply to that.'],
    ]);
    const again = (await get(t.app, owner, '/admin/api/people?email=marta@example.com')).json();
    assert.deepEqual([again.comments.length, again.messages.length], [0, 0]);
    const dump = (await everything(t.store)).toLowerCase();
    for (const trace of ['marta', 'secret question', 'private matter', t.store.hash('marta@example.com').toLowerCase()]) assert.ok(!dump.includes(trace), `"${trace}" left in the database`);
    const actions = (await get(t.app, owner, '/admin/api/audit')).json().entries.map((e: { action: string }) => e.action);
    for (const a of ['search', 'export', 'erase']) assert.ok(actions.includes(a), a);
    // Append-only: the database itself refuses to change or remove an entry.
    await assert.rejects(t.store.db.updateTable('audit').set({ actor: 'someone else' }).execute());
    await assert.rejects(t.store.db.deleteFrom('audit').execute());
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): erase and export find every mail to or about the address, in any case: confirmations, reply notifications to them and about their replies, and their files`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const approve = (id: number) => post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [id], action: 'approve' });
    const confirmFor = async (to: string) => {
      const body = (await t.store.db.selectFrom('outbox').select('body').where('recipients', '=', to).where('about', 'like', 'subscription:%').executeTakeFirstOrThrow()).body;
      assert.equal((await t.app.inject({ method: 'POST', url: pathOf(body.match(/\S+\/link\/\S+/)![0]), headers: form, payload: '' })).statusCode, 200);
    };
    // Marta types her address in mixed case and asks for reply mails; so does Ben.
    const marta = await postComment(t.app, 'firm', { email: 'Marta@Example.COM', name: 'Marta Ruiz', content: 'Zebra question of Marta.', notify: true });
    const ben = await postComment(t.app, 'firm', { email: 'ben@example.com', name: 'Ben', content: 'Ben asks too.', notify: true });
    await approve(marta);
    await approve(ben);
    await confirmFor('Marta@Example.COM');
    await confirmFor('ben@example.com');
    // Ben answers Marta (a mail to her); Marta answers Ben (a mail to him, with her words).
    await approve(await postComment(t.app, 'firm', { email: 'ben@example.com', name: 'Ben', content: 'Ben answers her.', parent: String(marta) }));
    await approve(await postComment(t.app, 'firm', { email: 'marta@example.com', name: 'Marta Ruiz', content: 'Zebra reply of Marta.', parent: String(ben) }));
    // Before the mail goes: the export and the search show her mail without its live link tokens.
    const queued = await t.store.db.selectFrom('outbox').select('body').where((eb) => eb(eb.fn('lower', ['recipients']), '=', 'marta@example.com')).where('state', '=', 'queued').execute();
    assert.ok(queued.some((m) => /\/link\/[\w-]{20}/.test(m.body)), 'her queued mail holds a link');
    for (const seen of [
      (await post(t.app, owner, '/admin/api/people/export', { email: 'marta@example.com' })).json(),
      (await get(t.app, owner, '/admin/api/people?email=marta%40example.com')).json(),
    ]) {
      const bodies = seen.mails.filter((m: { to: string }) => m.to == 'you').map((m: { body: string }) => m.body);
      assert.ok(bodies.some((b: string) => b.includes('/link/[withheld]')), JSON.stringify(bodies));
      assert.ok(!/\/link\/(?!\[withheld\])/.test(JSON.stringify(seen)), JSON.stringify(seen));
    }
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: t.app.log, now: c.now });
    while ((await outbox.runOnce()) > 0);
    const dir = join(t.config.data, 'mail', 'firm');
    const files = () => readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').replace(/=\r?\n/g, '').toLowerCase());
    assert.ok(files().some((f) => f.includes('zebra reply of marta') && f.includes('to: ben@example.com')), 'Ben was mailed her reply');
    assert.ok(files().some((f) => f.includes('to: marta@example.com')), 'Marta was mailed');

    const exported = (await post(t.app, owner, '/admin/api/people/export', { email: 'marta@example.com' })).json();
    const to = exported.mails.filter((m: { to: string }) => m.to == 'you').map((m: { about: string }) => m.about.split(':')[0]);
    assert.deepEqual(to.sort(), ['reply', 'subscription']);
    const about = exported.mails.filter((m: { to: string }) => m.to == 'others');
    assert.ok(about.some((m: { about: string }) => m.about.startsWith('reply:')), 'the mail to Ben about her reply is listed');
    assert.ok(!JSON.stringify(about).includes('ben@example.com'), 'without Ben’s address');

    const erased = (await post(t.app, owner, '/admin/api/people/erase', { email: 'MARTA@example.com', confirm: 'marta@example.com' })).json();
    assert.equal(erased.subscriptions, 1);
    const dump = (await everything(t.store)).toLowerCase();
    for (const trace of ['marta', 'zebra']) assert.ok(!dump.includes(trace), `"${trace}" left in the database`);
    for (const f of files()) assert.ok(!f.includes('marta') && !f.includes('zebra'), `left in a mail file:\n${f.slice(0, 400)}`);
    // Ben's own mail stays.
    assert.ok(files().some((f) => f.includes('to: ben@example.com')));
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): reply notifications: opt-in, confirmed by mail, sent only for approved replies, in the commenter's language, with one-click unsubscribe`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    const first = await postComment(t.app, 'firm', { email: 'lucia@example.com', name: 'Lucía', content: '¿Y la entrevista?', notify: true, lang: 'es' });
    const confirm = await t.store.db.selectFrom('outbox').selectAll().where('recipients', '=', 'lucia@example.com').executeTakeFirstOrThrow();
    assert.match(confirm.subject, /Confirme/);
    const link = confirm.body.match(/\S+\/link\/\S+/)![0];
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [first], action: 'approve' });
    // A held reply mails nobody; neither does a reply before the confirmation.
    const reply1 = await postComment(t.app, 'firm', { email: 'ben@example.com', name: 'Ben', content: 'First reply.', parent: String(first) });
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [reply1], action: 'approve' });
    const countTo = async () => (await t.store.db.selectFrom('outbox').selectAll().where('recipients', '=', 'lucia@example.com').execute()).length;
    assert.equal(await countTo(), 1);

    assert.equal((await t.app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: '' })).statusCode, 200);
    const reply2 = await postComment(t.app, 'firm', { email: 'ben@example.com', name: 'Ben', content: 'Second reply.', parent: String(first) });
    assert.equal(await countTo(), 1);
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [reply2], action: 'approve' });
    const mails = await t.store.db.selectFrom('outbox').selectAll().where('recipients', '=', 'lucia@example.com').orderBy('id').execute();
    assert.equal(mails.length, 2);
    const notice = mails[1];
    assert.match(notice.subject, /Una respuesta/);
    assert.match(notice.body, /Second reply\./);
    const headers = JSON.parse(notice.headers!);
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    const stop = headers['List-Unsubscribe'].slice(1, -1);
    // The headers reach the mail itself (written as a file here, as without SMTP).
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: t.app.log, now: c.now });
    while ((await outbox.runOnce()) > 0);
    const eml = readFileSync(join(t.config.data, 'mail', 'firm', `${notice.id}.eml`), 'utf8');
    // (nodemailer folds the long header: a line break and a space are part of it.)
    assert.match(eml, /^List-Unsubscribe:\s+<https?:\/\/[^>]+\/link\/[^>]+>$/m);
    assert.match(eml, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // One click, as mail programs do it (RFC 8058): a POST with that body, url-encoded or multipart.
    const boundary = 'x1x2x3';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const oneClick = await t.app.inject({ method: 'POST', url: pathOf(stop), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    assert.equal(oneClick.statusCode, 200);
    assert.equal((await t.store.db.selectFrom('subscriptions').select('state').executeTakeFirstOrThrow()).state, 'off');
    // Again, url-encoded: harmless.
    assert.equal((await t.app.inject({ method: 'POST', url: pathOf(stop), headers: form, payload: 'List-Unsubscribe=One-Click' })).statusCode, 200);
    const reply3 = await postComment(t.app, 'firm', { email: 'ben@example.com', name: 'Ben', content: 'Third reply.', parent: String(first) });
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [reply3], action: 'approve' });
    assert.equal(await countTo(), 2);
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): trusted commenters: verified and N approved skip the queue; an unverified address, even the firm's own, never does`, async () => {
  const c = clock();
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, () => new Date(c.advance(1000)));
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { trustedAfter: 1 } });
    const first = await postComment(t.app, 'firm', { email: 'lucia@example.com', content: 'First.', notify: true });
    const link = (await t.store.db.selectFrom('outbox').select('body').where('recipients', '=', 'lucia@example.com').executeTakeFirstOrThrow()).body.match(/\S+\/link\/\S+/)![0];
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [first], action: 'approve' });
    // Approved once, not verified yet: held.
    const r1 = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ email: 'lucia@example.com', content: 'Second.' }) });
    assert.equal(r1.json().status, 'hold');
    await t.app.inject({ method: 'POST', url: pathOf(link), headers: form, payload: '' });
    const r2 = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ email: 'lucia@example.com', content: 'Third.' }) });
    assert.equal(r2.json().status, 'approved');
    // The firm's own address, unverified, is held like anyone's.
    const r3 = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ email: 'owner@firm.example', content: 'From the firm.' }) });
    assert.equal(r3.json().status, 'hold');
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): retention also removes old sent mail (rows and .eml files, a spam comment's included) and reply subscriptions; recent mail stays`, async () => {
  const c = clock('2026-01-01T12:00:00Z');
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, c.now);
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { retentionDays: 60 } });
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: t.app.log, now: c.now });
    const later = await postComment(t.app, 'firm', { content: 'Spam, found out later.' });
    await postComment(t.app, 'firm', { email: 'lucia@example.com', content: 'Still held, with replies asked for.', notify: true });
    const confirmed = await postComment(t.app, 'firm', { email: 'pablo@example.com', content: 'Pablo asks for replies.', notify: true });
    const pablo = (await t.store.db.selectFrom('outbox').select('body').where('recipients', '=', 'pablo@example.com').executeTakeFirstOrThrow()).body;
    assert.equal((await t.app.inject({ method: 'POST', url: pathOf(pablo.match(/\S+\/link\/\S+/)![0]), headers: form, payload: '' })).statusCode, 200);
    await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [confirmed], action: 'approve' });
    while ((await outbox.runOnce()) > 0);
    assert.equal((await post(t.app, owner, '/admin/api/comments', { site: 'firm', ids: [later], action: 'spam' })).statusCode, 200);
    const dir = join(t.config.data, 'mail', 'firm');
    const oldFiles = readdirSync(dir);
    assert.equal(oldFiles.length, 5, 'three moderators’ mails, two confirmations');
    assert.equal((await t.store.db.selectFrom('subscriptions').select('state').execute()).length, 2);

    c.advance(61 * 86_400_000);
    const recent = await postComment(t.app, 'firm', { content: 'A recent one.' });
    while ((await outbox.runOnce()) > 0);
    const done = await runRetention(t.store, t.config, c.now());
    assert.equal(done.firm.spam, 1);
    assert.equal(done.firm.mails, 5);
    assert.equal(done.firm.subscriptions, 2);
    // Only the recent mail is left, row and file.
    const rows = await t.store.db.selectFrom('outbox').select(['id', 'about']).execute();
    assert.deepEqual(rows.map((r) => r.about), [`comment:${recent}`]);
    assert.deepEqual(readdirSync(dir), [`${rows[0].id}.eml`]);
    assert.deepEqual(await t.store.db.selectFrom('subscriptions').selectAll().execute(), []);
    assert.equal((await t.store.db.selectFrom('comments').select('id').where('id', '=', later).executeTakeFirst()), undefined);
    // Links past their end went too; the recent comment's still work.
    const links = await t.store.db.selectFrom('links').select('expires_at').execute();
    assert.ok(links.length > 0 && links.every((l) => Date.parse(l.expires_at) > c.now().getTime()));
  } finally {
    await t.close();
  }
});

test(`desk (${dialectName}): retention: old messages and spam go, address hashes after 30 days, said in the audit log and shown in settings`, async () => {
  const c = clock('2026-01-01T12:00:00Z');
  const t = await testApp({ spam: { perAddress: { comments: 100, messages: 100 } } }, c.now);
  try {
    const owner = await staff(t.app, t.store, t.config, 'owner@firm.example', 'owner', [], c.now());
    await post(t.app, owner, '/admin/api/settings', { site: 'firm', settings: { retentionDays: 60 } });
    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ key: 'old' }) });
    await postComment(t.app, 'firm', { firm_hp: 'bot', content: 'Old spam.' });
    await postComment(t.app, 'firm', { content: 'Old but held.' });
    c.advance(40 * 86_400_000);
    await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ key: 'new', message: 'Recent.' }) });
    const owner2 = await signIn(t.app, 'owner@firm.example');
    const preview = (await get(t.app, owner2, '/admin/api/settings?site=firm')).json().retention;
    assert.equal(preview.messages.due, 0);
    assert.equal(preview.messages.next, '2026-03-02T12:00:00.000Z');

    c.advance(25 * 86_400_000);
    const done = await runRetention(t.store, t.config, c.now());
    // (The one mail: the old message's, to the office.)
    assert.deepEqual(done.firm, { messages: 1, spam: 1, addresses: 1, mails: 1, subscriptions: 0 });
    const left = await t.store.db.selectFrom('messages').select('message').where('site', '=', 'firm').execute();
    assert.deepEqual(left.map((m) => m.message), ['Recent.']);
    assert.deepEqual((await t.store.db.selectFrom('comments').select('content').execute()).map((x) => x.content), ['Old but held.']);
    const audit = await t.store.db.selectFrom('audit').selectAll().where('action', '=', 'retention').where('site', '=', 'firm').executeTakeFirstOrThrow();
    assert.match(audit.detail!, /1 messages, 1 spam comments deleted; 1 address hashes cleared/);
  } finally {
    await t.close();
  }
});
