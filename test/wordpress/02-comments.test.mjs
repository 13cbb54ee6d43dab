// Comments on the real site: anonymous REST comments only where <firm-comments> is shown and
// WordPress allows anonymous comments, WordPress's own checks on each, the spam guard checked by
// the plugin, the theme's comment form replaced, and <firm-comments> driven as a visitor would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, send, rest, person, launch, visit, php, sleep } from './helpers.mjs';

const ROUTE = rest('/wp/v2/comments');
let browser;
before(async () => {
  browser = await launch();
  php(`$o = get_option('firm_widgets'); $o['replace_comments'] = true; update_option('firm_widgets', $o); return true;`);
});
after(async () => {
  await browser?.close();
});

/** A comment row straight from MariaDB: [approved, content, spam reason]. */
function row(id) {
  const [r] = site.sql(`SELECT comment_approved, comment_content, (SELECT meta_value FROM wp_commentmeta WHERE comment_id = ${Number(id)} AND meta_key = '_firm_spam') FROM wp_comments WHERE comment_ID = ${Number(id)}`);
  return r && { approved: r[0], content: r[1], spam: r[2] === 'NULL' ? null : r[2] };
}

const comment = (extra = {}) => ({
  post: site.posts.second,
  author_name: 'Lena Park',
  author_email: 'lena.park@example.test',
  content: 'Does the U visa cap still apply this year?',
  ...person,
  ...extra,
});

test('an anonymous REST comment is accepted and held for moderation', async () => {
  const res = await send(ROUTE, { method: 'POST', body: comment(), from: '127.0.0.30' });
  assert.equal(res.status, 201, res.body);
  assert.equal(res.json.status, 'hold');
  assert.deepEqual(row(res.json.id), { approved: '0', content: 'Does the U visa cap still apply this year?', spam: null });
});

test('not when Settings → Discussion asks commenters to log in', async () => {
  php(`update_option('comment_registration', 1); return true;`);
  try {
    const res = await send(ROUTE, { method: 'POST', body: comment({ content: 'Registration required?' }), from: '127.0.0.31' });
    assert.equal(res.status, 401);
    assert.equal(res.json.code, 'rest_comment_login_required');
  } finally {
    php(`update_option('comment_registration', 0); return true;`);
  }
});

test('a closed post answers rest_comment_closed, the reason the element shows', async () => {
  const res = await send(ROUTE, { method: 'POST', body: comment({ post: site.posts.closed }), from: '127.0.0.32' });
  assert.equal(res.status, 403);
  assert.equal(res.json.code, 'rest_comment_closed');
});

const setReplace = (on) => php(`$o = get_option('firm_widgets'); $o['replace_comments'] = $input; update_option('firm_widgets', $o); return true;`, on);
const newPost = (content, extra = {}) =>
  php(`return wp_insert_post(array_merge(array('post_type' => 'post', 'post_status' => 'publish', 'post_title' => 'Comments test', 'post_content' => $input[0], 'comment_status' => 'open'), $input[1]), true);`, [content, extra]);

test('with the comment-form replacement off, anonymous REST comments only for posts that show <firm-comments>', async () => {
  setReplace(false);
  try {
    // Stock WordPress: no anonymous comments through the REST API.
    const stock = await send(ROUTE, { method: 'POST', body: comment({ author_email: 'stock@example.test', content: 'Through the API?' }), from: '127.0.0.38' });
    assert.equal(stock.status, 401, stock.body);
    assert.equal(stock.json.code, 'rest_comment_login_required');
    assert.equal(site.sql(`SELECT COUNT(*) FROM wp_comments WHERE comment_author_email = 'stock@example.test'`)[0][0], '0');

    const shown = newPost('<p>Questions welcome.</p>\n[firm_comments]');
    const own = await send(ROUTE, { method: 'POST', body: comment({ post: shown, author_email: 'own@example.test', content: 'On a post with the element.' }), from: '127.0.0.39' });
    assert.equal(own.status, 201, own.body);
    assert.ok((await send(`${site.url}/?p=${shown}`)).body.includes('firm-comments:not(:defined)'), "the post's own [firm_comments] keeps its room from the head");

    // A published page that shows another post's comments opens that post, and only that one.
    const target = newPost('<p>No element here.</p>');
    const other = newPost('<p>Nor here.</p>');
    newPost(`[firm_comments post-id="${target}"]`, { post_type: 'page' });
    newPost(`[firm_comments post-id="${other}"]`, { post_type: 'page', post_status: 'draft' });
    const elsewhere = await send(ROUTE, { method: 'POST', body: comment({ post: target, author_email: 'else@example.test', content: 'Shown on another page.' }), from: '127.0.0.40' });
    assert.equal(elsewhere.status, 201, elsewhere.body);
    const draft = await send(ROUTE, { method: 'POST', body: comment({ post: other, author_email: 'draft@example.test', content: 'Only a draft shows it.' }), from: '127.0.0.41' });
    assert.equal(draft.status, 401, 'a draft shows nothing to visitors');
  } finally {
    setReplace(true);
  }
});

