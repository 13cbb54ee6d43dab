// The plugin's block patterns, and its blocks in a block theme's template (as the Site Editor
// saves one): each prints the real elements on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, send, launch, visit, php } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('three patterns in a "Firm Widgets" category, each made of the blocks', () => {
  const patterns = php(`
    $out = array();
    foreach (WP_Block_Patterns_Registry::get_instance()->get_all_registered() as $p) {
      if (0 === strpos($p['name'], 'firm-widgets/')) {
        preg_match_all('#<!-- wp:(firm-widgets/[a-z-]+)#', $p['content'], $m);
        $blocks = array_values(array_unique($m[1]));
        $out[$p['name']] = array('title' => $p['title'], 'categories' => $p['categories'], 'blocks' => $blocks);
      }
    }
    ksort($out);
    return $out;`);
  assert.deepEqual(patterns, {
    'firm-widgets/after-post': { title: 'After the post', categories: ['firm-widgets'], blocks: ['firm-widgets/author-bio', 'firm-widgets/comments'] },
    'firm-widgets/contact-page': { title: 'Contact page', categories: ['firm-widgets'], blocks: ['firm-widgets/contact-form', 'firm-widgets/contact-card', 'firm-widgets/office-hours'] },
    'firm-widgets/contact-section': {
      title: 'Contact section',
      categories: ['firm-widgets'],
      blocks: ['firm-widgets/contact-card', 'firm-widgets/office-hours', 'firm-widgets/language-badge'],
    },
  });
});

test('a pattern inserted in a page shows its elements working', async () => {
  const id = php(
    `$p = WP_Block_Patterns_Registry::get_instance()->get_registered('firm-widgets/contact-page');
     return wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Pattern page', 'post_content' => $p['content']), true);`,
  );
  const visitor = await visit(browser, `/?page_id=${id}`);
  try {
    const tags = ['firm-contact-form', 'firm-contact-card', 'firm-office-hours'];
    await visitor.waitForFunction((list) => list.every((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.childElementCount), {}, tags);
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
});

test("the blocks in a block theme's single-post template (Site Editor) show on every post, the comments block for each post", async () => {
  const theme = php(`return get_stylesheet();`);
  assert.equal(theme, 'twentytwentythree');
  // What the Site Editor saves: the theme's single template, customized, as a wp_template post.
  const template = php(
    `$t = get_block_template(get_stylesheet() . '//single');
     $content = str_replace('<!-- wp:post-content', '<!-- wp:firm-widgets/office-hours {"layout":"status"} /-->' . "\\n" . '<!-- wp:post-content', $t->content) . "\\n" . '<!-- wp:firm-widgets/comments /-->';
     $id = wp_insert_post(array('post_type' => 'wp_template', 'post_status' => 'publish', 'post_name' => 'single', 'post_title' => 'Single', 'post_content' => $content, 'tax_input' => array('wp_theme' => array(get_stylesheet()))), true);
     wp_set_post_terms($id, get_stylesheet(), 'wp_theme');
     return $id;`,
  );
  try {
    for (const post of [site.posts.article, site.posts.second]) {
      const html = (await send(`${site.url}/?p=${post}`)).body;
      assert.match(html, /<firm-office-hours class="wp-block-firm-widgets-office-hours" layout="status">/);
      assert.ok(html.includes(`<firm-comments source="wordpress" endpoint="${site.url}/" post-id="${post}" class="wp-block-firm-widgets-comments">`), `post ${post}: its own comments`);
    }
  } finally {
    php(`wp_delete_post($input, true); return true;`, template);
  }
});
