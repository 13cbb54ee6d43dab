// <firm-comments> against Waline 3.15 (@waline/client), the same 200 comments (150 threads, 50
// replies) from one local stub server, in one headless Chromium, alternating which goes first.
// Each run is a fresh browser context (cold cache). Measured in the page: from the moment before
// the widget's script tag to all 200 comments in the DOM, and the main thread's busy time by
// then; the long tasks (≥ 50 ms) in that time and the second after; then the JS heap after a
// forced garbage collection. On a shared machine the wall-clock medians swing with the load;
// the best times and the main-thread work are steadier.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from '../chrome.mjs';

const ROUNDS = 15;
const COUNT = 200;
const ROOTS = 150;

const WORDS = 'the visa interview went well and your checklist of documents saved us a second trip to the consulate thank you for explaining the waiver in plain words'.split(' ');
const text = (i) => Array.from({ length: 24 + (i % 17) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
const comments = Array.from({ length: COUNT }, (_, i) => ({
  id: String(i + 1),
  parent: i < ROOTS ? '' : String(((i * 37) % ROOTS) + 1),
  author: `Visitor ${i + 1}`,
  url: i % 3 ? '' : `https://visitor${i}.example/`,
  date: new Date(Date.UTC(2026, 0, 1) + i * 36e5).toISOString(),
  content: `${text(i)}.\n\n${text(i + 5)}.`,
}));

const waline = (c) => ({
  objectId: c.id,
  nick: c.author,
  link: c.url,
  avatar: '',
  mail: '',
  comment: c.content
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join(''),
  orig: c.content,
  time: Date.parse(c.date),
  insertedAt: c.date,
  like: 0,
  sticky: 0,
  type: 'guest',
  ...(c.parent ? { pid: c.parent, rid: c.parent } : { children: [] }),
});
const walineThreads = () => {
  const roots = comments.filter((c) => !c.parent).map(waline);
  const byId = new Map(roots.map((r) => [r.objectId, r]));
  for (const c of comments.filter((x) => x.parent)) byId.get(c.parent).children.push({ ...waline(c), reply_user: { nick: byId.get(c.parent).nick } });
  return roots.reverse();
};

const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script>
  window.longTasks = [];
  new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ entryTypes: ['longtask'] });
  window.waitFor = (count) => new Promise((resolve) => {
    const check = () => (count() >= ${COUNT} ? resolve(performance.now()) : setTimeout(check, 1));
    check();
  });
</script>`;

const pages = {
  '/ours.html': `${HEAD}</head><body>
<script>window.t0 = performance.now();</script>
<script type="module" src="/dist/firm-widgets.js"></script>
<firm-comments eager endpoint="/api/rest" post-id="bench" page-size="${COUNT}"></firm-comments>
<script>window.done = waitFor(() => document.querySelector('firm-comments').shadowRoot?.querySelectorAll('[part=comment]').length ?? 0);</script>
</body></html>`,
  '/waline.html': `${HEAD}<link rel="stylesheet" href="/waline/waline.css"></head><body>
<div id="waline"></div>
<script>window.t0 = performance.now();</script>
<script type="module">
  import { init } from '/waline/waline.js';
  init({ el: '#waline', serverURL: location.origin + '/waline', path: 'bench', lang: 'en-US', pageSize: ${COUNT}, emoji: false, search: false, reaction: false, pageview: false, comment: false, imageUploader: false, highlighter: false, texRenderer: false, login: 'disable', dark: false, noCopyright: true, noRss: true });
