// <firm-contact-form> on a bare page with the built kit, served with a stand-in messages API:
// the time to upgrade and render a form, the cost of a keystroke (state, re-render, draft), the
// longest task meanwhile, and Send to "Thank you" against a local server. Figures only.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS } from '../chrome.mjs';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/firm-widgets.js"></script></head><body></body></html>`;

export default async function ({ chrome }) {
  const kit = readFileSync('dist/firm-widgets.js');
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end('{"id":1,"status":"received","mailed":true}');
      });
      return;
    }
    const js = req.url === '/firm-widgets.js';
    res.writeHead(200, { 'Content-Type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? kit : page);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.evaluate(() => customElements.whenDefined('firm-contact-form'));
    const figures = await tab.evaluate(async () => {
      const tasks = [];
      new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
      // Each measured step in its own task, as a visitor's events would be.
      const tick = () => new Promise((r) => setTimeout(r));
      const renders = [];
      let el;
      for (let i = 0; i < 30; i++) {
        el?.remove();
        localStorage.clear();
        await tick();
        const t = performance.now();
        el = document.createElement('firm-contact-form');
        el.setAttribute('endpoint', '/messages');
        el.setAttribute('topics', 'Family visas; Deportation defense; Citizenship');
        document.body.append(el);
        await el.updateComplete;
        renders.push(performance.now() - t);
      }
      const root = el.shadowRoot;
      const keys = [];
      const text = 'I would like to ask about my family visa petition. ';
      for (const [name, value] of [['name', 'Ana Reyes'], ['email', 'ana@example.com'], ['message', text.repeat(6)]]) {
        const field = root.querySelector(`[name=${name}]`);
        for (const ch of value) {
          await tick();
          const t = performance.now();
          field.value += ch;
          field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          await el.updateComplete;
          keys.push(performance.now() - t);
        }
      }
      const perKey = keys.reduce((a, b) => a + b) / keys.length;
      root.querySelector('[name=consent]').click();
      await el.updateComplete;
      const t = performance.now();
      root.querySelector('[part=button]').click();
      while (!root.querySelector('[part=status]').textContent.includes('Thank you')) await new Promise((r) => setTimeout(r, 1));
      const send = performance.now() - t;
      await new Promise((r) => setTimeout(r, 50));
      return { first: renders[0], render: median(renders.slice(1)), perKey, keystrokeMax: Math.max(...keys), keystrokes: keys.length, send, longest: Math.max(0, ...tasks) };
    });
    const ms = (n) => `${n.toFixed(2)} ms`;
    console.log(`first form on the page: upgrade + render      ${ms(figures.first)}`);
    console.log(`each further form (median of 29)            ${ms(figures.render)}`);
    console.log(`keystroke: state, re-render, draft (mean of ${figures.keystrokes}) ${ms(figures.perKey)} (max ${ms(figures.keystrokeMax)})`);
    console.log(`Send → "Thank you", local server            ${ms(figures.send)}`);
    console.log(`longest task (over 50 ms) meanwhile          ${figures.longest ? ms(figures.longest) : 'none'}`);
  } finally {
    await browser.close();
    server.close();
  }
}
