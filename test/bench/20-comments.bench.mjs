// <firm-comments> against Waline 3.15 (@waline/client) on the same WordPress-shaped thread: 200
// comments (150 threads, 50 replies, some nested deeper than three levels), their HTML as
// WordPress renders it (paragraphs, a link, bold), served by one local stub (a WordPress REST API
// for ours, Waline's API for theirs), in one headless Chromium, alternating which goes first.
// Each run is a fresh browser context (cold cache) on a blog-post page: a header, the article,
// the widget, a footer (the scrollbar's room kept, as on a post taller than the screen: a
// scrollbar that appears moves every centred page, whatever the widget does).
//
// - Speed (phone 412 × 823, the widget in the first screen, `eager`), at 1× and 4× CPU: from the
//   moment before the widget's script tag to all 200 comments in the DOM; the longest task; the
//   JS heap at that moment and after a forced garbage collection.
// - Layout shift (CLS: the sum of every shift without recent input, stricter than Google's
//   session windows) on a phone and a desktop (1280 × 800), with the widget in the first screen
//   (`eager`) and far down the article (lazy, the default: the page scrolls to it at about 6,000
//   px/s, a quick flick, until all 200 are shown); and ours on a desktop again with the line of page
//   CSS the README gives for pages that paint before the script runs.
// - A 1,000-comment thread (ours; page-size 100, WordPress's most a request) at 4× CPU: each
//   "Load more" (click to shown), whether focus lands on the first new comment and whether what
//   was on screen stayed in place, a keystroke in the form with all 1,000 shown (keydown to the
//   end of the task that handles it), the heap after GC; and, for scale, a keystroke in the form of
//   a thread with no comments and in a bare textarea put where the element was.
//
// On a shared machine the wall-clock medians swing with the load; compare rows of one run.
// BENCH_ROUNDS=n changes the number of speed rounds (default 11); BENCH_KIT=path measures another
// build of the kit in place of dist/firm-widgets.js (an older commit's, for a before and after).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from '../chrome.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 11;
const LAYOUT_ROUNDS = 3;
const COUNT = 200;
const BIG = 1000;
const BIG_PAGE = 100;
/** A post with no comments (the stub answers an empty list): the form alone. */
const EMPTY = 7;
const PHONE = { width: 412, height: 823, isMobile: true, hasTouch: true };
const DESKTOP = { width: 1280, height: 800 };

const WORDS = 'the visa interview went well and your checklist of documents saved us a second trip to the consulate thank you for explaining the waiver in plain words'.split(' ');
const words = (i, n) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
const paragraph = (i) => `${words(i, 10 + (i % 7))} <a href="https://visitor${i}.example/guide" rel="nofollow ugc">${words(i + 1, 3)}</a> ${words(i + 2, 6)} <strong>${words(i + 3, 2)}</strong> ${words(i + 4, 5 + (i % 9))}&#8217;s.`;

/** A thread as WordPress keeps it: one in four a reply to one of the thirty before it (chains nest deeper than three). */
function thread(count) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    parent: i % 4 === 3 ? i - ((i * 7) % Math.min(i, 30)) : 0,
    author_name: `Visitor ${i + 1}`,
    author_url: i % 3 ? '' : `https://visitor${i}.example/`,
    date_gmt: new Date(Date.UTC(2026, 0, 1) + i * 36e5).toISOString().slice(0, 19),
    content: { rendered: `<p>${paragraph(i)}</p>\n<p>${paragraph(i + 5)}</p>\n` },
    author_avatar_urls: { 24: '', 48: '', 96: '' },
  }));
}
const threads = { 42: thread(COUNT), 1000: thread(BIG) };

/** The same comments in Waline's shape: threads with their replies flattened into `children`. */
function walineData(list) {
  const byId = new Map(list.map((c) => [c.id, c]));
  const rootOf = (c) => (c.parent ? rootOf(byId.get(c.parent)) : c);
  const item = (c) => ({
    objectId: String(c.id),
    nick: c.author_name,
    link: c.author_url,
    avatar: '',
    mail: '',
    comment: c.content.rendered,
    orig: c.content.rendered,
    time: Date.parse(c.date_gmt + 'Z'),
    insertedAt: c.date_gmt + 'Z',
    like: 0,
    sticky: 0,
    type: 'guest',
  });
  const roots = list.filter((c) => !c.parent).map((c) => ({ ...item(c), children: [] }));
  const rootItems = new Map(roots.map((r) => [r.objectId, r]));
  for (const c of list.filter((x) => x.parent)) {
    const root = rootItems.get(String(rootOf(c).id));
    root.children.push({ ...item(c), pid: String(c.parent), rid: root.objectId, reply_user: { nick: byId.get(c.parent).author_name } });
  }
  return roots.reverse();
}