test('whether a post\'s comments are shown elsewhere is one indexed look-up, not a search through every post', async () => {
  setReplace(false);
  try {
    // Saved before the index existed (straight into the database, no save hook): found once, by
    // the one search the first anonymous comment makes.
    const target = newPost('<p>No element here.</p>');
    const blockTarget = newPost('<p>Nor here.</p>');
    const old = newPost('<p>placeholder</p>', { post_type: 'page' });
    site.sql(`UPDATE wp_posts SET post_content = '[firm_comments post-id="${target}"]' WHERE ID = ${old}`);
    php(`delete_post_meta($input, '_firm_widgets_shows_comments_of'); delete_option('firm_widgets_comments_indexed'); clean_post_cache($input); return true;`, old);
    const first = await send(ROUTE, { method: 'POST', body: comment({ post: target, author_email: 'indexed@example.test', content: 'Found by the one search.' }), from: '127.0.0.42' });
    assert.equal(first.status, 201, first.body);
    // A comments block naming the post, saved as usual.
    newPost(`<!-- wp:firm-widgets/comments {"postId":${blockTarget}} /-->`, { post_type: 'page' });
    const nowhere = newPost('<p>Shown nowhere.</p>');
    const queries = php(
      `$seen = array();
       firm_widgets_shows_comments(get_post($input[2])); // the block theme's templates, read once
       add_filter('query', function ($q) use (&$seen) { $seen[] = $q; return $q; });
       $answers = array_map(function ($id) { return firm_widgets_shows_comments(get_post($id)); }, $input);
       return array('answers' => $answers, 'seen' => $seen, 'theme' => wp_is_block_theme());`,
      [target, blockTarget, nowhere],
    );
    assert.deepEqual(queries.answers, [true, true, false]);
    const searches = queries.seen.filter((q) => /post_content\s+LIKE/i.test(q));
    assert.deepEqual(searches, [], 'no search through the posts\' content');
    assert.ok(queries.theme, 'a block theme, whose templates could show the comments block');
    assert.deepEqual(queries.seen.filter((q) => /wp_template/.test(q)), [], 'the templates are not read again');
  } finally {
    setReplace(true);
  }
});

test("WordPress's duplicate and flood checks still apply", async () => {
  const first = await send(ROUTE, { method: 'POST', body: comment({ author_email: 'dup@example.test', content: 'Same words twice.' }), from: '127.0.0.33' });
  assert.equal(first.status, 201);
  const again = await send(ROUTE, { method: 'POST', body: comment({ author_email: 'dup@example.test', content: 'Same words twice.' }), from: '127.0.0.33' });
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'comment_duplicate');
  const quick = await send(ROUTE, { method: 'POST', body: comment({ author_email: 'dup@example.test', content: 'And a second thought right away.' }), from: '127.0.0.33' });
  assert.equal(quick.status, 400);
  assert.equal(quick.json.code, 'comment_flood');
});

test("WordPress's blocklist still applies", async () => {
  php(`update_option('disallowed_keys', 'cheap-pills-xyz'); return true;`);
  try {
    const res = await send(ROUTE, { method: 'POST', body: comment({ author_email: 'block@example.test', content: 'Buy cheap-pills-xyz now' }), from: '127.0.0.34' });
    assert.equal(res.status, 201);
    assert.equal(row(res.json.id).approved, 'trash', 'WordPress 6.1 sends blocklisted comments to the trash');
  } finally {
    php(`update_option('disallowed_keys', ''); return true;`);
  }
});

test('the spam guard: honeypot, too fast or missing fields mark the comment as spam; the sender reads "hold"', async () => {
  const cases = [
    [{ firm_hp: 'http://spam.example' }, 'honeypot', '127.0.0.35'],
    [{ firm_elapsed: 400 }, 'too fast', '127.0.0.36'],
    [{ firm_hp: undefined, firm_elapsed: undefined }, 'no elapsed time', '127.0.0.37'],
  ];
  for (const [extra, reason, from] of cases) {
    const res = await send(ROUTE, { method: 'POST', body: comment({ ...extra, author_email: `${from}@example.test`, content: `Great post! ${reason}` }), from });
    assert.equal(res.status, 201, reason);
    assert.equal(res.json.status, 'hold', `${reason}: the bot is not told`);
    assert.deepEqual(row(res.json.id), { approved: 'spam', content: `Great post! ${reason}`, spam: reason });
  }
});

