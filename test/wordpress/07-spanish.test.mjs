/* global wp -- the block editor's global, inside page.evaluate() callbacks */
// With the site in Spanish, the plugin speaks Spanish: the settings page, the messages screens and
// the blocks (PHP strings from the .mo/.l10n.php, the editor's from the JSON), also for a Spanish
// locale the plugin has no file of its own for. The translation files are the current ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { site, send, rest, person, launch, login, php } from './helpers.mjs';
import { ROOT } from './site.mjs';

let browser;
before(async () => {
  browser = await launch();
  // WordPress offers (and saves) only site languages it has files for; this machine has none but
  // English. A catalogue holding only its header stands in for WordPress's own translation.
  const languages = join(site.www, 'wp-content/languages');
  mkdirSync(languages, { recursive: true });
  for (const locale of ['es_ES', 'es_MX']) writeFileSync(join(languages, `${locale}.mo`), headerOnlyMo(`Language: ${locale}\n`));
});
after(async () => {
  php(`update_option('WPLANG', ''); return true;`);
  await browser?.close();
});

/** A GNU .mo with one entry: the header (the empty original). */
function headerOnlyMo(header) {
  const translation = Buffer.from(header, 'utf8');
  const TABLES = 28;
  const DATA = TABLES + 16;
  const mo = Buffer.alloc(DATA + 1 + translation.length + 1);
  mo.writeUInt32LE(0x950412de, 0); // magic
  mo.writeUInt32LE(1, 8); // one string
  mo.writeUInt32LE(TABLES, 12); // originals table
  mo.writeUInt32LE(TABLES + 8, 16); // translations table
  mo.writeUInt32LE(0, TABLES); // original: length 0 …
  mo.writeUInt32LE(DATA, TABLES + 4); // … at DATA
  mo.writeUInt32LE(translation.length, TABLES + 8);
  mo.writeUInt32LE(DATA + 1, TABLES + 12);
  translation.copy(mo, DATA + 1);
  return mo;
}

test('the .pot and the Spanish files are up to date, and every string is translated', () => {
  const out = execFileSync(process.execPath, [join(ROOT, 'wordpress/i18n.mjs'), 'check'], { encoding: 'utf8' });
  assert.match(out, /translations up to date \(\d+ strings\)/);
});

for (const locale of ['es_ES', 'es_MX']) {
  test(`with the site in ${locale}: settings, messages and blocks in Spanish`, async () => {
    assert.equal(php(`update_option('WPLANG', $input); return get_option('WPLANG');`, locale), locale, 'WordPress takes the language');
    await send(rest('/firm-widgets/v1/messages'), { method: 'POST', body: { name: 'Spam Bot', email: 'bot@example.test', message: 'x', consent: true, ...person, firm_hp: 'x' }, from: '127.0.0.94' });
    const admin = await login(browser, site.admin.login, site.admin.password);
    try {
      await admin.goto(`${site.url}/wp-admin/options-general.php?page=firm-widgets`);
      const settings = await admin.$eval('.wrap', (el) => el.textContent.replace(/\s+/g, ' '));
      assert.match(settings, /Los datos del despacho, una sola vez\./);
      assert.match(settings, /Nombre del despacho/);
      assert.match(settings, /Proxy inverso de confianza/);

      await admin.goto(`${site.url}/wp-admin/edit.php?post_type=firm_message`);
      assert.match(await admin.$eval('#adminmenu', (el) => el.textContent), /Mensajes/);
      const head = await admin.$eval('.wp-list-table thead', (el) => el.textContent.replace(/\s+/g, ' '));
      assert.match(head, /Contacto.*Idioma.*Correo/);
      assert.match(await admin.$eval('.subsubsub', (el) => el.textContent), /Posible spam \(\d+\)/);

      await admin.goto(`${site.url}/wp-admin/post-new.php`);
      await admin.waitForFunction(() => window.wp?.blocks?.getBlockType('firm-widgets/office-hours'), { timeout: 30000 });
      const strings = await admin.evaluate(() => ({
        title: wp.blocks.getBlockType('firm-widgets/office-hours').title,
        category: wp.blocks.getCategories().find((c) => c.slug === 'firm-widgets')?.title,
        layout: wp.i18n.__('Layout', 'firm-widgets'),
        hours: wp.i18n.sprintf(wp.i18n.__("These hours do not read: %s. The page shows the settings' hours instead.", 'firm-widgets'), 'x'),
      }));
      assert.deepEqual(strings, {
        title: 'Horario de oficina',
        category: 'Firm Widgets',
        layout: 'Diseño',
        hours: 'Este horario no se entiende: x. La página muestra el horario de los ajustes.',
      });
    } finally {
      await admin.leave();
      php(`update_option('WPLANG', ''); return true;`);
    }
  });
}
