// The static checks run.mjs makes before the site starts (php/plugin-check.php) catch what they
// are meant to: each defect below, planted in a copy of the plugin, is named; the plugin itself
// passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './site.mjs';

const CHECK = join(ROOT, 'test/wordpress/php/plugin-check.php');
const check = (dir) => {
  try {
    execFileSync('php', [CHECK, dir], { encoding: 'utf8', stdio: 'pipe' });
    return [];
  } catch (e) {
    return e.stdout.trim().split('\n');
  }
};

test('the plugin passes its static checks', () => {
  assert.deepEqual(check(join(ROOT, 'wordpress/firm-widgets')), []);
});

test('each planted defect is named', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'firm-check-')), 'firm-widgets');
  try {
    cpSync(join(ROOT, 'wordpress/firm-widgets'), dir, { recursive: true });
    const edit = (file, from, to) => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.includes(from), `${file} has ${from}`);
      writeFileSync(path, text.replace(from, to));
    };
    edit('includes/hours.php', "defined( 'ABSPATH' ) || exit;", '');
    edit('uninstall.php', "defined( 'WP_UNINSTALL_PLUGIN' ) || exit;", "defined( 'ABSPATH' ) || exit;");
    edit('includes/settings.php', "'sanitize_callback' => 'firm_widgets_sanitize',", '');
    edit('includes/settings.php', "esc_html_e( 'Firm Widgets', 'firm-widgets' );", "esc_html_e( 'Firm Widgets', 'firm_widgets' ); _e( 'Hi', 'firm-widgets' );");
    edit('includes/messages.php', "echo esc_html( get_post_meta( $post_id, '_firm_language', true ) );", "echo get_post_meta( $post_id, '_firm_language', true );");
    edit('includes/privacy.php', 'wp_add_privacy_policy_content(', 'wp_add_privacy_policy_text(');
    edit('blocks/comments/block.json', '"textdomain": "firm-widgets"', '"textdomain": "default"');
    const found = check(dir).join('\n');
    for (const expected of [
      /includes\/hours\.php: the first statement must be defined\( 'ABSPATH' \) \|\| exit;/,
      /uninstall\.php: the first statement must be defined\( 'WP_UNINSTALL_PLUGIN' \) \|\| exit;/,
      /register_setting\(\) without a sanitize_callback/,
      /esc_html_e\(\): the text domain must be 'firm-widgets'/,
      /_e\(\) prints a translation unescaped/,
      /includes\/messages\.php:\d+: echoed without escaping: get_post_meta/,
      /no suggested privacy policy text/,
      /comments\/block\.json: textdomain must be firm-widgets/,
    ]) {
      assert.match(found, expected);
    }
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});
