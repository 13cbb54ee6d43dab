// Settings → Firm Widgets, the JSON-LD it prints, the hours rules on save, the shortcodes and the
// script tag, on the real site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { site, send, launch, visit, login, php, shadowText } from './helpers.mjs';
import { ROOT } from './site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const page = (id) => send(`${site.url}/?page_id=${id}`).then((r) => r.body);
const jsonLd = (html) => {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
  return blocks.find((b) => b['@type'] === 'LegalService');
};
const setOptions = (values) => php(`update_option('firm_widgets', array_merge(get_option('firm_widgets'), $input)); return get_option('firm_widgets');`, values);

test('every page prints one LegalService block from the settings, with the IANA time zone', async () => {
  const html = await page(site.posts.plain);
  const head = html.slice(0, html.indexOf('</head>'));
  assert.equal((head.match(/application\/ld\+json/g) ?? []).length, 1, 'one JSON-LD block, in the head');
  const data = jsonLd(head);
  assert.deepEqual(
    { ...data, url: undefined },
    {
      '@context': 'https://schema.org',
      '@type': 'LegalService',
      name: 'Reyes & Cho Immigration Law',
      url: undefined,
      telephone: '818-788-8900',
      faxNumber: '818-788-5900',
      email: 'office@reyescho.example',
      address: '15233 Ventura Blvd, Suite 410, Sherman Oaks, CA 91403',
      openingHours: ['Mo-Fr 09:00-17:00', 'Sa 10:00-14:00'],
      timeZone: 'America/Los_Angeles',
      availableLanguage: ['en', 'es', 'ko'],
    },
  );
  assert.equal(data.url, `${site.url}/`);
});

test('without its own time zone the block carries the site\'s', async () => {
  const saved = php(`return get_option('firm_widgets');`);
  try {
    setOptions({ timezone: '' });
    php(`update_option('timezone_string', 'America/Chicago'); return true;`);
    assert.equal(jsonLd(await page(site.posts.plain)).timeZone, 'America/Chicago');
  } finally {
    php(`update_option('timezone_string', 'America/Los_Angeles'); update_option('firm_widgets', $input); return true;`, saved);
  }
});

test('the JSON-LD is HTML-safe: settings cannot close the script block', async () => {
  const saved = php(`return get_option('firm_widgets');`);
  const name = `Reyes </script><script>alert(1)</script> & "Cho" 'LLP' <!--`;
  try {
    setOptions({ name });
    const html = await page(site.posts.plain);
    assert.ok(!html.includes('<script>alert(1)'), 'no script tag came through');
    assert.ok(!html.includes('<!--"'), 'no comment opener came through');
    assert.equal(jsonLd(html).name, name, 'the name reads back exactly');
  } finally {
    php(`update_option('firm_widgets', $input); return true;`, saved);
  }
});

