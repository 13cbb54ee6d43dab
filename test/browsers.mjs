// The three engines the browser tests run in, found on this machine or installed from Debian:
//   chromium  Debian's `chromium`                   (CHROME_PATH overrides)
//   firefox   Debian's `firefox-esr`                (FIREFOX_PATH overrides), driven by puppeteer-core
//             over WebDriver BiDi
//   webkit    Debian's `webkit2gtk-driver`: WebKitWebDriver drives the WebKitGTK MiniBrowser
//             (Safari's engine), which needs a display: Xvfb, from Debian's `xvfb`
// Whatever is missing is installed in one apt-get run when we are root with apt; otherwise the run
// stops with one line saying how to install it.
import { existsSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--lang=en-US',
  // Tests run in several tabs at once; a background tab must still get animation frames and timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

// The engines to test, from FIRM_BROWSERS (e.g. `FIRM_BROWSERS=firefox npx web-test-runner …`);
// all three by default.
export function selectedEngines() {
  const wanted = (process.env.FIRM_BROWSERS ?? ENGINES.join(','))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !ENGINES.includes(name));
  if (unknown.length > 0) {
    console.error(`firm-widgets: FIRM_BROWSERS names ${unknown.join(', ')}; the engines are ${ENGINES.join(', ')}.`);
    process.exit(1);
  }
  return ENGINES.filter((name) => wanted.includes(name));
}

const firstExisting = (paths) => paths.find((path) => path && existsSync(path));

// WebKitGTK keeps MiniBrowser in its library folder, which is named for the architecture.
function findMiniBrowser() {
  const candidates = [process.env.MINIBROWSER_PATH];
  for (const lib of ['/usr/lib', '/usr/lib64']) {
    if (!existsSync(lib)) continue;
    for (const entry of readdirSync(lib)) {
      candidates.push(`${lib}/${entry}/webkit2gtk-4.1/MiniBrowser`);
    }
    candidates.push(`${lib}/webkit2gtk-4.1/MiniBrowser`);
  }
  return firstExisting(candidates);
}

// Each engine: where it may be, the Debian packages that bring it, how to say it is missing.
const FINDERS = {
  chromium: {
    packages: ['chromium'],
    find: () => firstExisting([process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']),
    hint: 'set CHROME_PATH to a Chrome/Chromium binary',
  },
  firefox: {
    packages: ['firefox-esr'],
    find: () => firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']),
    hint: 'set FIREFOX_PATH to a Firefox binary',
  },
  webkit: {
    packages: ['webkit2gtk-driver', 'xvfb'],
    find: () => {
      const driver = firstExisting([process.env.WEBKIT_WEBDRIVER, '/usr/bin/WebKitWebDriver']);
      const miniBrowser = findMiniBrowser();
      const xvfb = firstExisting(['/usr/bin/Xvfb']);
      return driver && miniBrowser && xvfb ? { driver, miniBrowser, xvfb } : undefined;
    },
    hint: 'or skip WebKit with FIRM_BROWSERS=chromium,firefox',
  },
};

/**
 * Finds every engine named (default: those FIRM_BROWSERS selects), installing what is missing in one
 * apt-get run when it can. Returns { chromium: path, firefox: path, webkit: {driver, miniBrowser, xvfb} }.
 */
export function findBrowsers(engines = selectedEngines(), { install = true } = {}) {
  let found = Object.fromEntries(engines.map((name) => [name, FINDERS[name].find()]));
  let missing = engines.filter((name) => !found[name]);
  if (missing.length === 0) return found;

  const packages = missing.flatMap((name) => FINDERS[name].packages);
  const canInstall = install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log(`firm-widgets: ${missing.join(', ')} not found; installing Debian's ${packages.join(' ')} (a minute or two)…`);
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')} >/dev/null`,
      { stdio: 'inherit', shell: '/bin/bash' },
    );
    found = Object.fromEntries(engines.map((name) => [name, FINDERS[name].find()]));
    missing = engines.filter((name) => !found[name]);
    if (missing.length === 0) return found;
  }
  const hints = missing.map((name) => FINDERS[name].hint).join('; ');
  console.error(
    `firm-widgets: no ${missing.join(', ')} found. Install it (Debian: sudo apt-get install ${packages.join(' ')}); ${hints}.`,
  );
  process.exit(1);
}

export function findChrome({ install = true } = {}) {
  return findBrowsers(['chromium'], { install }).chromium;
}
