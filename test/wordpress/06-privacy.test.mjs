// WordPress's own privacy tools on the plugin's messages: Tools → Export Personal Data gives a
// visitor's messages back, Tools → Erase Personal Data deletes them; the privacy policy guide has
// the plugin's text; the retention setting deletes old messages and keeps new ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { site, send, rest, person, launch, login, php } from './helpers.mjs';

const ROUTE = rest('/firm-widgets/v1/messages');
const EMAIL = 'privacy.person@example.test';
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const message = (extra) => ({ name: 'Noor Haddad', email: EMAIL, phone: '', message: 'My asylum interview is next week.', consent: true, ...person, ...extra });
const countFrom = (email) => Number(site.sql(`SELECT COUNT(*) FROM wp_posts p JOIN wp_postmeta m ON m.post_id = p.ID AND m.meta_key = '_firm_email' WHERE p.post_type = 'firm_message' AND m.meta_value = '${email}'`)[0][0]);

/** Files a request on Tools → Export/Erase Personal Data without the confirmation mail, as staff can. */
async function request(page, screen, email) {
  await page.goto(`${site.url}/wp-admin/${screen}`);
  await page.type('#username_or_email_for_privacy_request', email);
  const confirm = await page.$('#send_confirmation_email');
  if (confirm && (await confirm.evaluate((el) => el.checked))) await confirm.click();
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
}

/**
 * Presses the request row's "Download personal data" / "Erase personal data" action (row actions
 * show on hover) and waits for WordPress's script to finish: 'success' or 'failed'.
 */
async function run(page, kind) {
  const row = `tr:has(a[href^="mailto:${EMAIL}"])`;
  await page.hover(`${row} td`);
  await page.click(`${row} .${kind}-idle button`);
  const done = await page.waitForFunction(
    (r, k) => ['success', 'failed'].find((s) => document.querySelector(`${r} .${k}-${s}`)?.classList.contains('hidden') === false),
    { timeout: 30000 },
    row,
    kind,
  );
  return done.jsonValue();
}

test("Tools → Export Personal Data gives back a visitor's messages, and no one else's", async () => {
  for (const [extra, from] of [
    [{}, '127.0.0.91'],
    [{ message: 'Sent too fast <b>but real</b>.', firm_elapsed: 500 }, '127.0.0.91'],
    [{ email: 'someone.else@example.test', message: 'Not Noor.' }, '127.0.0.92'],
  ]) {
    assert.equal((await send(ROUTE, { method: 'POST', body: message(extra), from })).status, 201);
  }
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await request(admin, 'export-personal-data.php', EMAIL);
    const answers = [];
    admin.on('response', async (r) => {
      if (r.url().includes('admin-ajax.php') && r.request().postData()?.includes('wp-privacy-export-personal-data')) answers.push(await r.json().catch(() => null));
    });
    const state = await run(admin, 'export-personal-data');
    assert.equal(state, 'success', JSON.stringify(answers));
    assert.ok(answers.length > 0 && answers.every((a) => a?.success), JSON.stringify(answers));
  } finally {
    await admin.leave();
  }
  const folder = join(site.www, 'wp-content/uploads/wp-personal-data-exports');
  const [zip] = readdirSync(folder).filter((f) => f.endsWith('.zip'));
  assert.ok(zip, 'WordPress made the export file');
  const report = execFileSync('unzip', ['-p', join(folder, zip), 'index.html'], { encoding: 'utf8' });
  assert.match(report, /Contact messages/);
  assert.match(report, /My asylum interview is next week\./);
  assert.match(report, /Sent too fast &lt;b&gt;but real&lt;\/b&gt;\./, 'possible spam is theirs too, shown as text');
  assert.doesNotMatch(report, /Not Noor/);
});

test("Tools → Erase Personal Data deletes a visitor's messages, and no one else's", async () => {
  assert.equal(countFrom(EMAIL), 2);
  const others = countFrom('someone.else@example.test');
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await request(admin, 'erase-personal-data.php', EMAIL);
    assert.equal(await run(admin, 'remove-personal-data'), 'success');
  } finally {
    await admin.leave();
  }
  assert.equal(countFrom(EMAIL), 0, 'their messages are gone');
  assert.equal(site.sql(`SELECT COUNT(*) FROM wp_postmeta WHERE meta_key LIKE '\\_firm\\_%' AND post_id NOT IN (SELECT ID FROM wp_posts)`)[0][0], '0', 'with their details');
  assert.equal(countFrom('someone.else@example.test'), others);
});

