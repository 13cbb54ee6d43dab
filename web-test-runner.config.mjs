import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowsers, CHROME_FLAGS } from './test/browsers.mjs';
import { webkitLauncher, viewportPlugin } from './test/webkit.mjs';

// Chromium, Firefox and WebKit by default; FIRM_BROWSERS=firefox (or any comma list) narrows it.
const found = findBrowsers();

// Where Chromium and Firefox save what a test downloads (the desk's export), gone when the run ends.
const downloads = mkdtempSync(join(tmpdir(), 'firm-downloads-'));
process.once('exit', () => rmSync(downloads, { recursive: true, force: true }));

// Tests are pinned to one zone and language, so they pass on any machine.
const env = { ...process.env, TZ: 'America/New_York', LANG: 'en_US.UTF-8' };

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: { executablePath: found.chromium, headless: true, args: CHROME_FLAGS, env },
      // Downloads (the desk's export of a person's data) go to the run's folder, not ~/Downloads.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
        return page;
      },
    }),
  // puppeteer-core drives Firefox over WebDriver BiDi; the launcher is Chromium's, given that puppeteer.
  firefox: () =>
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: found.firefox,
        headless: true,
        env,
        extraPrefsFirefox: {
          'intl.accept_languages': 'en-US',
          'intl.locale.requested': 'en-US',
          // A download (the desk's "Export (JSON)") opened Firefox's downloads panel, which kept
          // the focus from every later tab: document.hasFocus() was false there, and the space bar
          // on a focused checkbox no longer checked it (test/server/firm-server.test.ts, run after
          // desk.test.ts). No panel; the file goes to a folder of this run, removed at exit.
          'browser.download.alwaysOpenPanel': false,
          'browser.download.panel.shown': true,
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
        },
      },
    }),
  // WebKitGTK composites with OpenGL, which under Xvfb is Mesa's software rasterizer: a quarter of
  // WebKit's CPU in a run went there (32.4 → 23.9 CPU-s over the office-hours and contact-form
  // files). The tests look at layout, focus, scrolling and events, which this does not change.
  webkit: () => webkitLauncher({ ...found.webkit, env: { ...env, WEBKIT_DISABLE_COMPOSITING_MODE: '1' } }),
};

// Test-only servers: each test/servers/*.mjs exports a koa middleware (default export) that
// answers its own paths (e.g. /test-api/comments/...) and passes the rest on.
const servers = readdirSync(new URL('./test/servers/', import.meta.url)).filter((f) => f.endsWith('.mjs'));
const middleware = await Promise.all(servers.map(async (f) => (await import(`./test/servers/${f}`)).default));

export default {
  files: ['test/**/*.test.ts', '!test/wordpress/**', '!test/bench/**'],
  nodeResolve: true,
  middleware,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // Without Chromium this is npm test's second runner: Firefox and WebKit at a lower priority beside
  // Chromium (test/run.mjs), WebKit typing through WebDriver: they get twice the time per test.
  testFramework: { config: { timeout: found.chromium ? 10000 : 20000 } },
  // One tab at a time in each engine: a background tab gets no animation frames, and fixtures wait
  // for them. The engines themselves run side by side.
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 60000,
  // A test page's first request, not the test: WebKit's proofs page missed the default 20 s once at load 14.
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    viewportPlugin(),
  ],
  browsers: Object.keys(found).map((name) => launchers[name]()),
};