</script>
<script>window.done = waitFor(() => document.querySelectorAll('.wl-card-item').length);</script>
</body></html>`,
  '/blank.html': `${HEAD}</head><body><p>blank</p><script>window.t0 = 0; window.done = Promise.resolve(0);</script></body></html>`,
};

const files = {
  '/dist/firm-widgets.js': 'dist/firm-widgets.js',
  '/waline/waline.js': 'node_modules/@waline/client/dist/waline.js',
  '/waline/waline.css': 'node_modules/@waline/client/dist/waline.css',
};

function serve() {
  const unexpected = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (pages[url.pathname]) return send('text/html', pages[url.pathname]);
    if (files[url.pathname]) return send(url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript', readFileSync(files[url.pathname]));
    if (url.pathname === '/api/rest') return send('application/json', JSON.stringify({ total: COUNT, comments }));
    if (url.pathname === '/waline/api/comment') {
      const data = walineThreads();
      return send('application/json', JSON.stringify({ errno: 0, errmsg: '', data: { page: 1, totalPages: 1, pageSize: COUNT, count: COUNT, data } }));
    }
    unexpected.add(url.pathname);
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, unexpected, origin: `http://127.0.0.1:${server.address().port}` })));
}

async function run(browser, origin, page) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  const cdp = await tab.createCDPSession();
  await cdp.send('Performance.enable');
  await tab.goto(`${origin}${page}`, { waitUntil: 'load' });
  const rendered = await tab.evaluate(() => window.done.then((t1) => t1 - window.t0));
  // Main-thread work so far (parsing, script, style, layout): less sensitive to a busy machine.
  const { metrics } = await cdp.send('Performance.getMetrics');
  const busy = metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const tasks = await tab.evaluate(() => window.longTasks);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await context.close();
  return {
    rendered,
    busy,
    longTask: tasks.reduce((s, [, d]) => s + d, 0),
    blocking: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
    heap: usedSize / 2 ** 20,
    errors,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ chrome }) {
  const { server, unexpected, origin } = await serve();
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
  const results = { ours: [], waline: [] };
  try {
    const blank = await run(browser, origin, '/blank.html');
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? ['waline', 'ours'] : ['ours', 'waline'];
      for (const name of order) results[name].push(await run(browser, origin, `/${name}.html`));
    }
    const row = (name, label) => {
      const r = results[name];
      const m = (k) => median(r.map((x) => x[k]));
      const best = Math.min(...r.map((x) => x.rendered));
      console.log(
        `${label.padEnd(18)} ${m('rendered').toFixed(0).padStart(6)} ms ${best.toFixed(0).padStart(6)} ms ${m('busy').toFixed(0).padStart(6)} ms ${m('longTask').toFixed(0).padStart(6)} ms ${m('blocking').toFixed(0).padStart(6)} ms ${m('heap').toFixed(2).padStart(6)} MiB`,
      );
      return [m('rendered'), best, m('busy')];
    };
    console.log(`${COUNT} comments, ${ROUNDS} rounds alternating; medians (and the best time); each run a fresh context, cold cache`);
    console.log(`${''.padEnd(18)} ${'to 200 shown'.padStart(9)} ${'best'.padStart(9)} ${'main thread'.padStart(9)} ${'long tasks'.padStart(9)} ${'blocking'.padStart(9)} ${'JS heap'.padStart(10)}`);
    const ours = row('ours', '<firm-comments>');
    const theirs = row('waline', 'Waline 3.15');
    console.log(`${'blank page'.padEnd(18)} ${''.padStart(54)} ${blank.heap.toFixed(2).padStart(6)} MiB`);
    console.log(
      `<firm-comments> is ${(theirs[0] / ours[0]).toFixed(1)}× faster to all ${COUNT} shown (best: ${(theirs[1] / ours[1]).toFixed(1)}×; main-thread work: ${(theirs[2] / ours[2]).toFixed(1)}×); goals: ≥ 2×, heap ≤ 3 MiB`,
    );
    const errors = [...results.ours, ...results.waline].flatMap((r) => r.errors);
    if (errors.length) console.log(`page errors: ${[...new Set(errors)].join('; ')}`);
    unexpected.delete('/favicon.ico');
    if (unexpected.size) console.log(`requests the stub did not serve: ${[...unexpected].join(', ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}