test('the privacy policy guide says what the plugin keeps, where and for how long', async () => {
  php(`$o = get_option('firm_widgets'); $o['retention_days'] = 90; update_option('firm_widgets', $o); return true;`);
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await admin.goto(`${site.url}/wp-admin/options-privacy.php?tab=policyguide`);
    const guide = await admin.$eval('#wpbody-content', (el) => el.textContent.replace(/\s+/g, ' '));
    assert.match(guide, /Firm Widgets/);
    assert.match(guide, /When you send a message through the contact form, we keep/);
    assert.match(guide, /Messages are deleted 90 days after they arrive\./);
  } finally {
    await admin.leave();
  }
});

test('retention deletes messages and possible spam older than the setting, and keeps newer ones', async () => {
  const ids = {};
  for (const [key, extra] of [
    ['oldMessage', { name: 'Old Message' }],
    ['newMessage', { name: 'New Message' }],
    ['oldSpam', { name: 'Old Spam', firm_hp: 'x' }],
    ['newSpam', { name: 'New Spam', firm_hp: 'x' }],
  ]) {
    ids[key] = (await send(ROUTE, { method: 'POST', body: message({ email: `${key}@example.test`, ...extra }), from: '127.0.0.93' })).json.id;
  }
  site.sql(`UPDATE wp_posts SET post_date = NOW() - INTERVAL 40 DAY, post_date_gmt = UTC_TIMESTAMP() - INTERVAL 40 DAY WHERE ID IN (${ids.oldMessage}, ${ids.oldSpam})`);
  const saved = php(`return get_option('firm_widgets');`);
  try {
    assert.ok(php(`return wp_next_scheduled('firm_widgets_retention');`) > 0, 'a daily event is scheduled');
    php(`$o = get_option('firm_widgets'); $o['retention_days'] = 30; $o['spam_retention_days'] = 0; update_option('firm_widgets', $o); return true;`);
    assert.equal(php(`return firm_widgets_apply_retention();`), 1, 'possible spam is kept while its setting is 0');
    php(`$o = get_option('firm_widgets'); $o['spam_retention_days'] = 30; update_option('firm_widgets', $o); return true;`);
    // The scheduled event's own hook, as WP-Cron runs it.
    php(`do_action('firm_widgets_retention'); return true;`);
    const left = site.sql(`SELECT ID FROM wp_posts WHERE ID IN (${Object.values(ids).join(',')}) ORDER BY ID`).map((r) => Number(r[0]));
    assert.deepEqual(left, [ids.newMessage, ids.newSpam]);
  } finally {
    php(`update_option('firm_widgets', $input); return true;`, saved);
  }
});

/**
 * `count` messages from `email`, stored straight into the database (as a busy site's years of
 * messages would be), `daysOld` days old. Resolves to their ids.
 */
