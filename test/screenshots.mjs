// `npm run screenshots`: pictures of each element on the demo page, in light and dark, in Spanish
// and at a phone's width, plus the whole page, into demo/screenshots/ (shown in the README).
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { findChrome, CHROME_FLAGS } from './chrome.mjs';
import { serve } from './serve.mjs';
import { ensureBadgeFonts } from './fonts.mjs';

const OUT = 'demo/screenshots';
const VARIANTS = [
  { name: 'light', width: 1280, scheme: 'light', lang: 'en' },
  { name: 'dark', width: 1280, scheme: 'dark', lang: 'en' },
  { name: 'spanish', width: 1280, scheme: 'light', lang: 'es' },
  { name: 'phone', width: 390, scheme: 'light', lang: 'en', mobile: true },
];
// One instance of each element: the largest visible at that width (the footer's full week, not the header's status line).
const TAGS = ['firm-contact-card', 'firm-office-hours', 'firm-language-badge', 'firm-author-bio', 'firm-comments', 'firm-contact-form', 'firm-call-button'];

ensureBadgeFonts();
mkdirSync(OUT, { recursive: true });
const server = await serve();
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });
for (const v of VARIANTS) {
  const page = await browser.newPage();
  await page.setViewport({ width: v.width, height: 900, deviceScaleFactor: 1, isMobile: !!v.mobile, hasTouch: !!v.mobile });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: v.scheme }]);
  // The visitor is in the office's zone; the hours show their status at the time of the picture.
  await page.emulateTimezone('America/Los_Angeles');
  await page.goto(`${server.url}/demo/index.html?lang=${v.lang}`, { waitUntil: 'networkidle0' });
  await page.evaluate(async () => {
    const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('firm-'));
    // Lazy elements (the comments) load when seen: each is brought into view for two frames, as a
    // reader scrolling past would, or the whole-page picture shows their reserved space empty.
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (const e of els) {
      e.scrollIntoView?.();
      await frame();
      await frame();
    }
    window.scrollTo(0, 0);
    await Promise.all(els.map((e) => e.updateComplete));
    await new Promise((r) => setTimeout(r, 600));
  });
  await page.screenshot({ path: `${OUT}/page-${v.name}.png`, fullPage: v.name === 'phone' || v.name === 'light' });
  for (const tag of TAGS) {
    const handle = await page.evaluateHandle(
      (t) =>
        [...document.querySelectorAll(t)]
          .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden')
          .sort((a, b) => b.getBoundingClientRect().height - a.getBoundingClientRect().height)[0],
      tag,
    );
    const el = handle.asElement();
    if (!el) continue;
    await el.screenshot({ path: `${OUT}/${tag.replace('firm-', '')}-${v.name}.png` });
  }
  await page.close();
}
await browser.close();
server.close();
console.log(`screenshots written to ${OUT}/`);
