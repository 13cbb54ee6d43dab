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
  // Stored as text that no theme or plugin rendering a post can turn into HTML, and given back exactly.
  assert.equal(row.content, 'Mi esposo está en México. ¿Cómo empezamos? &lt;b&gt;Gracias&lt;/b&gt; &amp; saludos');
  assert.equal(php(`return firm_widgets_stored_message($input)['message'];`, res.json.id), 'Mi esposo está en México. ¿Cómo empezamos? <b>Gracias</b> & saludos', 'nothing stripped');
  assert.equal(row.meta._firm_name, 'María José Ortega');
  assert.equal(row.meta._firm_email, 'mj.ortega@example.test');
  assert.equal(row.meta._firm_phone, '(818) 555-0142');
  assert.equal(row.meta._firm_language, 'es');
  assert.equal(row.meta._firm_mail, 'sent');
  assert.ok(row.meta._firm_consent, 'consent time kept');
  const mails = site.mails().slice(mailsBefore);
  assert.equal(mails.length, 1);
  assert.equal(mails[0].to, 'office@reyescho.example');
  assert.match(mails[0].subject, /Message from María José Ortega/);
  assert.ok(mails[0].message.includes('Mi esposo está en México. ¿Cómo empezamos? <b>Gracias</b> & saludos'), 'the mail (plain text) has the words as typed');
  assert.match(mails[0].message, /Phone: \(818\) 555-0142/);
  assert.deepEqual(mails[0].headers, ['Content-Type: text/plain; charset=UTF-8', 'Reply-To: mj.ortega@example.test']);
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
    assert.equal(row.status, 'firm_spam', `${reason}: kept apart as possible spam`);
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

test('an edited message after a failure is a new message: the same key with other words stores the new text', async () => {
  const mailsBefore = site.mails().length;
  const body = message({ key: '1795830000456', message: 'My hearing is on the 3rd.' });
  const first = await send(ROUTE, { method: 'POST', body, from: '127.0.0.25' });
  // The answer was lost; the visitor corrects the date and presses Try again.
  const edited = await send(ROUTE, { method: 'POST', body: { ...body, message: 'My hearing is on the 13th, not the 3rd.' }, from: '127.0.0.25' });
  assert.equal(edited.status, 201, edited.body);
  assert.notEqual(edited.json.id, first.json.id);
  assert.equal(stored(edited.json.id).content, 'My hearing is on the 13th, not the 3rd.');
  const mails = site.mails().slice(mailsBefore);
  assert.equal(mails.length, 2);
  assert.match(mails[1].message, /13th, not the 3rd/, 'the firm gets the corrected words');
  // The corrected one resent is still one message.
  const again = await send(ROUTE, { method: 'POST', body: { ...body, message: 'My hearing is on the 13th, not the 3rd.' }, from: '127.0.0.25' });
  assert.equal(again.json.id, edited.json.id);
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
    assert.doesNotMatch(list, /possible spam/, 'possible spam is listed apart');
    assert.ok(!(await admin.$('.page-title-action')), 'no "Add New": messages come from visitors');
    const view = await admin.$eval('.subsubsub', (el) => el.textContent.replace(/\s+/g, ' '));
    const spam = Number(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE post_type = 'firm_message' AND post_status = 'firm_spam'`)[0][0]);
    assert.ok(spam >= 3);
    assert.ok(view.includes(`Possible spam (${spam})`), view);
    await Promise.all([admin.waitForNavigation(), admin.click('.subsubsub .firm_spam a')]);
    assert.match(await admin.$eval('#the-list', (el) => el.textContent), /possible spam \(honeypot\)/);
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

test('staff release a possible spam message: it is mailed, and joins the others', async () => {
  const res = await send(ROUTE, { method: 'POST', body: message({ name: 'Quick Typist', message: 'Fast fingers, real question.', firm_elapsed: 1200 }), from: '127.0.0.26' });
  const id = res.json.id;
  assert.equal(stored(id).status, 'firm_spam');
  const mailsBefore = site.mails().length;
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await admin.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message&post_status=firm_spam`);
    const row = `#post-${id}`;
    await admin.$eval(`${row} .row-actions`, (el) => (el.style.left = 'auto')); // row actions show on hover
    await Promise.all([admin.waitForNavigation(), admin.click(`${row} .firm_release a`)]);
    assert.match(await admin.$eval('.notice-success', (el) => el.textContent), /released and mailed/);
    assert.match(await admin.$eval('#the-list', (el) => el.textContent), /Quick Typist/, 'among the messages');
    await admin.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message&post_status=firm_spam`);
    assert.doesNotMatch(await admin.$eval('#the-list', (el) => el.textContent), /Quick Typist/, 'gone from possible spam');
  } finally {
    await admin.leave();
  }
  const row = stored(id);
  assert.equal(row.status, 'private');
  assert.equal(row.meta._firm_mail, 'sent');
  assert.equal(row.meta._firm_spam, undefined);
  const mails = site.mails().slice(mailsBefore);
  assert.equal(mails.length, 1);
  assert.match(mails[0].subject, /Message from Quick Typist/);
  assert.match(mails[0].message, /Fast fingers, real question\./);
  // The release link is the staff's alone: a forged one (no nonce) or a subscriber's does nothing.
  const other = (await send(ROUTE, { method: 'POST', body: message({ name: 'Still Held', firm_hp: 'x' }), from: '127.0.0.26' })).json.id;
  const forged = await send(`${site.url}/wp-admin/admin-post.php?action=firm_widgets_release&post=${other}`);
  assert.notEqual(forged.status, 200);
  assert.equal(stored(other).status, 'firm_spam');
});

test("a visitor's text stays text wherever a post is rendered, and runs no shortcode", async () => {
  const res = await send(ROUTE, {
    method: 'POST',
    body: message({ name: '<img src=x onerror=alert(1)>', topic: '[firm_contact_form]', message: '<script>alert(2)</script> [gallery] [firm_contact_form source="rest"] "quotes" \'single\' &amp; [/x]' }),
    from: '127.0.0.27',
  });
  assert.equal(res.status, 201, res.body);
  const rendered = php(
    `$p = get_post($input); return array('content' => apply_filters('the_content', $p->post_content), 'title' => apply_filters('the_title', $p->post_title, $p->ID), 'back' => firm_widgets_stored_message($p->ID));`,
    res.json.id,
  );
  for (const html of [rendered.content, rendered.title]) {
    assert.doesNotMatch(html, /<(img|script|firm-|div|figure)/i, html);
    assert.doesNotMatch(html, /\[(gallery|firm_contact_form)/, `no shortcode left to run: ${html}`);
  }
  assert.equal(rendered.back.message, '<script>alert(2)</script> [gallery] [firm_contact_form source="rest"] "quotes" \'single\' &amp; [/x]', 'given back exactly');
  assert.equal(rendered.back.name, '<img src=x onerror=alert(1)>');
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await admin.goto(`${site.url}/wp-admin/post.php?post=${res.json.id}&action=edit`);
    assert.equal(await admin.$eval('.firm-widgets-message-text', (el) => el.textContent), rendered.back.message, 'the firm reads what was typed');
    assert.equal(await admin.$$eval('#poststuff img[src="x"], #poststuff script:not([src])', (els) => els.length), 0);
    await admin.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message`);
    assert.match(await admin.$eval(`#post-${res.json.id} .row-title`, (el) => el.textContent), /^<img src=x onerror=alert\(1\)> — \[firm_contact_form\]$/);
  } finally {
    await admin.leave();
  }
});