function storeMessages(count, { email, daysOld = 0, status = 'private' }) {
  const mark = `bulk-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  site.sql(`INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type)
    SELECT 0, NOW() - INTERVAL ${daysOld} DAY, UTC_TIMESTAMP() - INTERVAL ${daysOld} DAY, 'A message.', '${mark}', '', '${status}', 'closed', 'closed', CONCAT('${mark}-', seq), '', '', NOW(), UTC_TIMESTAMP(), '', 'firm_message' FROM seq_1_to_${count}`);
  site.sql(`INSERT INTO wp_postmeta (post_id, meta_key, meta_value) SELECT ID, '_firm_email', '${email}' FROM wp_posts WHERE post_title = '${mark}'`);
  return site.sql(`SELECT ID FROM wp_posts WHERE post_title = '${mark}' ORDER BY ID`).map((r) => Number(r[0]));
}

/**
 * Calls the plugin's eraser as WordPress does (page 1, 2, … until it says `done`), at most `calls`
 * times, with the messages `failing` refusing to be deleted (as a plugin hooked to pre_delete_post
 * may refuse). Returns each call's answer.
 */
function erase(email, failing, calls = 12) {
  return php(
    `add_filter('pre_delete_post', function ($no, $post) use ($input) { return in_array($post->ID, $input['failing'], true) ? false : $no; }, 10, 2);
     $erasers = apply_filters('wp_privacy_personal_data_erasers', array());
     $answers = array();
     for ($page = 1; $page <= $input['calls']; $page++) {
       $answers[] = $answer = call_user_func($erasers['firm-widgets-messages']['callback'], $input['email'], $page);
       if ($answer['done']) break;
     }
     return $answers;`,
    { email, failing, calls },
  );
}

test('the eraser says which messages it could not delete, and ends even when a whole page of them fails', async () => {
  const few = storeMessages(3, { email: 'few.failing@example.test' });
  let answers = erase('few.failing@example.test', [few[1]]);
  assert.equal(answers.length, 1);
  assert.deepEqual(answers[0], {
    items_removed: true,
    items_retained: true,
    messages: [`Contact message ${few[1]} could not be deleted. Please delete it under Messages.`],
    done: true,
  });
  assert.equal(countFrom('few.failing@example.test'), 1, 'the two others are gone');

  // More than a page (50) that cannot be deleted: WordPress would call again for ever while `done` is false.
  const many = storeMessages(130, { email: 'many.failing@example.test' });
  const failing = many.slice(0, 60);
  answers = erase('many.failing@example.test', failing);
  assert.ok(answers.at(-1).done, `done after ${answers.length} calls`);
  assert.ok(answers.length <= 4, `${answers.length} calls for 130 messages, 50 a call`);
  const reported = answers.flatMap((a) => a.messages);
  assert.equal(reported.length, 60, 'each message kept is reported once');
  assert.deepEqual(reported.map((m) => Number(m.match(/\d+/)[0])).sort((a, b) => a - b), failing);
  assert.ok(answers.some((a) => a.items_retained) && answers.some((a) => a.items_removed));
  assert.equal(countFrom('many.failing@example.test'), 60, 'every other message is gone');
});

test('retention clears a backlog of a few hundred old messages, a minute apart while more remain', async () => {
  const saved = php(`return get_option('firm_widgets');`);
  try {
    php(`$o = get_option('firm_widgets'); $o['retention_days'] = 30; $o['spam_retention_days'] = 30; update_option('firm_widgets', $o); return true;`);
    const old = storeMessages(450, { email: 'backlog@example.test', daysOld: 400 });
    const recent = storeMessages(5, { email: 'backlog@example.test', daysOld: 2 });
    // One run, as WP-Cron runs it, and the follow-up runs it schedules (if the machine is slow).
    php(`do_action('firm_widgets_retention'); return true;`);
    for (let run = 0; run < 10 && php(`return wp_next_scheduled('firm_widgets_retention_backlog');`); run++) {
      php(`wp_unschedule_hook('firm_widgets_retention_backlog'); do_action('firm_widgets_retention_backlog'); return true;`);
    }
    assert.equal(Number(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE ID IN (${old.join(',')})`)[0][0]), 0, 'the whole backlog is gone');
    assert.equal(Number(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE ID IN (${recent.join(',')})`)[0][0]), 5, 'newer messages stay');
    assert.equal(php(`return wp_next_scheduled('firm_widgets_retention_backlog');`), false, 'nothing left to do');

    // When a run's time is up (here at once), it stops after a batch and comes back a minute later.
    const more = storeMessages(450, { email: 'backlog@example.test', daysOld: 400 });
    const gone = php(`add_filter('firm_widgets_retention_seconds', '__return_zero'); return firm_widgets_apply_retention();`);
    assert.equal(gone, 200, 'one batch');
    const next = php(`return wp_next_scheduled('firm_widgets_retention_backlog') - time();`);
    assert.ok(next > 0 && next <= 60, `the next run in ${next} s`);
    php(`wp_unschedule_hook('firm_widgets_retention_backlog'); return true;`);
    assert.equal(Number(site.sql(`SELECT COUNT(*) FROM wp_posts WHERE ID IN (${more.join(',')})`)[0][0]), 250);
  } finally {
    php(`update_option('firm_widgets', $input); return true;`, saved);
  }
});
