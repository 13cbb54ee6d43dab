/* global wp -- the block editor's global, inside page.evaluate() callbacks */
// The blocks in the real block editor: found in the inserter under "Firm Widgets", set in the
// sidebar, previewed as the real element, published, and working on the page; render.php prints
// what the shortcode prints, with the same attribute rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { site, send, rest, person, launch, visit, login, php, sleep } from './helpers.mjs';

// FIRM_WP_SCREENSHOTS=<folder>: also save readme.txt's screenshots of the real blocks there
// (wordpress/wporg-assets holds the published ones).
const SHOTS = process.env.FIRM_WP_SCREENSHOTS;
if (SHOTS) (await import('../fonts.mjs')).ensureBadgeFonts();

const BLOCKS = [
  ['Contact card', 'firm-contact-card'],
  ['Office hours', 'firm-office-hours'],
  ['Language badge', 'firm-language-badge'],
  ['Call button', 'firm-call-button'],
  ['Author bio', 'firm-author-bio'],
  ['Contact form', 'firm-contact-form'],
  ['Comments', 'firm-comments'],
];

let browser;
before(async () => {
  browser = await launch();
  php(`$o = get_option('firm_widgets'); $o['replace_comments'] = false; update_option('firm_widgets', $o); return true;`);
});
after(async () => {
  await browser?.close();
});

/** The frame the blocks are drawn in: the editor's iframe where there is one (6.3+), else the page. */
async function canvas(page) {
  const frame = page.frames().find((f) => f.name() === 'editor-canvas');
  return frame ?? page.mainFrame();
}

/** Opens the inserter, searches for `title`, picks the block from the "Firm Widgets" results. */
async function insert(page, title) {
  const toggle = 'button.edit-post-header-toolbar__inserter-toggle, button.editor-document-tools__inserter-toggle';
  if (!(await page.$('.block-editor-inserter__menu'))) await page.click(toggle);
  const search = '.block-editor-inserter__menu input[type="search"]';
  await page.locator(search).fill(title);
  const slug = title.toLowerCase().replace(/ /g, '-');
  // Ours, not WordPress's own block of the same title (Comments).
  const item = `.block-editor-inserter__menu .editor-block-list-item-firm-widgets-${slug}`;
  await page.waitForFunction((sel, t) => document.querySelector(sel)?.textContent.trim() === t, {}, item, title);
  // The results are drawn again as the search settles: a locator clicks the one that stays.
  await page.locator(item).click();
  await page.waitForFunction((s) => wp.data.select('core/block-editor').getSelectedBlock()?.name === `firm-widgets/${s}`, {}, slug);
}

/** The sidebar control labelled `label` for the selected block; the sidebar opened as a person would. */
async function field(page, label) {
  if (!(await page.$('.block-editor-block-inspector'))) await page.click('.interface-pinned-items button[aria-label="Settings"]');
  const handle = await page.waitForFunction(
    (l) => {
      const found = [...document.querySelectorAll('.block-editor-block-inspector label')].find((x) => x.textContent.trim() === l);
      return found && document.getElementById(found.htmlFor);
    },
    {},
    label,
  );
  return handle.asElement();
}

