// POST /firm-widgets/v1/messages on the real site: stored first, then mailed; the spam guard; the
// per-address rate limit; 50 at once; never readable by the public; and <firm-contact-form>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, send, rest, person, launch, visit, login, php, sleep } from './helpers.mjs';

const ROUTE = rest('/firm-widgets/v1/messages');
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const message = (extra = {}) => ({
  name: 'María José Ortega',
  email: 'mj.ortega@example.test',
  phone: '(818) 555-0142',
  language: 'es',
  topic: 'Family visas',
  message: 'Mi esposo está en México. ¿Cómo empezamos? <b>Gracias</b> & saludos',
  consent: true,
  page: `${site.url}/?page_id=${site.posts.contact}`,
  ...person,
  ...extra,
});

/** The stored message, read straight from MariaDB. */
function stored(id) {
  const [row] = site.sql(`SELECT post_type, post_status, post_title, post_content FROM wp_posts WHERE ID = ${Number(id)}`);
  if (!row) return undefined;
  const meta = Object.fromEntries(site.sql(`SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = ${Number(id)} AND meta_key LIKE '\\_firm\\_%'`));
  // mariadb -B escapes newlines and tabs in values
  const [type, status, title, content] = row.map((v) => v.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
  return { type, status, title, content, meta };
}

const setOption = (key, value) => php(`$o = get_option('firm_widgets'); $o[$input[0]] = $input[1]; update_option('firm_widgets', $o); return true;`, [key, value]);

test('a message is stored as a private firm_message, exactly as typed, then mailed to the firm', async () => {
  const mailsBefore = site.mails().length;
  const res = await send(ROUTE, { method: 'POST', body: message(), from: '127.0.0.20', headers: { Origin: site.url } });
  assert.equal(res.status, 201, res.body);
  assert.deepEqual(Object.keys(res.json).sort(), ['id', 'mailed', 'status']);
  assert.equal(res.json.status, 'received');
  assert.equal(res.json.mailed, true);
  const row = stored(res.json.id);
  assert.equal(row.type, 'firm_message');
  assert.equal(row.status, 'private');
  assert.equal(row.title, 'María José Ortega — Family visas');
  assert.equal(row.content, 'Mi esposo está en México. ¿Cómo empezamos? <b>Gracias</b> & saludos', 'nothing stripped');
  assert.equal(row.meta._firm_email, 'mj.ortega@example.test');
  assert.equal(row.meta._firm_phone, '(818) 555-0142');
  assert.equal(row.meta._firm_language, 'es');
  assert.equal(row.meta._firm_mail, 'sent');
  assert.ok(row.meta._firm_consent, 'consent time kept');
  const mails = site.mails().slice(mailsBefore);
  assert.equal(mails.length, 1);
  assert.equal(mails[0].to, 'office@reyescho.example');
  assert.match(mails[0].subject, /Message from María José Ortega/);
  assert.match(mails[0].message, /Mi esposo está en México/);
  assert.match(mails[0].message, /Phone: \(818\) 555-0142/);
  assert.deepEqual(mails[0].headers, ['Reply-To: mj.ortega@example.test']);
});

test('field errors come back as 400 firm_invalid, per field, and nothing is stored', async () => {
  const count = () => Number(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE post_type = 'firm_message'`)[0][0]);
  const before = count();
  const res = await send(ROUTE, { method: 'POST', body: message({ name: ' ', email: 'not-an-email', phone: '', message: '', consent: false }), from: '127.0.0.21' });
  assert.equal(res.status, 400);
  assert.equal(res.json.code, 'firm_invalid');
  assert.equal(res.json.data.status, 400);
  assert.deepEqual(Object.keys(res.json.data.fields).sort(), ['consent', 'email', 'message', 'name']);
  const both = await send(ROUTE, { method: 'POST', body: message({ email: '', phone: '' }), from: '127.0.0.21' });
  assert.deepEqual(Object.keys(both.json.data.fields), ['email'], 'email or phone: at least one');
  const short = await send(ROUTE, { method: 'POST', body: message({ phone: '555-12', message: 'x'.repeat(5001) }), from: '127.0.0.21' });
  assert.deepEqual(Object.keys(short.json.data.fields).sort(), ['message', 'phone'], 'the contract: 7 digits, 5000 characters');
  assert.equal(count(), before);
});

test('honeypot and too-fast senders get a success they cannot tell apart; kept as spam, never mailed', async () => {
  const mailsBefore = site.mails().length;
  const trap = await send(ROUTE, { method: 'POST', body: message({ firm_hp: 'http://spam.example' }), from: '127.0.0.22' });
  const fast = await send(ROUTE, { method: 'POST', body: message({ firm_elapsed: 900 }), from: '127.0.0.22' });
  const none = await send(ROUTE, { method: 'POST', body: message({ firm_hp: undefined, firm_elapsed: undefined, name: '' }), from: '127.0.0.22' });
  for (const [res, reason] of [
    [trap, 'honeypot'],
    [fast, 'too fast'],
    [none, 'no elapsed time'],
  ]) {
    assert.equal(res.status, 201, reason);
    assert.deepEqual({ ...res.json, id: 0 }, { id: 0, status: 'received', mailed: true }, reason);
    const row = stored(res.json.id);
    assert.equal(row.meta._firm_spam, reason);
    assert.equal(row.meta._firm_mail, 'not sent: spam');
  }
  assert.equal(site.mails().length, mailsBefore, 'no mail for spam');
});

test('spam cannot fill the database, and a long page address is cut, not refused', async () => {
  const huge = await send(ROUTE, { method: 'POST', body: message({ firm_hp: 'x', message: 'spam!'.repeat(4000), name: 'n'.repeat(900) }), from: '127.0.0.23' });
  assert.equal(huge.status, 201);
  const row = stored(huge.json.id);
  assert.equal([...row.content].length, 5000, 'the message cut at 5000 characters');
  const long = await send(ROUTE, { method: 'POST', body: message({ page: `${site.url}/?q=${'a'.repeat(3000)}` }), from: '127.0.0.23' });
  assert.equal(long.status, 201, long.body);
});

test('a resend with the same key (Try again after a timeout) is answered with the stored message, not stored twice', async () => {
  const mailsBefore = site.mails().length;
  const body = message({ key: '1795830000123', message: 'Sent once, tried twice.' });
  const first = await send(ROUTE, { method: 'POST', body, from: '127.0.0.24' });
  const again = await send(ROUTE, { method: 'POST', body, from: '127.0.0.24' });
  assert.equal(first.status, 201, first.body);
  assert.equal(again.status, 201, again.body);
  assert.equal(again.json.id, first.json.id);
  assert.equal(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE post_type = 'firm_message' AND post_content = 'Sent once, tried twice.'`)[0][0], '1');
  assert.equal(site.mails().length, mailsBefore + 1, 'mailed once');
  const other = await send(ROUTE, { method: 'POST', body: { ...body, email: 'someone.else@example.test' }, from: '127.0.0.24' });
  assert.notEqual(other.json.id, first.json.id, 'the same key from another address is another message');
});

