// Finds the Chromium the tests drive: CHROME_PATH, else Debian's /usr/bin/chromium, else installs
// Debian's package when it can (root with apt-get), else stops with one line saying how.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

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

export function findChrome({ install = true } = {}) {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && existsSync(p));
  if (found) return found;
  const root = process.getuid?.() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (install && root && apt) {
    console.log('firm-widgets: Chromium not found; installing Debian\'s chromium package (about a minute)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    'firm-widgets: no Chromium found. Install it (Debian: sudo apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
  process.exit(1);
}