test('stored messages are left out of WXR exports', async () => {
  const res = await send(ROUTE, { method: 'POST', body: message({ name: 'Export Tester', message: 'quokkaexport secret matter' }), from: '127.0.0.28' });
  assert.equal(res.status, 201);
  const wxr = php(`require_once ABSPATH . 'wp-admin/includes/export.php'; ob_start(); export_wp(array('content' => 'all')); return ob_get_clean();`);
  assert.match(wxr, /<rss version="2.0"/, 'an export was made');
  assert.match(wxr, /Can I travel while my green card is pending/, 'posts are in it');
  assert.ok(!wxr.includes('quokkaexport') && !wxr.includes('firm_message') && !wxr.includes('mj.ortega@example.test'), 'no message, no detail');
});

test('the mail subject is one line, and "Sent from" shows the page without its query string', async () => {
  const mailsBefore = site.mails().length;
  const res = await send(ROUTE, {
    method: 'POST',
    body: message({ name: 'Line\r\nBcc: everyone@example.test\nBreak', page: `${site.url}/contact/?token=s3cret&q=asylum#details` }),
    from: '127.0.0.29',
  });
  assert.equal(res.status, 201, res.body);
  const [mail] = site.mails().slice(mailsBefore);
  assert.doesNotMatch(mail.subject, /[\r\n]/);
  assert.match(mail.subject, /Message from Line Bcc: everyone@example\.test Break$/);
  assert.match(mail.message, new RegExp(`Sent from: ${site.url.replace(/\./g, '\\.')}/contact/\n`));
  assert.doesNotMatch(mail.message, /s3cret|asylum|#details/);
  assert.equal(stored(res.json.id).meta._firm_page, `${site.url}/contact/`);
});

test('the rate limit counts only messages about to be stored: not refused forms, not resends', async () => {
  setOption('rate_limit', 2);
  try {
    const from = '127.0.0.62';
    const one = message({ name: 'Counted One', key: '1795830000789' });
    assert.equal((await send(ROUTE, { method: 'POST', body: one, from })).status, 201);
    for (let i = 0; i < 3; i++) {
      assert.equal((await send(ROUTE, { method: 'POST', body: one, from })).status, 201, 'a resend after a timeout');
      assert.equal((await send(ROUTE, { method: 'POST', body: message({ email: 'nope' }), from })).status, 400, 'a refused form');
    }
    assert.equal((await send(ROUTE, { method: 'POST', body: message({ name: 'Counted Two' }), from })).status, 201, 'the second message still goes');
    assert.equal((await send(ROUTE, { method: 'POST', body: message({ name: 'Third' }), from })).status, 429, 'the third is over the limit');
  } finally {
    setOption('rate_limit', 5);
  }
});

test('the rate limit comes before the resend look-up: an address over its limit learns nothing of stored keys', async () => {
  setOption('rate_limit', 2);
  try {
    const from = '127.0.0.63';
    const first = message({ name: 'Probe Target', key: '1795830000999', message: 'A stored message.' });
    const stored = await send(ROUTE, { method: 'POST', body: first, from });
    assert.equal(stored.status, 201);
    assert.equal((await send(ROUTE, { method: 'POST', body: message({ name: 'Second' }), from })).status, 201);
    // Over the limit now: the exact resend of a stored message is refused like any other, and
    // nothing tells a right key from a wrong one.
    const resend = await send(ROUTE, { method: 'POST', body: first, from });
    assert.equal(resend.status, 429, resend.body);
    assert.equal(resend.json.code, 'firm_rate_limited');
    assert.equal(resend.json.data.id, undefined);
    const wrong = await send(ROUTE, { method: 'POST', body: { ...first, key: '1795830000998' }, from });
    assert.equal(wrong.status, 429);
    for (const r of [resend, wrong]) assert.ok(Number(r.headers['retry-after']) > 0, `Retry-After ${r.headers['retry-after']}`);
  } finally {
    setOption('rate_limit', 5);
  }
});

test('behind a trusted reverse proxy each visitor has their own count; IPv6 counts per /64; nobody else can pick their address', async () => {
  setOption('rate_limit', 1);
  setOption('proxies', '127.0.0.70, 10.0.0.0/8');
  setOption('proxy_header', 'X-Forwarded-For');
  const via = (from, forwarded, name) => send(ROUTE, { method: 'POST', body: message({ name }), from, headers: { 'X-Forwarded-For': forwarded } });
  try {
    // Two visitors through the proxy: one each, not one between them.
    assert.equal((await via('127.0.0.70', '203.0.113.5', 'Visitor A')).status, 201);
    assert.equal((await via('127.0.0.70', '203.0.113.6', 'Visitor B')).status, 201);
    assert.equal((await via('127.0.0.70', '203.0.113.5', 'Visitor A again')).status, 429);
    // A visitor who writes their own X-Forwarded-For start is still counted by the address the proxy saw.
    assert.equal((await via('127.0.0.70', '198.51.100.1, 203.0.113.5', 'Visitor A spoofing')).status, 429);
    // ...and hops through the site's own inner proxies are skipped.
    assert.equal((await via('127.0.0.70', '203.0.113.7, 10.1.2.3', 'Visitor C')).status, 201);
    assert.equal((await via('127.0.0.70', '203.0.113.7', 'Visitor C again')).status, 429);
    // IPv6: any address in one /64 is the same visitor.
    assert.equal((await via('127.0.0.70', '2001:db8:1:2::a', 'Six A')).status, 201);
    assert.equal((await via('127.0.0.70', '[2001:db8:1:2:ffff:ffff:ffff:1]:4431', 'Six A other address')).status, 429);
    assert.equal((await via('127.0.0.70', '2001:db8:1:3::a', 'Six B')).status, 201, 'the next /64 is someone else');
    // A client that is not the proxy cannot choose its address with the header.
    assert.equal((await via('127.0.0.71', '203.0.113.200', 'Direct')).status, 201);
    assert.equal((await via('127.0.0.71', '203.0.113.201', 'Direct, other header')).status, 429);
    assert.deepEqual(
      php(`return array_map('firm_widgets_rate_bucket', $input);`, ['2001:db8:1:2::a', '2001:DB8:1:2:ffff::1', '::ffff:192.0.2.1', '192.0.2.1']),
      ['2001:db8:1:2::/64', '2001:db8:1:2::/64', '192.0.2.1', '192.0.2.1'],
    );
  } finally {
    setOption('rate_limit', 5);
    setOption('proxies', '');
  }
});

test('the reverse proxy setting is checked on save', async () => {
  const saved = php(`return get_option('firm_widgets');`);
  try {
    const out = php(`require_once ABSPATH . 'wp-admin/includes/template.php'; return firm_widgets_sanitize(array_merge(get_option('firm_widgets'), $input));`, { proxies: '10.0.0.0/8, 2001:db8::/32 192.0.2.7', proxy_header: 'CF-Connecting-IP' });
    assert.equal(out.proxies, '10.0.0.0/8, 2001:db8::/32, 192.0.2.7');
    assert.equal(out.proxy_header, 'CF-Connecting-IP');
    const bad = php(`require_once ABSPATH . 'wp-admin/includes/template.php'; $o = firm_widgets_sanitize(array_merge(get_option('firm_widgets'), $input)); return array($o['proxies'], $o['proxy_header'], wp_list_pluck(get_settings_errors('firm_widgets'), 'message'));`, {
      proxies: '10.0.0.0/33',
      proxy_header: 'X-Real-IP: 1',
    });
    assert.deepEqual(bad.slice(0, 2), [saved.proxies, saved.proxy_header], 'the saved values stay');
    assert.equal(bad[2].length, 2, JSON.stringify(bad[2]));
  } finally {
    php(`update_option('firm_widgets', $input); return true;`, saved);
  }
});