test('a mail failure is written on the message and loses nothing', async () => {
  php(`update_option('firm_test_mail_broken', 1); return true;`);
  try {
    const res = await send(ROUTE, { method: 'POST', body: message({ name: 'Mail Down' }), from: '127.0.0.23' });
    assert.equal(res.status, 201);
    assert.equal(res.json.mailed, false);
    const row = stored(res.json.id);
    assert.equal(row.title, 'Mail Down — Family visas');
    assert.match(row.meta._firm_mail, /^failed: .+/);
  } finally {
    php(`delete_option('firm_test_mail_broken'); return true;`);
  }
});

test('messages are never public: no REST route, no page, no search result, no feed', async () => {
  const res = await send(ROUTE, { method: 'POST', body: message({ name: 'Hidden Person', message: 'zebraquartz onyxplume' }), from: '127.0.0.24' });
  const id = res.json.id;
  const routes = await send(rest('/wp/v2/firm_message'));
  assert.equal(routes.status, 404);
  assert.equal(routes.json.code, 'rest_no_route');
  const byId = await send(rest(`/wp/v2/posts/${id}`));
  assert.equal(byId.status, 404);
  const search = await send(rest('/wp/v2/search') + '&search=zebraquartz&subtype=any');
  assert.deepEqual(search.json, []);
  for (const path of [`/?p=${id}`, `/?post_type=firm_message&p=${id}`, '/?s=zebraquartz', '/?feed=rss2']) {
    const page = await send(site.url + path);
    assert.ok(!page.body.includes('onyxplume') && !page.body.includes('Hidden Person'), `${path} shows nothing of it`);
  }
});

test('the firm reads them in the admin under "Messages"', async () => {
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    const menu = await admin.$eval('#adminmenu', (el) => el.textContent);
    assert.match(menu, /Messages/);
    await admin.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message`);
    const list = await admin.$eval('#the-list', (el) => el.textContent);
    assert.match(list, /María José Ortega — Family visas/);
    assert.match(list, /mj\.ortega@example\.test/);
    assert.match(list, /spam \(honeypot\)/);
    assert.ok(!(await admin.$('.page-title-action')), 'no "Add New": messages come from visitors');
  } finally {
    await admin.leave();
  }
  const reader = await login(browser, 'reader', php(`$u = get_user_by('login', 'reader'); $p = wp_generate_password(16, false); if (!$u) { wp_insert_user(array('user_login' => 'reader', 'user_pass' => $p, 'role' => 'subscriber', 'user_email' => 'reader@example.test')); } else { wp_set_password($p, $u->ID); } return $p;`));
  try {
    const res = await reader.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message`);
    assert.equal(res.status(), 403);
  } finally {
    await reader.leave();
  }
});

