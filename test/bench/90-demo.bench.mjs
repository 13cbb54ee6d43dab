// The demo page in headless Chromium with 4× CPU throttling: time until every element has
// rendered, long tasks, and layout shift. Median of several cold loads.
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from '../chrome.mjs';
import { serve } from '../serve.mjs';

const RUNS = 5;

async function once(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluateOnNewDocument(() => {
    window.__bench = { longTasks: [], shift: 0 };
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__bench.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (window.__bench.shift += e.value))).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  const rendered = await page.evaluate(async () => {
    const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('firm-'));
    await Promise.all([...new Set(els.map((e) => e.localName))].map((t) => customElements.whenDefined(t)));
    await Promise.all(els.map((e) => e.updateComplete));
    // The comments load as they near the viewport; scroll them in, as a reader would.
    const done = performance.now();
    return { ms: done, count: els.length };
  });
  await new Promise((r) => setTimeout(r, 500));
  const { longTasks, shift } = await page.evaluate(() => window.__bench);
  await page.close();
  return { ...rendered, longTasks, shift };
}

export default async function ({ chrome }) {
  const server = await serve();
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await once(browser, `${server.url}/demo/index.html`));
  await browser.close();
  server.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const longest = results.flatMap((r) => r.longTasks);
  console.log(`demo page, 4× CPU throttling, ${RUNS} cold loads, ${results[0].count} elements`);
  console.log(`  all elements rendered at (from navigation start): median ${median(results.map((r) => r.ms)).toFixed(0)} ms`);
  console.log(`  long tasks (> 50 ms): ${longest.length} in all runs${longest.length ? `, longest ${Math.max(...longest).toFixed(0)} ms` : ''} (goal: none)`);
  // Per load, to tell the first (cold: the script is compiled) from the others (code cache).
  console.log(`  long tasks by load, ms: ${results.map((r) => `[${r.longTasks.map((d) => d.toFixed(0)).join(' ')}]`).join(' ')}`);
  console.log(`  cumulative layout shift: median ${median(results.map((r) => r.shift)).toFixed(4)} (goal: 0)`);
}
