// Deleting the plugin: settings and counters go; messages stay unless the owner asked otherwise.
// Runs last: it takes the plugin's settings away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, send, rest, person, php } from './helpers.mjs';

const count = (sql) => Number(site.sql(sql)[0][0]);
const messages = () => count(`SELECT COUNT(*) FROM wp_posts WHERE post_type = 'firm_message'`);
const uninstall = () => php(`require_once ABSPATH . 'wp-admin/includes/plugin.php'; uninstall_plugin('firm-widgets/firm-widgets.php'); return get_option('firm_widgets', 'gone');`);

test('uninstall removes the settings and rate counters but keeps the messages by default', async () => {
  const res = await send(rest('/firm-widgets/v1/messages'), {
    method: 'POST',
    from: '127.0.0.90',
    body: { name: 'Kept', email: 'kept@example.test', message: 'Keep me.', consent: true, ...person },
  });
  assert.equal(res.status, 201);
  const before = messages();
  assert.ok(count(`SELECT COUNT(*) FROM wp_options WHERE option_name LIKE '\\_transient\\_firm\\_rl\\_%'`) > 0, 'a rate counter exists');
  assert.equal(uninstall(), 'gone');
  assert.equal(count(`SELECT COUNT(*) FROM wp_options WHERE option_name LIKE '%firm\\_rl\\_%' OR option_name = 'firm_widgets'`), 0);
  assert.equal(count(`SELECT COUNT(*) FROM wp_options WHERE option_name LIKE 'firm\\_widgets%'`), 0, 'no option of ours');
  assert.equal(count(`SELECT COUNT(*) FROM wp_postmeta WHERE meta_key LIKE '\\_firm\\_widgets\\_%'`), 0, 'no note on posts');
  assert.equal(messages(), before, 'messages kept');
});

test('with "delete the stored messages" ticked, uninstall removes them and their details', () => {
  php(`update_option('firm_widgets', array('delete_messages' => true)); return true;`);
  assert.equal(uninstall(), 'gone');
  assert.equal(messages(), 0);
  assert.equal(count(`SELECT COUNT(*) FROM wp_postmeta WHERE meta_key LIKE '\\_firm\\_%' AND post_id NOT IN (SELECT ID FROM wp_posts)`), 0, 'no orphaned details');
});