test('50 messages sent at once are all stored and mailed', async () => {
  setOption('rate_limit', 100);
  try {
    const mailsBefore = site.mails().length;
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => send(ROUTE, { method: 'POST', body: message({ name: `Load ${String(i).padStart(2, '0')}`, message: `Load test message ${i}` }), from: '127.0.0.50' })),
    );
    const ms = Date.now() - started;
    assert.deepEqual(results.map((r) => r.status), Array(50).fill(201), 'every answer is 201');
    const ids = results.map((r) => r.json.id);
    assert.equal(new Set(ids).size, 50, '50 distinct ids');
    const rows = site.sql(`SELECT post_title FROM wp_posts WHERE post_type = 'firm_message' AND post_title LIKE 'Load %' ORDER BY post_title`);
    assert.deepEqual(rows.map((r) => r[0]), Array.from({ length: 50 }, (_, i) => `Load ${String(i).padStart(2, '0')} — Family visas`));
    const sent = site.sql(`SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_firm_mail' AND meta_value = 'sent' AND post_id IN (${ids.join(',')})`)[0][0];
    assert.equal(Number(sent), 50);
    assert.equal(site.mails().length - mailsBefore, 50);
    console.log(`# 50 at once: 50 stored, 50 mailed, in ${ms} ms`);
  } finally {
    setOption('rate_limit', 5);
  }
});

test('a burst past the rate limit gets 429 with Retry-After; other addresses are not affected', async () => {
  setOption('rate_limit', 5);
  setOption('rate_window', 600);
  const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => send(ROUTE, { method: 'POST', body: message({ name: `Burst ${i}` }), from: '127.0.0.60' })));
  const statuses = burst.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(201), ...Array(7).fill(429)]);
  for (const r of burst.filter((r) => r.status === 429)) {
    const retry = Number(r.headers['retry-after']);
    assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 600, `Retry-After ${r.headers['retry-after']}`);
    assert.equal(r.json.code, 'firm_rate_limited');
    assert.equal(r.json.data.status, 429);
    assert.equal(r.json.data.retry_after, retry);
  }
  const stored = site.sql(`SELECT COUNT(*) FROM wp_posts WHERE post_type = 'firm_message' AND post_title LIKE 'Burst %'`)[0][0];
  assert.equal(Number(stored), 5, 'only the allowed ones are stored');
  const neighbour = await send(ROUTE, { method: 'POST', body: message({ name: 'Neighbour' }), from: '127.0.0.61' });
  assert.equal(neighbour.status, 201, 'another address still gets through');
  console.log(`# burst of 12 from one address with a limit of 5: ${statuses.filter((s) => s === 201).length} stored, ${statuses.filter((s) => s === 429).length} × 429`);
});

test('<firm-contact-form> on a page: the message lands in the database and its mail is logged', async () => {
  const mailsBefore = site.mails().length;
  const visitor = await visit(browser, `/?page_id=${site.posts.contact}`);
  try {
    const form = 'firm-contact-form';
    await visitor.waitForFunction((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.querySelector('textarea'), {}, form);
    await visitor.locator(`${form} >>> input[name="name"]`).fill('Dae-jung Kim');
    await visitor.locator(`${form} >>> input[type="email"]`).fill('dj.kim@example.test');
    await visitor.locator(`${form} >>> textarea`).fill('I would like a consultation about my H-1B transfer.');
    await visitor.locator(`${form} >>> input[type="checkbox"]`).click();
    await sleep(3200); // a person takes longer than the minimum time to fill a form
    await visitor.locator(`${form} >>> form button`).click();
    await visitor.waitForFunction((t) => /Thank you/.test(document.querySelector(t).shadowRoot.textContent), { timeout: 15000 }, form);
    const [row] = site.sql(`SELECT ID, post_status FROM wp_posts WHERE post_type = 'firm_message' AND post_title LIKE 'Dae-jung Kim%'`);
    assert.ok(row, 'stored');
    assert.equal(row[1], 'private');
    const meta = stored(row[0]).meta;
    assert.equal(meta._firm_email, 'dj.kim@example.test');
    assert.equal(meta._firm_spam, undefined, 'a person is not spam');
    const mails = site.mails().slice(mailsBefore);
    assert.equal(mails.length, 1);
    assert.match(mails[0].message, /H-1B transfer/);
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
});
