// Akismet as a site's opt-in (issue 13 item 6), against a local stand-in for rest.akismet.com:
// its "spam" is kept and never mailed; down, slow, failing or talking nonsense, it loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { testApp, comment, message, dialectName, SITES } from './helpers.ts';
import { held } from '../src/moderation.ts';
import { addUser } from '../src/desk/users.ts';

const json = { 'content-type': 'application/json' };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/153.0';
const KEY = 'abc123def456';
/**
 * How long posts wait for the stand-in: where it must answer, long enough for a loaded machine
 * (node loads its fetch on the first call); where it must not, short enough for the suite.
 */
const PATIENT_MS = 10_000;
const TIMEOUT_MS = 2000;

type Answer = (res: ServerResponse) => void;

/** A stand-in for Akismet's comment-check: answers with `answer`, keeps every form it got. */
async function stubAkismet() {
  const forms: Record<string, string>[] = [];
  const paths: string[] = [];
  const stub = {
    answer: ((res) => res.end('false')) as Answer,
    forms,
    paths,
    url: '',
    server: undefined as unknown as Server,
  };
  stub.server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      forms.push(Object.fromEntries(new URLSearchParams(body)));
      stub.answer(res);
    });
  });
  await new Promise<void>((done) => stub.server.listen(0, '127.0.0.1', done));
  stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`;
  return {
    ...stub,
    set(answer: Answer) {
      stub.answer = answer;
    },
    async close() {
      stub.server.closeAllConnections();
      await new Promise((done) => stub.server.close(done));
    },
  };
}

/** Sites as the other tests have them, with Akismet on for `firm` (held) and `open` (approve). */
function akismetSites(endpoint: string, over: Record<string, unknown> = {}) {
  const akismet = { key: KEY, blog: 'https://firm.example', endpoint, timeoutMs: PATIENT_MS, ...over };
  return SITES.map((s) => (s.id == 'firm' || s.id == 'open' ? { ...s, akismet } : s));
}

/** An app with Akismet at `endpoint`, whose warnings are kept in `logs`. */
async function appWith(endpoint: string, over: Record<string, unknown> = {}, raw: Record<string, unknown> = {}) {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = { sites: akismetSites(endpoint, over), spam: { perAddress: { comments: 100, messages: 100 } }, ...raw };
  return { ...(await testApp(config, undefined, { level: 'warn', stream })), logs };
}

const postComment = (app: FastifyInstance, site: string, over: Record<string, unknown> = {}, ip = '203.0.113.5') =>
  app.inject({ method: 'POST', url: `/api/${site}/comments`, headers: { ...json, 'user-agent': BROWSER }, remoteAddress: ip, payload: comment(over) });
const postMessage = (app: FastifyInstance, over: Record<string, unknown> = {}, ip = '203.0.113.5') =>
  app.inject({ method: 'POST', url: '/api/firm/messages', headers: { ...json, 'user-agent': BROWSER }, remoteAddress: ip, payload: message(over) });

test(`akismet (${dialectName}): its "spam" is kept as spam, answered as held, never mailed or listed, shown in the desk`, async () => {
  const stub = await stubAkismet();
  const t = await appWith(stub.url);
  try {
    stub.set((res) => res.end('true'));
    const c = await postComment(t.app, 'open', { content: 'Great post, visit my casino' });
    assert.equal(c.statusCode, 201);
    assert.equal(c.json().status, 'hold');
    const m = await postMessage(t.app, { message: 'Cheap watches' });
    assert.equal(m.statusCode, 201);
    assert.equal(m.json().status, 'received');

    stub.set((res) => res.setHeader('x-akismet-pro-tip', 'discard').end('true'));
    const blatant = await postComment(t.app, 'firm', { content: 'Blatant', parent: '' });
    assert.equal(blatant.json().status, 'hold');

    const comments = await t.store.db.selectFrom('comments').select(['content', 'status', 'flag']).orderBy('id').execute();
    assert.deepEqual(comments, [
      { content: 'Great post, visit my casino', status: 'spam', flag: 'akismet' },
      { content: 'Blatant', status: 'spam', flag: 'akismet:discard' },
    ]);
    const messages = await t.store.db.selectFrom('messages').select(['message', 'status', 'flag']).execute();
    assert.deepEqual(messages, [{ message: 'Cheap watches', status: 'flagged', flag: 'akismet' }]);
    assert.equal((await t.store.db.selectFrom('outbox').select('id').execute()).length, 0);
    assert.deepEqual((await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips' })).json(), { total: 0, comments: [] });

    // The desk lists them with why.
    assert.deepEqual((await held(t.store, 'firm')).map((r) => [r.status, r.flag]), [['spam', 'akismet:discard']]);
    const { link } = await addUser(t.store, t.config, 'owner@firm.example', 'owner', [], new Date());
    const password = 'correct horse battery staple';
    await t.app.inject({ method: 'POST', url: new URL(link).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ password, again: password }).toString() });
    const session = await t.app.inject({ method: 'POST', url: '/admin/api/session', headers: json, payload: { email: 'owner@firm.example', password } });
    const cookie = String(session.headers['set-cookie']).split(';')[0];
    const box = (await t.app.inject({ url: '/admin/api/messages?site=firm&box=spam', headers: { cookie } })).json();
    assert.deepEqual(box.messages.map((x: { message: string; flag: string }) => [x.message, x.flag]), [['Cheap watches', 'akismet']]);
    const queue = (await t.app.inject({ url: '/admin/api/comments?site=open&status=spam', headers: { cookie } })).json();
    assert.deepEqual(queue.comments.map((x: { content: string; flag: string }) => [x.content, x.flag]), [['Great post, visit my casino', 'akismet']]);
    assert.deepEqual(t.logs.filter((l) => l.akismet), []);
  } finally {
    await t.close();
    await stub.close();
  }
});

test(`akismet (${dialectName}): sends only what it needs: the account, the address and browser, the words a spammer fills`, async () => {
  const stub = await stubAkismet();
  const t = await appWith(stub.url);
  try {
    await postComment(t.app, 'firm', { url: 'https://ana.example', content: 'Thank you' }, '198.51.100.23');
    await postMessage(t.app, { phone: '818-788-8900', topic: 'Deportation defense', message: 'My case' }, '2001:db8::7');
    assert.deepEqual(stub.paths, ['/1.1/comment-check', '/1.1/comment-check']);
    assert.deepEqual(stub.forms[0], {
      api_key: KEY,
      blog: 'https://firm.example',
      blog_charset: 'UTF-8',
      user_ip: '198.51.100.23',
      user_agent: BROWSER,
      comment_type: 'comment',
      comment_author: 'Ana Reyes',
      comment_author_email: 'ana@example.com',
      comment_author_url: 'https://ana.example',
      comment_content: 'Thank you',
    });
    // A message's phone, topic, language and page stay here.
    assert.deepEqual(stub.forms[1], {
      api_key: KEY,
      blog: 'https://firm.example',
      blog_charset: 'UTF-8',
      user_ip: '2001:db8::7',
      user_agent: BROWSER,
      comment_type: 'contact-form',
      comment_author: 'Ana Reyes',
      comment_author_email: 'ana@example.com',
      comment_content: 'My case',
    });
    // Ham goes on as without Akismet: held and mailed to the moderators; the message to the staff.
    const rows = await t.store.db.selectFrom('comments').select(['status', 'flag']).execute();
    assert.deepEqual(rows, [{ status: 'hold', flag: null }]);
    assert.equal((await t.store.db.selectFrom('outbox').select('id').execute()).length, 2);
  } finally {
    await t.close();
    await stub.close();
  }
});

test(`akismet (${dialectName}): asked only about what passed the server's own checks and limits, and not about messages when told so`, async () => {
  const stub = await stubAkismet();
  const t = await appWith(stub.url, { messages: false }, { spam: { bannedWords: ['casino'], perAddress: { comments: 1, messages: 100 } } });
  try {
    stub.set((res) => res.end('true'));
    // Our own flags first: Akismet hears nothing of them.
    const bot = await postComment(t.app, 'firm', { firm_hp: 'x', content: 'a' });
    const word = await postComment(t.app, 'firm', { content: 'casino' }, '198.51.100.1');
    assert.deepEqual([bot.statusCode, word.statusCode], [201, 201]);
    assert.equal(stub.forms.length, 0);
    // A message, with messages: false.
    assert.equal((await postMessage(t.app, {}, '198.51.100.2')).statusCode, 201);
    assert.equal(stub.forms.length, 0);
    // The address's one comment in the window is asked about; its next ones are refused without asking.
    assert.equal((await postComment(t.app, 'firm', { content: 'First' }, '198.51.100.3')).statusCode, 201);
    assert.equal(stub.forms.length, 1);
    for (let i = 0; i < 3; i++) assert.equal((await postComment(t.app, 'firm', { content: `Flood ${i}` }, '198.51.100.3')).statusCode, 429);
    assert.equal(stub.forms.length, 1);
  } finally {
    await t.close();
    await stub.close();
  }
});