const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title>
<style>html{scrollbar-gutter:stable}body{margin:0;font:16px/1.5 system-ui,sans-serif}main{max-width:720px;margin:0 auto;padding:0 16px}header{height:64px;background:#123;color:#fff}footer{height:240px;background:#eee}</style>
<script>
  window.longTasks = [];
  window.shifts = [];
  new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => shifts.push(...l.getEntries().filter((e) => !e.hadRecentInput).map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
  window.waitFor = (count, n) => new Promise((resolve) => {
    const check = () => (count() >= n ? resolve(performance.now()) : setTimeout(check, 1));
    check();
  });
</script>`;

const article = (lazy) =>
  `<header>Reyes Law · Blog</header><main><h1>What to bring to your visa interview</h1><p>${words(1, 30)}.</p>` +
  (lazy ? Array.from({ length: 24 }, (_, i) => `<p>${words(i, 60)}.</p>`).join('') : '');

/** The line the README gives webmasters whose page may paint before the script runs. */
const RESERVE = '<style>firm-comments:not(:defined){display:block;min-height:100vh}</style>';
const ourCount = `() => document.querySelector('firm-comments').shadowRoot?.querySelectorAll('[part=comment]').length ?? 0`;
const pages = {
  ours: ({ lazy, reserve, post = 42, size = COUNT }) => `${HEAD}${reserve ? RESERVE : ''}</head><body>${article(lazy)}
<script>window.t0 = performance.now();</script>
<script type="module" src="/dist/firm-widgets.js"></script>
<firm-comments ${lazy ? '' : 'eager'} source="wordpress" endpoint="/" post-id="${post}" page-size="${size}"></firm-comments>
</main><footer>Footer</footer>
<script>window.count = ${ourCount}; window.done = waitFor(count, ${Math.min(size, threads[post]?.length ?? 0)});</script>
</body></html>`,
  waline: ({ lazy }) => `${HEAD}<link rel="stylesheet" href="/waline/waline.css"></head><body>${article(lazy)}
<div id="waline"></div>
<script>window.t0 = performance.now();</script>
<script type="module">
  import { init } from '/waline/waline.js';
  init({ el: '#waline', serverURL: location.origin + '/waline', path: 'bench', lang: 'en-US', pageSize: ${COUNT}, emoji: false, search: false, reaction: false, pageview: false, comment: false, imageUploader: false, highlighter: false, texRenderer: false, login: 'disable', dark: false, noCopyright: true, noRss: true });
</script>
</main><footer>Footer</footer>
<script>window.count = () => document.querySelectorAll('.wl-card-item').length; window.done = waitFor(count, ${COUNT});</script>
</body></html>`,
};

const files = {
  '/dist/firm-widgets.js': process.env.BENCH_KIT || 'dist/firm-widgets.js',
  '/waline/waline.js': 'node_modules/@waline/client/dist/waline.js',
  '/waline/waline.css': 'node_modules/@waline/client/dist/waline.css',
};

function serve() {
  const unexpected = new Set();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const q = url.searchParams;
    const send = (type, body, headers = {}) => {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    if (url.pathname === '/page') return send('text/html', pages[q.get('w')]({ lazy: q.has('lazy'), reserve: q.has('reserve'), post: Number(q.get('post') ?? 42), size: Number(q.get('size') ?? COUNT) }));
    if (files[url.pathname]) return send(url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript', readFileSync(files[url.pathname]));
    // The kit asks at /?rest_route=/wp/v2/comments, which every WordPress answers.
    if (url.pathname === '/wp-json/wp/v2/comments' || q.get('rest_route') === '/wp/v2/comments') {
      const all = threads[q.get('post')] ?? [];
      const size = Math.min(100, Number(q.get('per_page')) || 10);
      const offset = q.has('offset') ? Number(q.get('offset')) : ((Number(q.get('page')) || 1) - 1) * size;
      const sorted = q.get('order') === 'asc' ? all : [...all].reverse();
      const fields = (q.get('_fields') ?? '').split(',');
      const body = sorted.slice(offset, offset + size).map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => fields.includes(k))));
      return send('application/json', JSON.stringify(body), { 'X-WP-Total': String(all.length), 'X-WP-TotalPages': String(Math.ceil(all.length / size)) });
    }
    if (url.pathname === '/waline/api/comment') {
      const data = walineData(threads[42]);
      return send('application/json', JSON.stringify({ errno: 0, errmsg: '', data: { page: 1, totalPages: 1, pageSize: COUNT, count: COUNT, data } }));
    }
    unexpected.add(url.pathname);
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, unexpected, origin: `http://127.0.0.1:${server.address().port}` })));
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh context and tab at `viewport` with the CPU slowed `cpu` times. */
async function open(browser, viewport, cpu) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.setViewport(viewport);
  const cdp = await tab.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { context, tab, cdp, errors };
}

const heap = async (cdp) => (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
const gcHeap = async (cdp) => {
  await cdp.send('HeapProfiler.collectGarbage');
  return heap(cdp);
};

/** One load with the widget in the first screen: speed, tasks, heap, shift. */
async function speed(browser, origin, widget, viewport, cpu, query = '') {
  const { context, tab, cdp, errors } = await open(browser, viewport, cpu);
  await tab.goto(`${origin}/page?w=${widget}${query}`, { waitUntil: 'load' });
  const rendered = await tab.evaluate(() => window.done.then((t1) => t1 - window.t0));
  const heapShown = await heap(cdp);
  await pause(1000);
  const { longTasks, shifts } = await tab.evaluate(() => ({ longTasks: window.longTasks, shifts: window.shifts }));
  const heapGc = await gcHeap(cdp);
  await context.close();
  return { rendered, longest: Math.max(0, ...longTasks), heapShown, heapGc, cls: shifts.reduce((s, v) => s + v, 0), errors };
}

/** One load with the widget far down the article, scrolled to at about 6,000 px/s: shift only. */
async function lazy(browser, origin, widget, viewport, cpu) {
  const { context, tab, errors } = await open(browser, viewport, cpu);
  await tab.goto(`${origin}/page?w=${widget}&lazy`, { waitUntil: 'load' });
  await pause(300);
  await tab.evaluate(
    (w) =>
      new Promise((resolve) => {
        const target = document.querySelector(w === 'ours' ? 'firm-comments' : '#waline');
        const step = () => {
          if (target.getBoundingClientRect().top <= innerHeight / 4) return resolve();
          scrollBy(0, 100);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    widget,
  );
  await tab.evaluate(() => window.done);
  await pause(1000);
  const shifts = await tab.evaluate(() => window.shifts);
  await context.close();
  return { cls: shifts.reduce((s, v) => s + v, 0), errors };
}

/**
 * Types a sentence into the comment form's message (or, `bare`, into a plain textarea put in the
 * element's place) at 30 ms a key: for each keystroke, keydown to the end of the task that handled
 * it (the frame that shows the letter, when the browser draws it before the next task).
 */
async function keystrokes(tab, bare = false) {
  await tab.evaluate((bare) => {
    const el = document.querySelector('firm-comments');
    let box = el.shadowRoot.querySelector('textarea');
    if (bare) {
      box = document.createElement('textarea');
      box.rows = 5;
      el.replaceWith(box);
    }
    window.keys = [];
    box.scrollIntoView({ block: 'center' });
    box.focus();
    addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.keys.push(performance.now() - t0);
        channel.port2.postMessage(0);
      },
      true,
    );
  }, bare);
  await pause(300);
  await tab.keyboard.type('Thank you, this helped a lot with the interview.', { delay: 30 });
  await pause(300);
  return tab.evaluate(() => window.keys);
}

/**
 * What a keystroke costs without the thousand comments, on the same page at 4× CPU: in the form of
 * a thread with no comments, and in a bare textarea where the element was (the browser's own typing
 * and frame, which no widget can take away).
 */
async function typingFloor(browser, origin, bare) {
  const { context, tab, errors } = await open(browser, PHONE, 4);
  await tab.goto(`${origin}/page?w=ours&post=${EMPTY}`, { waitUntil: 'load' });
  await tab.waitForFunction(() => document.querySelector('firm-comments').shadowRoot?.querySelector('textarea'));
  const keys = await keystrokes(tab, bare);
  await context.close();
  return { keys, errors };
}

/** The 1,000-comment thread at 4× CPU: paging with "Load more", then typing. */
async function thousand(browser, origin) {
  const { context, tab, cdp, errors } = await open(browser, PHONE, 4);
  await tab.goto(`${origin}/page?w=ours&post=${BIG}&size=${BIG_PAGE}`, { waitUntil: 'load' });
  const first = await tab.evaluate(() => window.done.then((t1) => t1 - window.t0));
  const loads = [];
  for (let shown = BIG_PAGE; shown < BIG; shown += BIG_PAGE) {
    const step = await tab.evaluate(async (next) => {
      const root = document.querySelector('firm-comments').shadowRoot;
      const more = root.querySelector('[part=more]');
      if (!more) return { missing: true };
      // The reader is at the end of what is shown, the button in view.
      more.scrollIntoView({ block: 'end' });
      const old = root.querySelectorAll('[part=comment] > article');
      const last = old[old.length - 1];
      const before = last.getBoundingClientRect().top;
      more.focus();
      const t0 = performance.now();
      more.click();
      await window.waitFor(window.count, next);
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      const active = root.activeElement;
      const comments = [...root.querySelectorAll('[part=comment] > article')];
      return { ms: t1 - t0, moved: Math.abs(last.getBoundingClientRect().top - before), focusNew: !!active && active.localName === 'article' && comments.indexOf(active) >= old.length, activeIsBody: !active };
    }, shown + BIG_PAGE);
    loads.push(step);
    if (step.missing) break;
  }
  const keys = await keystrokes(tab);
  const longTasks = await tab.evaluate(() => window.longTasks);
  const heapGc = await gcHeap(cdp);
  const shown = await tab.evaluate(() => window.count());
  await context.close();
  return { first, loads, keys, longTasks, heapGc, shown, errors };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
const mib = (x) => `${x.toFixed(2)} MiB`;
const pad = (s, n) => String(s).padStart(n);

export default async function ({ chrome }) {
  const { server, unexpected, origin } = await serve();
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
  const names = ['ours', 'waline'];
  const label = { ours: '<firm-comments>', waline: 'Waline 3.15' };
  const errors = [];
  try {
    // The machine may be shared: the load beside the figures says how far to trust absolute times.
    const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
    const loadBefore = load();
    const fast = { ours: [], waline: [] };
    const slow = { ours: [], waline: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        fast[name].push(await speed(browser, origin, name, PHONE, 1));
        slow[name].push(await speed(browser, origin, name, PHONE, 4));
      }
    }
    const layout = { ours: {}, waline: {} };
    for (let round = 0; round < LAYOUT_ROUNDS; round++) {
      for (const name of round % 2 ? [...names].reverse() : names) {
        for (const [key, run, viewport, cpu, query] of [
          ['desktop eager 1×', speed, DESKTOP, 1],
          ['desktop eager 4×', speed, DESKTOP, 4],
          ['desktop, page CSS', speed, DESKTOP, 1, '&reserve'],
          ['phone lazy 1×', lazy, PHONE, 1],
          ['phone lazy 4×', lazy, PHONE, 4],
          ['desktop lazy 1×', lazy, DESKTOP, 1],
          ['desktop lazy 4×', lazy, DESKTOP, 4],
        ]) {
          if (query && name !== 'ours') continue;
          const r = await run(browser, origin, name, viewport, cpu, query);
          errors.push(...r.errors);
          (layout[name][key] ??= []).push(r.cls);
        }
      }
    }
    const big = await thousand(browser, origin);
    const floor = { form: [], bare: [] };
    for (let round = 0; round < 2; round++) {
      for (const kind of ['form', 'bare']) {
        const r = await typingFloor(browser, origin, kind === 'bare');
        errors.push(...r.errors);
        floor[kind].push(...r.keys);
      }
    }

    console.log(`load average (1, 5, 15 min) before ${loadBefore}, after ${load()}`);
    console.log(`${COUNT} WordPress-shaped comments (150 threads, 50 replies; a link and bold in each paragraph), phone 412×823, widget in the first screen;`);
    console.log(`${ROUNDS} rounds alternating, each run a fresh context (cold cache); medians`);
    console.log(`${''.padEnd(16)} ${pad('to 200 shown 1×', 16)} ${pad('4×', 8)} ${pad('longest task 1×', 16)} ${pad('4×', 7)} ${pad('heap at shown', 14)} ${pad('after GC', 10)}`);
    const rows = {};
    for (const name of names) {
      const m = (runs, k) => median(runs.map((x) => x[k]));
      errors.push(...fast[name].flatMap((r) => r.errors), ...slow[name].flatMap((r) => r.errors));
      rows[name] = [m(fast[name], 'rendered'), m(slow[name], 'rendered')];
      console.log(
        `${label[name].padEnd(16)} ${pad(ms(rows[name][0]), 16)} ${pad(ms(rows[name][1]), 8)} ${pad(ms(m(fast[name], 'longest')), 16)} ${pad(ms(m(slow[name], 'longest')), 7)} ${pad(mib(m(fast[name], 'heapShown')), 14)} ${pad(mib(m(fast[name], 'heapGc')), 10)}`,
      );
      layout[name]['phone eager 1×'] = fast[name].map((r) => r.cls);
      layout[name]['phone eager 4×'] = slow[name].map((r) => r.cls);
    }
    console.log(`<firm-comments> is ${(rows.waline[0] / rows.ours[0]).toFixed(1)}× (1× CPU) and ${(rows.waline[1] / rows.ours[1]).toFixed(1)}× (4× CPU) Waline's speed; goals: ≥ 2×, no task over 50 ms at 1×, heap ≤ 3 MiB`);

    const keys = ['phone eager 1×', 'phone eager 4×', 'phone lazy 1×', 'phone lazy 4×', 'desktop eager 1×', 'desktop eager 4×', 'desktop lazy 1×', 'desktop lazy 4×', 'desktop, page CSS'];
    console.log(`\nlayout shift (CLS, every shift summed; the worst run of ${LAYOUT_ROUNDS}, phone eager of ${ROUNDS}); goal ≤ 0.05`);
    console.log(`${''.padEnd(16)} ${keys.map((k) => pad(k, 16)).join(' ')}`);
    for (const name of names) console.log(`${label[name].padEnd(16)} ${keys.map((k) => pad(layout[name][k] ? Math.max(...layout[name][k]).toFixed(3) : '–', 16)).join(' ')}`);
    console.log('(page CSS: the README\'s line for pages that may paint before the script runs: firm-comments:not(:defined) keeps the room)');

    const steps = big.loads.filter((l) => !l.missing);
    console.log(`\n${BIG.toLocaleString('en')} comments (<firm-comments>, page-size ${BIG_PAGE}, phone, 4× CPU): first ${BIG_PAGE} shown ${ms(big.first)}; ${steps.length} × "Load more" to ${big.shown} shown`);
    if (steps.length) {
      console.log(`  Load more, click to shown: median ${ms(median(steps.map((l) => l.ms)))}, slowest ${ms(Math.max(...steps.map((l) => l.ms)))}; focus on the first new comment ${steps.filter((l) => l.focusNew).length}/${steps.length}; the last comment read moved by at most ${Math.max(...steps.map((l) => l.moved)).toFixed(0)} px`);
    }
    console.log(`  keystroke in the form with ${big.shown} shown (keydown to the end of its task): median ${ms(median(big.keys))}, slowest ${ms(Math.max(...big.keys))} (goal < 16 ms)`);
    console.log(`    the same form with no comments: median ${ms(median(floor.form))}; a bare textarea in the element's place: median ${ms(median(floor.bare))} (the browser's own typing and frame)`);
    console.log(`  long tasks over the whole visit: ${big.longTasks.length}${big.longTasks.length ? `, longest ${ms(Math.max(...big.longTasks))}` : ''}; JS heap after GC ${mib(big.heapGc)} (goal < 10 MiB)`);
    errors.push(...big.errors);
    if (errors.length) console.log(`page errors: ${[...new Set(errors)].join('; ')}`);
    unexpected.delete('/favicon.ico');
    if (unexpected.size) console.log(`requests the stub did not serve: ${[...unexpected].join(', ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}