test('the script is a module, and only on pages that show an element', async () => {
  const plain = await page(site.posts.plain);
  assert.ok(!plain.includes('firm-widgets.js'), 'a page without elements loads no script');
  const tagged = await page(site.posts.shortcodes);
  const tags = tagged.match(/<script[^>]*firm-widgets\.js[^>]*>/g) ?? [];
  assert.equal(tags.length, 1, 'loaded once');
  assert.match(tags[0], /type="module"/);
  const asset = await send(tags[0].match(/src=['"]([^'"]+)/)[1]);
  assert.equal(asset.status, 200);
  assert.match(asset.headers['content-type'], /javascript/);
  assert.ok(asset.body.includes('firm-language-badge'), 'the zip carries the built kit');
});

test('shortcodes keep only their element\'s own attributes, each value checked; handlers, style and unsafe links never pass', async () => {
  // Written by someone with unfiltered_html, so kses does not clean the shortcode first: our escaping must.
  const id = php(`kses_remove_filters(); return wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Escapes', 'post_content' => $input), true);`,
    [
      `[firm_office_hours layout='x" onmouseover="alert(1)' hour_cycle="h23"]`,
      `[firm_office_hours layout="today" onclick="alert(3)" style="color:red" data-x="1" class="wide x!y" lang="es" hours="Mo-Fr 09:00-17:00"]`,
      `[firm_office_hours layout="&quot;&gt;&lt;svg onload=alert(2)&gt;" hours="Mx 09:00-17:00" timezone="Mars/Olympus" closing-soon="-5" hour-cycle="h99"]`,
      `[firm_contact_card cta-href="javascript:alert(4)" heading="<b>Call</b> & see" email="not-an-email" endpoint="https://attacker.example/"]`,
      `[firm_language_badge languages="es ko" variant="banner" href="https://example.org/es/"]`,
      `[firm_language_badge language="not a code!" variant="huge"]`,
      `[firm_comments eager page-size="10" avatars="false" order="newest"]`,
    ].join('\n\n'));
  const html = await page(id);
  const tags = html.match(/<firm-[a-z-]+[^>]*>/g) ?? [];
  assert.deepEqual(tags, [
    '<firm-office-hours hour-cycle="h23">',
    '<firm-office-hours layout="today" class="wide xy" lang="es" hours="Mo-Fr 09:00-17:00">',
    '<firm-office-hours>',
    '<firm-contact-card cta-href="http://127.0.0.1/consultation/" heading="&lt;b&gt;Call&lt;/b&gt; &amp; see">',
    '<firm-language-badge languages="es ko" variant="banner" href="https://example.org/es/">',
    '<firm-language-badge>',
    `<firm-comments source="wordpress" endpoint="${site.url}/" post-id="${id}" eager page-size="10" order="newest">`,
  ]);
  const visitor = await visit(browser, `/?page_id=${id}`);
  try {
    // Elements may reflect more attributes once upgraded; none of them is a handler or a style.
    const attributes = await visitor.$$eval('firm-office-hours, firm-contact-card', (els) => els.flatMap((el) => el.getAttributeNames()));
    assert.ok(attributes.includes('layout') && attributes.includes('cta-href'), attributes.join(' '));
    assert.deepEqual(attributes.filter((a) => a.startsWith('on') || a === 'style'), [], 'no handler reached the DOM');
  } finally {
    await visitor.leave();
  }
});

test('the fallback stays inside its element even where the editor wrapped it in a paragraph', async () => {
  const visitor = await visit(browser, `/?page_id=${site.posts.settingsOnly}`);
  try {
    const fallback = await visitor.evaluate(() =>
      ['firm-contact-card', 'firm-office-hours'].map((t) => document.querySelector(t)?.textContent.trim()),
    );
    assert.deepEqual(fallback, ['818-788-8900', 'Mo-Fr 09:00-17:00; Sa 10:00-14:00']);
  } finally {
    await visitor.leave();
  }
});

test('[firm_author_bio] shows the post\'s author: name, avatar, page and biography', async () => {
  const html = await page(site.posts.shortcodes);
  const bio = html.match(/<firm-author-bio([^>]*)>([\s\S]*?)<\/firm-author-bio>/);
  assert.ok(bio, 'the element is on the page');
  assert.match(bio[1], /name="Ana Reyes"/);
  assert.match(bio[1], /photo="http:\/\/127\.0\.0\.1:\d+\/wp-includes\/images\/w-logo-blue\.png"/);
  assert.match(bio[1], /href="http:\/\/127\.0\.0\.1:\d+\/\?author=1"/);
  assert.match(bio[2], /practised immigration law in Los Angeles/);
  // An old shortcode's `title` is printed as `job-title`: the global `title` is a tooltip over the whole bio.
  assert.match(bio[1], /job-title="Managing attorney"/);
  assert.doesNotMatch(bio[1], /\stitle=/);
});

test('hours checked on save with the engine\'s rules; a rejected value is shown again with the reason', async () => {
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await admin.goto(`${site.url}/wp-admin/options-general.php?page=firm-widgets`);
    const hours = '#firm-widgets-hours';
    await admin.$eval(hours, (el) => (el.value = ''));
    await admin.type(hours, 'Mo-Fr 09:00-17:00; Mx 10:00-14:00');
    await Promise.all([admin.waitForNavigation(), admin.click('#submit')]);
    const notice = await admin.$eval('.notice-error, .error', (el) => el.textContent.trim());
    assert.match(notice, /rule 2: unknown day 'Mx'/);
    assert.equal(await admin.$eval(hours, (el) => el.value), 'Mo-Fr 09:00-17:00; Mx 10:00-14:00', 'what was typed is still there');
    assert.equal(await admin.$eval(hours, (el) => el.getAttribute('aria-invalid')), 'true');
    assert.equal(php(`return get_option('firm_widgets')['hours'];`), 'Mo-Fr 09:00-17:00; Sa 10:00-14:00', 'the saved hours stayed');

    await admin.$eval(hours, (el) => (el.value = ''));
    await admin.type(hours, 'Mo-Th 09:00-12:00,13:00-17:00; Fr 09:00-15:00; Sa off');
    await Promise.all([admin.waitForNavigation(), admin.click('#submit')]);
    assert.match(await admin.$eval('.notice-success, .updated', (el) => el.textContent), /Settings saved/);
    const data = jsonLd(await page(site.posts.plain));
    assert.deepEqual(data.openingHours, ['Mo-Th 09:00-12:00,13:00-17:00', 'Fr 09:00-15:00', 'Sa off']);
    assert.equal(data.name, 'Reyes & Cho Immigration Law', 'the rest of the form saved as it was');
    assert.equal(data.telephone, '818-788-8900');
  } finally {
    php(`$o = get_option('firm_widgets'); $o['hours'] = 'Mo-Fr 09:00-17:00; Sa 10:00-14:00'; update_option('firm_widgets', $o); return true;`);
    await admin.leave();
  }
});

test('a rejected value is quoted in the notice as text: markup typed into a setting is not run', async () => {
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    await admin.goto(`${site.url}/wp-admin/options-general.php?page=firm-widgets`);
    const typed = {
      '#firm-widgets-hours': 'Mo-Fr 09:00-17:00; <img/src=x/onerror=window.firmXss=1>',
      '#firm-widgets-timezone': '<b>Mars</b>',
      '#firm-widgets-languages': 'es <i>x</i>',
    };
    for (const [field, value] of Object.entries(typed)) await admin.$eval(field, (el, v) => (el.value = v), value);
    // The email field's own check would stop the form in the browser; the server's is the one tested.
    await admin.$eval('#firm-widgets-email', (el) => {
      el.type = 'text';
      el.value = '"><svg/onload=window.firmXss=2>@x';
    });
    await Promise.all([admin.waitForNavigation(), admin.click('#submit')]);
    const notices = await admin.$$eval('#setting-error-firm_widgets_hours, #setting-error-firm_widgets_timezone, #setting-error-firm_widgets_languages, #setting-error-firm_widgets_email', (els) =>
      els.map((el) => ({ text: el.textContent.trim(), markup: el.querySelectorAll('img, svg, b, i').length })),
    );
    assert.equal(notices.length, 4, JSON.stringify(notices));
    assert.deepEqual(notices.map((n) => n.markup), [0, 0, 0, 0], 'no element made from what was typed');
    const text = notices.map((n) => n.text).join('\n');
    assert.match(text, /rule 2: unknown day '<img\/src=x\/onerror=window\.firmXss=1>'/, 'the token shown as typed');
    assert.match(text, /"<b>Mars<\/b>" is not a time zone/);
    assert.match(text, /""><svg\/onload=window\.firmXss=2>@x" is not an email address/);
    assert.equal(await admin.evaluate(() => window.firmXss), undefined);
    assert.equal(php(`return get_option('firm_widgets')['hours'];`), 'Mo-Fr 09:00-17:00; Sa 10:00-14:00', 'nothing saved');
  } finally {
    await admin.leave();
  }
});

test('saving needs the nonce and the capability', async () => {
  const before = php(`return get_option('firm_widgets');`);
  const admin = await login(browser, site.admin.login, site.admin.password);
  try {
    // The admin's own cookies, but no nonce: what a forged cross-site form would send.
    const forged = await admin.evaluate(async (url) => {
      const body = new URLSearchParams({ option_page: 'firm_widgets', action: 'update', 'firm_widgets[phone]': '900-000-0000' });
      const r = await fetch(url, { method: 'POST', body });
      return { status: r.status, text: await r.text() };
    }, `${site.url}/wp-admin/options.php`);
    assert.equal(forged.status, 403);
    assert.match(forged.text, /link you followed has expired/i);
  } finally {
    await admin.leave();
  }
  const password = php(`$p = wp_generate_password(16, false); wp_insert_user(array('user_login' => 'reader', 'user_pass' => $p, 'role' => 'subscriber', 'user_email' => 'reader@example.test')); return $p;`);
  const reader = await login(browser, 'reader', password);
  try {
    const res = await reader.goto(`${site.url}/wp-admin/options-general.php?page=firm-widgets`);
    assert.equal(res.status(), 403);
    assert.ok(!(await reader.$('#firm-widgets-hours')), 'a subscriber gets no settings form');
  } finally {
    await reader.leave();
  }
  assert.deepEqual(php(`return get_option('firm_widgets');`), before, 'nothing changed');
});

test('the PHP hours check and the JS engine (schedule.ts) give the same verdict on every input', async () => {
  const inputs = [
    'Mo-Fr 09:00-17:00',
    'Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00',
    'Fr-Mo 10:00-16:00',
    'Mo,We,Fr 08:30-12:00',
    'Su off',
    'Sa closed',
    'Mo-Su 00:00-24:00',
    'Fr 22:00-02:00',
    'Mo-Fr 09:00-12:00, 13:00-17:00',
    'Mo - Fr 09:00 - 17:00',
    'Monday-Friday 09:00-17:00',
    'https://schema.org/Monday 09:00-17:00:00',
    'Mo-Fr 09:00-17:00;',
    'Mo-Fr 09:00-09:00',
    'Mo-Fr off,09:00-12:00',
    'Mo-Fr 09:00-12:00,,13:00-17:00',
    'Mo-Fr 09:00-17:00; Mx 10:00-14:00',
    'Mo-Fr 25:00-26:00',
    'Mo-Fr 24:00-17:00',
    'Mo-Fr 09:60-17:00',
    'Mo-Fr 0900-1700',
    'Mo-Fr 1700',
    'Mo-Fr 09:00',
    'Mo-Fr 09:00-17:00;; Sa off',
    'Mo-Fr 09:00-17:00 weekdays',
    'Mo-Fr',
    'Mo-Tu-We 09:00-17:00',
    'Mo,,Fr 09:00-17:00',
    'Xx',
    '09:00-17:00',
    ';',
    '',
  ];
  const fromPhp = php(`return array_map('firm_widgets_check_hours', $input);`, inputs);
  const { parseHours } = await engine();
  const fromJs = inputs.map((text) => {
    try {
      parseHours(text);
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.deepEqual(fromPhp, fromJs);
  // and the verdicts are the documented ones, not merely equal
  assert.equal(fromPhp[inputs.indexOf('Mo-Fr 09:00-17:00; Mx 10:00-14:00')], "rule 2: unknown day 'Mx'");
  assert.equal(fromPhp[inputs.indexOf('Mo-Fr 25:00-26:00')], "rule 1: bad time '25:00'");
  assert.equal(fromPhp[inputs.indexOf('Mo-Fr 1700')], "rule 1: missing dash '1700'");
  assert.equal(fromPhp[inputs.indexOf('Mo-Fr 09:00-17:00 weekdays')], "rule 1: stray text 'weekdays'");
  assert.equal(fromPhp.slice(0, 16).filter(Boolean).length, 0, 'every valid form reads');
});

/** The office-hours engine from src, compiled with the project's TypeScript into a temp folder. */
async function engine() {
  const ts = (await import('typescript')).default;
  const out = mkdtempSync(join(tmpdir(), 'firm-engine-'));
  for (const file of ['elements/office-hours/schedule.ts', 'core/warn.ts']) {
    const source = readFileSync(join(ROOT, 'src', file), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  try {
    return await import(pathToFileURL(join(out, 'elements/office-hours/schedule.js')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('a page with the settings only (no attributes) shows the hours', async () => {
  const visitor = await visit(browser, `/?page_id=${site.posts.settingsOnly}`);
  try {
    const hours = await shadowText(visitor, 'firm-office-hours');
    assert.match(hours, /Monday/);
    assert.match(hours, /9:00\sAM/);
    assert.match(hours, /5:00\sPM/);
    assert.match(hours, /10:00\sAM/, "Saturday's hours");
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
});

test('a page with the settings only (no attributes) shows the phone', async () => {
  const visitor = await visit(browser, `/?page_id=${site.posts.settingsOnly}`);
  try {
    const card = await shadowText(visitor, 'firm-contact-card');
    assert.match(card, /818-788-8900/);
    const links = await visitor.$eval('firm-contact-card', (el) => [...el.shadowRoot.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    assert.ok(links.includes('tel:+18187888900'), `a tel: link among ${links}`);
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
});

test('a shortcode page in the stock theme upgrades every element, with no console noise', async () => {
  const active = php(`return get_stylesheet();`);
  assert.equal(active, 'twentytwentythree', 'the stock theme of WordPress 6.1');
  const visitor = await visit(browser, `/?page_id=${site.posts.shortcodes}`);
  try {
    const tags = ['firm-contact-card', 'firm-office-hours', 'firm-language-badge', 'firm-call-button', 'firm-author-bio', 'firm-comments'];
    const upgraded = () =>
      visitor.evaluate((list) => list.filter((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.childElementCount), tags);
    await visitor.waitForFunction((list) => list.every((t) => customElements.get(t) && document.querySelector(t)?.shadowRoot?.childElementCount), {}, tags).catch(() => {});
    assert.deepEqual(await upgraded(), tags, 'every element defined and rendered');
    assert.match(await shadowText(visitor, 'firm-language-badge'), /habla español/i);
    assert.match(await shadowText(visitor, 'firm-author-bio'), /Ana Reyes/);
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.leave();
  }
});
