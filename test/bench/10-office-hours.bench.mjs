// <firm-office-hours>: how many status evaluations per second the engine does in Node, and what
// rendering 100 elements costs in headless Chromium (the built dist/firm-widgets.js).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from '../chrome.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function engine() {
  const out = mkdtempSync(join(tmpdir(), 'firm-hours-'));
  await build({
    logLevel: 'silent',
    configFile: false,
    build: { outDir: out, emptyOutDir: true, target: 'node20', minify: false, lib: { entry: 'src/elements/office-hours/schedule.ts', formats: ['es'], fileName: () => 'schedule.js' } },
  });
  const s = await import(pathToFileURL(join(out, 'schedule.js')).href);
  rmSync(out, { recursive: true, force: true });
  return s;
}

function perSecond(fn) {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) for (let i = 0; i < 100; i++) fn(n++);
  return Math.round((n * 1000) / (performance.now() - start));
}

async function render100(chrome) {
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/') {
      res.setHeader('content-type', 'text/html');
      return res.end('<!doctype html><html lang="en"><body><script type="module" src="/dist/firm-widgets.js"></script></body></html>');
    }
    try {
      res.setHeader('content-type', extname(path) === '.js' ? 'text/javascript' : 'text/plain');
      res.end(readFileSync(join('.', path)));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(() => customElements.whenDefined('firm-office-hours'));
    const results = {};
    for (const layout of ['week', 'today', 'status']) {
      const times = [];
      for (let run = 0; run < 7; run++) {
        times.push(
          await page.evaluate(async (layout) => {
            document.body.replaceChildren();
            const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/Madrid', 'Asia/Tokyo', 'Pacific/Auckland'];
            const t0 = performance.now();
            const els = [];
            for (let i = 0; i < 100; i++) {
              const el = document.createElement('firm-office-hours');
              el.setAttribute('hours', `Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-${10 + (i % 5)}:30`);
              el.setAttribute('timezone', zones[i % zones.length]);
              el.setAttribute('exceptions', '2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00');
              el.setAttribute('layout', layout);
              els.push(el);
            }
            document.body.append(...els);
            await Promise.all(els.map((el) => el.updateComplete));
            document.body.offsetHeight; // layout included
            return performance.now() - t0;
          }, layout),
        );
      }
      results[layout] = median(times);
    }
    return results;
  } finally {
    await browser.close();
    server.close();
  }
}

export default async function ({ chrome }) {
  const s = await engine();
  const schedule = {
    week: s.parseHours('Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; Fr 22:00-02:00'),
    exceptions: s.parseExceptions('2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00; 2026-12-28..2026-12-31 closed'),
  };
  const always = { week: s.parseHours('Mo-Su 00:00-24:00'), exceptions: [] };
  const base = Date.parse('2026-01-01T00:00:00Z');
  // Instants 7 minutes apart over the year, so every state and both DST days are visited.
  const at = (n) => new Date(base + ((n * 7 * 60e3) % (365 * 864e5)));
  for (let i = 0; i < 20000; i++) s.statusAt(schedule, at(i), 'America/Los_Angeles');
  console.log(`status evaluations (statusAt), office hours with lunch, overnight Friday and holidays: ${perSecond((n) => s.statusAt(schedule, at(n), 'America/Los_Angeles')).toLocaleString('en-US')} /s`);
  console.log(`status evaluations, open around the clock (scans ~100 days ahead): ${perSecond((n) => s.statusAt(always, at(n), 'Asia/Tokyo')).toLocaleString('en-US')} /s`);
  console.log(`parseHours + parseExceptions: ${perSecond(() => s.parseHours('Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00') && s.parseExceptions('2026-12-25 closed "Christmas Day"')).toLocaleString('en-US')} /s`);
  const r = await render100(chrome);
  for (const [layout, ms] of Object.entries(r)) console.log(`render 100 <firm-office-hours layout="${layout}"> in Chromium (create, upgrade, render, layout; median of 7): ${ms.toFixed(1)} ms`);
}