test('each block is in the inserter under "Firm Widgets", set in the sidebar, previewed as the real element, and works once published', async () => {
  const editor = await login(browser, site.admin.login, site.admin.password);
  let id;
  try {
    // A desktop's window: on a small one the editor hides its sidebar.
    await editor.setViewport({ width: 1400, height: 1000 });
    await editor.goto(`${site.url}/wp-admin/post-new.php`);
    await editor.waitForFunction(() => window.wp?.data?.select('core/block-editor') && wp.blocks.getBlockType('firm-widgets/comments'), { timeout: 30000 });
    // The welcome guide is for people; it would cover the editor.
    await editor.evaluate(() => {
      const preferences = wp.data.dispatch('core/preferences');
      if (preferences?.set) preferences.set('core/edit-post', 'welcomeGuide', false);
      else if (wp.data.select('core/edit-post').isFeatureActive('welcomeGuide')) wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
    });
    const categories = await editor.evaluate(() => wp.blocks.getBlockTypes().filter((b) => b.category === 'firm-widgets').map((b) => b.title).sort());
    assert.deepEqual(categories, BLOCKS.map(([t]) => t).sort(), 'seven blocks in the Firm Widgets category');
    const title = await (await canvas(editor)).waitForSelector('.editor-post-title__input, .wp-block-post-title');
    await title.click();
    await editor.keyboard.type('Contact us (blocks)');

    for (const [name] of BLOCKS) {
      await insert(editor, name);
      if (name === 'Office hours') {
        await (await field(editor, 'Layout')).select('today');
        const hours = await field(editor, 'Office hours');
        await hours.type('Mo-Fr 09:00-17:00; Mx 10:00-14:00');
        // The settings page's check, with its words.
        await editor.waitForFunction(() => /These hours do not read: rule 2: unknown day 'Mx'/.test(document.querySelector('.block-editor-block-inspector').textContent), { timeout: 10000 });
        await hours.click({ clickCount: 3 });
        await editor.keyboard.press('Backspace');
      }
      if (name === 'Call button') await (await field(editor, 'Show on')).select('always');
    }

    // The previews are the real elements, upgraded, with the site's details.
    const frame = await canvas(editor);
    await frame.waitForFunction(
      (tags) => tags.every((t) => customElements.get(t) && document.querySelector(`.wp-block ${t}`)?.shadowRoot?.childElementCount),
      { timeout: 20000 },
      BLOCKS.map(([, t]) => t),
    );
    const preview = await frame.$eval('.wp-block firm-office-hours', (el) => ({ layout: el.getAttribute('layout'), text: el.shadowRoot.textContent }));
    assert.equal(preview.layout, 'today');
    // Any of the three, by the hour the test runs at ("Closing soon" in the minutes before closing).
    assert.match(preview.text, /Open now|Closing soon|Closed/, 'the live status, from the settings\' hours');
    assert.match(await frame.$eval('.wp-block firm-contact-card', (el) => el.shadowRoot.textContent), /818-788-8900/);
    if (SHOTS) {
      await editor.evaluate(() => {
        const block = wp.data.select('core/block-editor').getBlocks().find((b) => b.name === 'firm-widgets/office-hours');
        wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      });
      await frame.$eval('.wp-block firm-contact-card', (el) => el.scrollIntoView());
      await sleep(500);
      await editor.screenshot({ path: join(SHOTS, 'screenshot-1.png') });
    }

    await editor.click('.editor-post-publish-panel__toggle, .editor-post-publish-button__button');
    const confirm = await editor.waitForSelector('.editor-post-publish-panel__header-publish-button button:not([aria-disabled="true"])');
    await confirm.click();
    await editor.waitForFunction(() => wp.data.select('core/editor').isCurrentPostPublished() && !wp.data.select('core/editor').isSavingPost(), { timeout: 20000 });
    id = await editor.evaluate(() => wp.data.select('core/editor').getCurrentPostId());
    // The hours typed half-way (and the wrong ones on purpose) are warned about by the preview, as on any page.
    // The welcome guide's picture comes from WordPress.org, which the test machine cannot reach;
    // the inserter's block previews load styles in frames it drops again (requests "aborted").
    // WordPress 7.1 also drops blob: URLs it made, and warns about its own styles in the iframe.
    const noise = /s\.w\.org|ERR_NAME_NOT_RESOLVED|\.css\S* net::ERR_ABORTED|load-styles\.php\S* net::ERR_ABORTED|GET blob:\S+ net::ERR_ABORTED|^warn: (?!.*firm-widgets).*was added to the iframe incorrectly/;
    const problems = editor.problems.filter((p) => !/^warn(ing)?: <?firm-office-hours>?.*hours/.test(p) && !noise.test(p));
    assert.deepEqual(problems, [], 'no console error in the editor');
  } finally {
    await editor.leave();
  }

  const html = (await send(`${site.url}/?p=${id}`)).body;
  assert.match(html, /<firm-office-hours class="wp-block-firm-widgets-office-hours" layout="today">/);
  assert.match(html, /<firm-call-button class="wp-block-firm-widgets-call-button" show-on="always">/);
  assert.ok(html.includes(`<firm-comments source="wordpress" endpoint="${site.url}/" post-id="${id}" class="wp-block-firm-widgets-comments">`), 'the comments block takes the current post');
  assert.match(html, /<firm-author-bio name="Ana Reyes"/, "the author bio block takes the post's author");
  const visitor = await visit(browser, `/?p=${id}`);
  try {
    const tags = BLOCKS.map(([, t]) => t);
    await visitor.$eval('firm-comments', (el) => el.scrollIntoView());
    await visitor.waitForFunction((list) => list.every((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.childElementCount), { timeout: 20000 }, tags);
    assert.match(await visitor.$eval('firm-office-hours', (el) => el.shadowRoot.textContent), /Open now|Closing soon|Closed/);
    // Each block sits in the content column, the badge too (an inline element on its own).
    const lefts = await visitor.$$eval('firm-contact-card, firm-language-badge, firm-author-bio', (els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
    assert.equal(new Set(lefts).size, 1, `left edges ${lefts}`);
    if (SHOTS) {
      await visitor.setViewport({ width: 1000, height: 800 });
      await visitor.evaluate(() => window.scrollTo(0, 0));
      await sleep(500);
      // From the top of the page to the end of the contact form.
      const bottom = await visitor.$eval('firm-contact-form', (el) => el.getBoundingClientRect().bottom + window.scrollY + 24);
      await visitor.screenshot({ path: join(SHOTS, 'screenshot-2.png'), clip: { x: 0, y: 0, width: 1000, height: Math.ceil(bottom) } });
    }
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
  // The comments block opens the post to anonymous comments through the REST API, as the shortcode does.
  const comment = await send(rest('/wp/v2/comments'), {
    method: 'POST',
    body: { post: id, author_name: 'Block Reader', author_email: 'block.reader@example.test', content: 'Posted under the comments block.', ...person },
    from: '127.0.0.80',
  });
  assert.equal(comment.status, 201, comment.body);
});

test('render.php prints what the shortcode prints, and keeps the same rules for authors', async () => {
  const admin = site.admin.id;
  const author = php(`$u = get_user_by('login', 'blockauthor'); return $u ? $u->ID : wp_insert_user(array('user_login' => 'blockauthor', 'user_pass' => wp_generate_password(), 'role' => 'author'));`);
  const render = (author_id, block, shortcode) =>
    php(
      `$id = wp_insert_post(array('post_title' => 'Parity', 'post_status' => 'publish', 'post_author' => $input[0], 'post_content' => $input[1] . "\\n\\n" . $input[2]));
       $GLOBALS['post'] = get_post($id); setup_postdata($GLOBALS['post']);
       return array(do_blocks($input[1]), do_shortcode($input[2]));`,
      [author_id, block, shortcode],
    );
  const strip = (html) => html.replace(/ class="[^"]*"/, '');
  const hostile = `{"source":"rest","endpoint":"https://attacker.example/collect","topics":"Visas; Asylum","onclick":"alert(1)","style":"color:red"}`;
  const [fromAuthor, fromAuthorShortcode] = render(author, `<!-- wp:firm-widgets/contact-form ${hostile} /-->`, '[firm_contact_form source="rest" endpoint="https://attacker.example/collect" topics="Visas; Asylum" onclick="alert(1)" style="color:red"]');
  assert.equal(strip(fromAuthor), fromAuthorShortcode);
  assert.doesNotMatch(fromAuthor, /attacker|onclick|style=/);
  const [fromAdmin] = render(admin, `<!-- wp:firm-widgets/contact-form ${hostile} /-->`, '');
  assert.match(fromAdmin, /endpoint="https:\/\/attacker\.example\/collect"/, "an Administrator's block may name another address");
  const [hours, hoursShortcode] = render(admin, '<!-- wp:firm-widgets/office-hours {"layout":"status","hourCycle":"h23","closingSoon":30,"hours":"Mx 09:00-17:00"} /-->', '[firm_office_hours layout="status" hour-cycle="h23" closing-soon="30" hours="Mx 09:00-17:00"]');
  assert.equal(strip(hours), hoursShortcode);
  assert.match(hours, /^<firm-office-hours class="wp-block-firm-widgets-office-hours" layout="status" hour-cycle="h23" closing-soon="30">/, 'hours that do not read are left out');
  await sleep(0);
});

test("every block attribute is one its element takes (the renderer's allowlist)", () => {
  const stray = php(`
    $out = array();
    $allowed = firm_widgets_element_attributes();
    foreach (firm_widgets_blocks() as $name => $tag) {
      $type = WP_Block_Type_Registry::get_instance()->get_registered('firm-widgets/' . $name);
      foreach (array_keys($type->attributes) as $attribute) {
        $kebab = strtolower(preg_replace('/(?<!^)[A-Z]/', '-$0', $attribute));
        if (!isset($allowed[$tag][$kebab]) && !in_array($attribute, array('lang', 'className', 'align', 'lock', 'metadata', 'style'), true)) $out[] = "$name.$attribute";
      }
    }
    return $out;`);
  assert.deepEqual(stray, []);
});

test("the editor's preview of someone else's post: visitors' words go to the site, and no link but web, mail or phone", async () => {
  // A Contributor's post as stored (straight into the database: the save filter would take the
  // addresses away, and an older post may still hold them), opened by an Administrator, whose
  // browser runs the preview.
  const contributor = php(`$u = get_user_by('login', 'previewcontributor'); return $u ? $u->ID : wp_insert_user(array('user_login' => 'previewcontributor', 'user_pass' => wp_generate_password(), 'role' => 'contributor'));`);
  const id = php(`return wp_insert_post(array('post_title' => 'Preview', 'post_status' => 'pending', 'post_author' => $input, 'post_content' => 'placeholder'));`, contributor);
  const content = [
    '<!-- wp:firm-widgets/contact-form {"source":"rest","endpoint":"https://attacker.example/collect","to":"collect@attacker.example","keepDrafts":"device","keep-drafts":"device","onclick":"alert(1)"} /-->',
    '<!-- wp:firm-widgets/language-badge {"languages":"es","href":" JaVaScRiPt:alert(1)"} /-->',
    '<!-- wp:firm-widgets/call-button {"showOn":"always","position":"inline","messageHref":"data:text/html,hi"} /-->',
    '<!-- wp:firm-widgets/contact-card {"ctaHref":"mailto:office@example.test","map-href":"javascript:alert(2)"} /-->',
  ].join('\n\n');
  site.sql(`UPDATE wp_posts SET post_content = '${content.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' WHERE ID = ${id}`);
  php(`clean_post_cache($input); return true;`, id);
  const editor = await login(browser, site.admin.login, site.admin.password);
  try {
    await editor.setViewport({ width: 1400, height: 1000 });
    await editor.goto(`${site.url}/wp-admin/post.php?post=${id}&action=edit`);
    await editor.waitForFunction(() => window.wp?.data?.select('core/block-editor')?.getBlocks().length === 4, { timeout: 30000 });
    const frame = await canvas(editor);
    const tags = ['firm-contact-form', 'firm-language-badge', 'firm-call-button', 'firm-contact-card'];
    await frame.waitForFunction((list) => list.every((t) => document.querySelector(`.wp-block ${t}`)), { timeout: 20000 }, tags);
    const found = await frame.$$eval(tags.map((t) => `.wp-block ${t}`).join(', '), (els) =>
      Object.fromEntries(
        els.map((el) => [
          el.localName,
          {
            attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
            // The links the upgraded element draws, in its shadow root.
            links: [...(el.shadowRoot?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href')),
          },
        ]),
      ),
    );
    assert.deepEqual(found['firm-contact-form'].attributes, { source: 'wordpress', endpoint: `${site.url}/` }, 'the site, whoever opens the post');
    for (const tag of tags) {
      const { attributes, links } = found[tag];
      assert.ok(!('onclick' in attributes), `${tag}: no handler`);
      for (const value of Object.values(attributes)) assert.doesNotMatch(value, /javascript:|data:|attacker/i, `${tag}: ${JSON.stringify(attributes)}`);
      // (The card's own "Save contact" link is a data: URL it makes itself.)
      for (const href of links) assert.doesNotMatch(href, /javascript:|attacker/i, `${tag}: ${links}`);
    }
    assert.equal(found['firm-language-badge'].attributes.languages, 'es');
    assert.equal(found['firm-call-button'].attributes['show-on'], 'always');
    assert.equal(found['firm-contact-card'].attributes['cta-href'], 'mailto:office@example.test', 'a mail link stays');
  } finally {
    await editor.leave();
  }
});