test('the theme\'s comment form is replaced by <firm-comments>, in the block theme and in a classic one', async () => {
  for (const theme of ['twentytwentythree', 'twentytwentyone']) {
    php(`switch_theme($input); return get_stylesheet();`, theme);
    try {
      const html = (await send(`${site.url}/?p=${site.posts.article}`)).body;
      assert.ok(html.includes(`<firm-comments source="wordpress" endpoint="${site.url}/" post-id="${site.posts.article}" class="firm-widgets-comments">`), `${theme}: the element is there`);
      assert.ok(!html.includes('id="commentform"'), `${theme}: the theme's form is gone`);
      assert.match(html, /<script type="module"[^>]*firm-widgets\.js/, `${theme}: the script is loaded`);
      // The room the list will fill is kept from the first paint (the module runs after it).
      const room = html.indexOf('firm-comments:not(:defined){display:block;min-height:100vh}');
      assert.ok(room > 0 && room < html.indexOf('</head>'), `${theme}: the comments' room is kept from the page's head`);
    } finally {
      php(`switch_theme('twentytwentythree'); return true;`);
    }
  }
  php(`$o = get_option('firm_widgets'); $o['replace_comments'] = false; update_option('firm_widgets', $o); return true;`);
  try {
    const html = (await send(`${site.url}/?p=${site.posts.article}`)).body;
    assert.ok(html.includes('id="commentform"'), 'with the option off, the theme keeps its own form');
    assert.ok(!html.includes('firm-widgets-comments-room'), 'and no room is kept for an element that is not there');
  } finally {
    php(`$o = get_option('firm_widgets'); $o['replace_comments'] = true; update_option('firm_widgets', $o); return true;`);
  }
});

// --- <firm-comments> in the browser. All from 127.0.0.1, so WordPress counts them as one commenter:
// the order below is the one a hurried visitor would produce.

const EL = 'firm-comments';

async function ready(page) {
  // The element loads its thread when it nears the viewport, as a reader scrolling down would.
  await page.$eval(EL, (el) => el.scrollIntoView());
  await page.waitForFunction((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.querySelector('textarea'), { timeout: 20000 }, EL);
  return page;
}

async function write(page, { name, email, text }) {
  await page.locator(`${EL} >>> input[autocomplete="name"]`).fill(name);
  await page.locator(`${EL} >>> input[type="email"]`).fill(email);
  await page.locator(`${EL} >>> textarea`).fill(text);
}

async function post(page) {
  await page.locator(`${EL} >>> form button:not([type="button"])`).click();
}

const text = (page) => page.$eval(EL, (el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));
const waitText = (page, re) => page.waitForFunction((t, src) => new RegExp(src, 'i').test(document.querySelector(t).shadowRoot.textContent), { timeout: 15000 }, EL, re.source);

let held;
test('<firm-comments>: an anonymous comment is stored as held and shown to its author as awaiting moderation', async () => {
  const page = await ready(await visit(browser, `/?p=${site.posts.article}`));
  try {
    await write(page, { name: 'Tomás Rivera', email: 'tomas@example.test', text: 'Thank you, this cleared up advance parole for me.' });
    await sleep(3200); // longer than the minimum time a person needs
    await post(page);
    await waitText(page, /awaiting moderation/);
    const [r] = site.sql(`SELECT comment_ID, comment_approved, comment_author, comment_post_ID FROM wp_comments WHERE comment_author_email = 'tomas@example.test'`);
    assert.ok(r, 'stored');
    held = r[0];
    assert.deepEqual(r.slice(1), ['0', 'Tomás Rivera', String(site.posts.article)]);

    // The same words again: WordPress's duplicate check, in the element's words.
    await write(page, { name: 'Tomás Rivera', email: 'tomas@example.test', text: 'Thank you, this cleared up advance parole for me.' });
    await post(page);
    await waitText(page, /already (said|posted|sent)|duplicate/);

    // Something new within 15 seconds: WordPress's flood check.
    await write(page, { name: 'Tomás Rivera', email: 'tomas@example.test', text: 'One more question about travel dates.' });
    await post(page);
    await waitText(page, /too (fast|quickly)|wait|slow down/);
    assert.equal(Number(site.sql(`SELECT COUNT(*) FROM wp_comments WHERE comment_author_email = 'tomas@example.test'`)[0][0]), 1, 'nothing else stored');
    // The 409 and 400 answers above are expected; nothing else may fail.
    assert.deepEqual(page.problems.filter((p) => !/status of 40\d|^HTTP 40\d: POST .*wp%2Fv2%2Fcomments|^HTTP 40\d: POST .*wp\/v2\/comments/.test(p)), []);
  } finally {
    await page.leave();
  }
});

test('<firm-comments>: approved, the comment shows for a new visitor', async () => {
  assert.ok(held, 'the comment from the test before');
  php(`return wp_set_comment_status((int) $input, 'approve');`, held);
  const page = await ready(await visit(browser, `/?p=${site.posts.article}`));
  try {
    await waitText(page, /cleared up advance parole/);
    const shown = await text(page);
    assert.match(shown, /Tomás Rivera/);
    assert.match(shown, /1 Comment/i);
    assert.doesNotMatch(shown, /awaiting moderation/i);
  } finally {
    await page.leave();
  }
});

test('<firm-comments>: a post whose comments were closed says so', async () => {
  const id = php(`return wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Cached page', 'post_content' => $input), true);`, `[firm_comments post-id="${site.posts.closed}"]`);
  const page = await ready(await visit(browser, `/?page_id=${id}`));
  try {
    await write(page, { name: 'Late Reader', email: 'late@example.test', text: 'Is this still open?' });
    await sleep(3200);
    await post(page);
    await waitText(page, /closed/);
    assert.equal(site.sql(`SELECT COUNT(*) FROM wp_comments WHERE comment_author_email = 'late@example.test'`)[0][0], '0');
  } finally {
    await page.leave();
  }
});
