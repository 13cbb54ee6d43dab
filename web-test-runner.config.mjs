import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { findChrome, CHROME_FLAGS } from './test/chrome.mjs';

const executablePath = findChrome();

// Test-only servers: each test/servers/*.mjs exports a koa middleware (default export) that
// answers its own paths (e.g. /test-api/comments/...) and passes the rest on.
const servers = readdirSync(new URL('./test/servers/', import.meta.url)).filter((f) => f.endsWith('.mjs'));
const middleware = await Promise.all(servers.map(async (f) => (await import(`./test/servers/${f}`)).default));

export default {
  files: ['test/**/*.test.ts', '!test/wordpress/**', '!test/bench/**'],
  nodeResolve: true,
  middleware,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // Tests are pinned to one zone and language, so they pass on any machine.
  testFramework: { config: { timeout: 10000 } },
  // One tab at a time: a background tab gets no animation frames, and fixtures wait for them.
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROME_FLAGS,
        env: { ...process.env, TZ: 'America/New_York', LANG: 'en_US.UTF-8' },
      },
    }),
  ],
};