test(`akismet (${dialectName}): down, slow, failing or answering nonsense: the post is stored as without it, with a log line`, async () => {
  const stub = await stubAkismet();
  const t = await appWith(stub.url, { timeoutMs: TIMEOUT_MS });
  try {
    // One post that Akismet answers in time first: node's fetch loads on its first use.
    assert.equal((await postComment(t.app, 'firm', { content: 'Warm up' })).statusCode, 201);
    await t.store.db.deleteFrom('comments').execute();
    await t.store.db.deleteFrom('outbox').execute();
    const cases: [string, Answer][] = [
      ['timeout', () => {}], // answers after the timeout, or never
      ['status', (res) => res.writeHead(503).end('Service Unavailable')],
      ['answer', (res) => res.setHeader('x-akismet-debug-help', 'Invalid key').end('invalid')],
      ['answer', (res) => res.end('<html>'.repeat(100_000))],
      ['answer', (res) => res.end('')],
      ['unreachable', (res) => res.destroy()],
    ];
    for (const [i, [reason, answer]] of cases.entries()) {
      stub.set(answer);
      const started = performance.now();
      const c = await postComment(t.app, 'open', { content: `Comment ${i}` });
      assert.equal(c.statusCode, 201, `${reason} ${i}: ${c.body}`);
      // Listed as the site's "approve" mode says, as without Akismet.
      assert.equal(c.json().status, 'approved', `${reason} ${i}`);
      assert.ok(performance.now() - started < TIMEOUT_MS + 3000, `${reason} ${i} waited too long`);
      const m = await postMessage(t.app, { key: `k${i}`, message: `Message ${i}` });
      assert.equal(m.statusCode, 201);
    }
    const warned = t.logs.filter((l) => l.akismet).map((l) => l.akismet);
    assert.deepEqual(warned, cases.flatMap(([reason]) => [reason, reason]));
    const invalid = t.logs.find((l) => String(l.detail).includes('Invalid key'));
    assert.ok(invalid, 'the debug help Akismet gives is logged');
    // The logs carry no visitor's words, address or Akismet key.
    const all = JSON.stringify(t.logs);
    for (const secret of ['203.0.113.5', 'Comment 0', 'ana@example.com', KEY]) assert.ok(!all.includes(secret), `${secret} logged`);

    // Akismet down: nothing listens on its port.
    await stub.close();
    const down = await postComment(t.app, 'firm', { content: 'While down' });
    assert.equal(down.statusCode, 201);
    assert.equal(down.json().status, 'hold');
    assert.equal(t.logs.at(-1)?.akismet, 'unreachable');

    const comments = await t.store.db.selectFrom('comments').select(['status', 'flag']).execute();
    assert.equal(comments.length, cases.length + 1);
    assert.ok(comments.every((r) => r.flag === null));
    const messages = await t.store.db.selectFrom('messages').select(['status']).execute();
    assert.deepEqual(new Set(messages.map((r) => r.status)), new Set(['received']));
    // Every message mailed to the staff, and the held comment to its moderators.
    assert.equal((await t.store.db.selectFrom('outbox').select('id').execute()).length, cases.length + 1);
  } finally {
    await t.close();
    await stub.close().catch(() => {});
  }
});
