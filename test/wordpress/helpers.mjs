// What the test files share: the running site (from run.mjs), HTTP from any loopback address, and
// headless Chromium visitors.
import http from 'node:http';
import puppeteer from 'puppeteer-core';
import { Site } from './site.mjs';
import { CHROME_FLAGS } from '../chrome.mjs';

if (!process.env.FIRM_WP) {
  console.error('firm-widgets: run these through `npm run test:wordpress` (test/wordpress/run.mjs), which starts the site.');
  process.exit(1);
}
export const site = new Site(JSON.parse(process.env.FIRM_WP));

/** A REST route on the site; plain permalinks, so through `?rest_route=`. */
export const rest = (route) => `${site.url}/?rest_route=${encodeURIComponent(route).replace(/%2F/g, '/')}`;

/**
 * One HTTP request from a chosen loopback address (WordPress sees it as REMOTE_ADDR, so tests can
 * be different visitors). Resolves to { status, headers, body, json }.
 */
export function send(url, { method = 'GET', body, headers = {}, from = '127.0.0.1' } = {}) {
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        localAddress: from,
        agent: false,
        headers: { ...(data !== undefined && typeof body !== 'string' ? { 'Content-Type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, headers: res.headers, body: text, json });
        });
      },
    );
    req.setTimeout(60000, () => req.destroy(new Error(`${method} ${url}: no answer in 60 s`)));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** The spam guard's fields as a person's browser sends them. */
export const person = { firm_hp: '', firm_elapsed: 8000 };

export async function launch() {
  return puppeteer.launch({ executablePath: process.env.CHROME_PATH, headless: true, args: CHROME_FLAGS });
}

/**
 * A new visitor (fresh cookies and storage) on `path`. Console errors, page errors and failed
 * requests are collected in `page.problems`.
 */
export async function visit(browser, path, { lang } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (/favicon\.ico/.test(m.location()?.url ?? '')) return;
    if (m.type() === 'error' || m.type() === 'warn' || m.type() === 'warning') page.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    // php -S answers 404 itself for a missing file with an extension; Apache would hand
    // /favicon.ico to WordPress, which redirects it to its logo.
    if (r.status() === 404 && new URL(r.url()).pathname === '/favicon.ico') return;
    if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // core/wordpress.ts finds the REST root with a HEAD request and reads only its headers;
    // Chromium reports the unread (empty) body as aborted. The visitor sees nothing of it.
    if (r.method() === 'HEAD' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    page.problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  if (lang) await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
  page.setDefaultTimeout(15000);
  if (path !== undefined) await page.goto(site.url + path, { waitUntil: 'load' });
  page.leave = () => context.close();
  return page;
}

/** Logs in through wp-login.php in a fresh context; returns the page. */
export async function login(browser, user, password) {
  const page = await visit(browser, '/wp-login.php');
  // wp-login.php focuses and selects the user field 200 ms after load, which would swallow typing.
  await page.$eval('#user_login', (el, v) => (el.value = v), user);
  await page.$eval('#user_pass', (el, v) => (el.value = v), password);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  if (!page.url().includes('/wp-admin/')) throw new Error(`logging in as ${user} failed: ${page.url()}`);
  return page;
}

/** The visible text of an element's shadow root (and its light DOM), whitespace squeezed. */
export async function shadowText(page, selector) {
  await page.waitForFunction(
    (s) => {
      const el = document.querySelector(s);
      return el && customElements.get(el.localName) && el.shadowRoot && el.shadowRoot.textContent.trim() !== '';
    },
    {},
    selector,
  );
  return page.$eval(selector, (el) => {
    const text = (root) =>
      [...root.childNodes]
        .map((n) => (n.nodeType === 3 ? n.textContent : n.nodeType === 1 ? (n.localName === 'slot' ? n.assignedNodes({ flatten: true }).map((a) => a.textContent).join(' ') : n.localName === 'style' ? '' : text(n.shadowRoot ?? n)) : ''))
        .join(' ');
    return text(el.shadowRoot).replace(/\s+/g, ' ').trim();
  });
}

/** Runs PHP in the site and returns its result; a shorthand for site.php(). */
export const php = (code, input) => site.php(code, { input });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
