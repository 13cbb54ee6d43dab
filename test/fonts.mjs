// The pictures (README, WordPress.org) show the language badges in their own scripts: Korean is
// drawn as empty boxes on a machine with no Korean font, as on a bare Debian. The pictures'
// scripts install one (Debian's fonts-nanum, 10 MB) when they can; the tests do not need it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const hasKorean = () => {
  try {
    return execSync('fc-list :lang=ko family', { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

/** Makes sure a Korean font is installed, or says once why the pictures' Korean will be boxes. */
export function ensureBadgeFonts() {
  if (hasKorean()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum >/dev/null', { stdio: 'inherit' });
    if (hasKorean()) return;
  }
  console.warn('firm-widgets: no Korean font found (Debian: sudo apt-get install fonts-nanum); the pictures will show its badge as boxes.');
}
