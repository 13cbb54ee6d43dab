// A real WordPress on 127.0.0.1 for the plugin's tests: Debian's packages, a private MariaDB on a
// socket, `php -S` with workers, the site installed by calling wp_install(), the plugin uploaded
// from the built zip, mail written to a log. Everything lives in one temp folder and stops with
// stop(), including the server's worker processes.
//
// WordPress 6.1 is Debian 12's installed package; 6.8 (trixie) and 7.1 (sid) are fetched from
// Debian's archive with apt-get download (a private apt folder: the system's sources and package
// state are not touched), with the packages they link into (libphp-phpmailer, php-getid3,
// libjs-*), and unpacked with dpkg-deb -x into a folder of their own, never installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { freePort } from '../free-port.mjs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
const SYSTEM_WP = '/usr/share/wordpress';

/** The WordPress releases the suite runs on: Debian's suite for each, and what its package links to. */
export const WORDPRESS = {
  '6.1': { suite: null },
  '6.8': { suite: 'trixie', packages: ['wordpress', 'wordpress-theme-twentytwentythree', 'libjs-cropper', 'libjs-lodash', 'libjs-underscore', 'php-getid3'] },
  '7.1': {
    suite: 'sid',
    packages: ['wordpress', 'wordpress-theme-twentytwentythree', 'libjs-cropper', 'libjs-jquery-ui', 'libjs-lodash', 'libjs-underscore', 'libphp-phpmailer', 'php-getid3'],
  },
};
/** Where fetched releases are kept between runs (a download, not an installation). */
const CACHE = join(tmpdir(), 'firm-widgets-wordpress');
/** Package lists older than this are fetched again. */
const LISTS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const CONFIG = '/etc/wordpress/config-127.0.0.1.php';
const MARK = '// written by firm-widgets test/wordpress/site.mjs';
const HOST = '127.0.0.1';

export const PACKAGES = [
  'wordpress',
  'wordpress-theme-twentytwentythree',
  'wordpress-theme-twentytwentyone',
  'mariadb-server',
  'php-cli',
  'php-mysql',
  'php-mbstring',
  'php-xml',
  // WordPress's personal data export packs its file with ZipArchive.
  'php-zip',
];

const log = (...a) => console.log('[wordpress]', ...a);

function installed(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return false;
  }
}

/**
 * Installs the Debian packages that are missing (root with apt-get), else says how and exits. Waits
 * for another apt (the browser tests install theirs the same way) rather than failing on its lock.
 */
export function ensurePackages() {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (!missing.length) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`firm-widgets: test:wordpress needs Debian's packages: sudo apt-get install ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`installing ${missing.join(' ')} …`);
  const t = Date.now();
  execFileSync('/bin/bash', ['-c', `apt-get -o DPkg::Lock::Timeout=900 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends ${missing.join(' ')} >/dev/null`], {
    stdio: 'inherit',
  });
  log(`packages installed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * The folder holding WordPress `version` (its /usr/share/wordpress): Debian 12's own for 6.1, else
 * the release fetched from Debian's archive and unpacked under CACHE (once; later runs reuse it).
 */
export function ensureWordPress(version) {
  const release = WORDPRESS[version];
  if (!release) throw new Error(`WordPress ${version} is not one the tests know (${Object.keys(WORDPRESS).join(', ')})`);
  if (!release.suite) return SYSTEM_WP;
  const root = join(CACHE, version);
  const wordpress = join(root, 'usr/share/wordpress');
  const done = join(root, '.unpacked');
  if (existsSync(done)) return wordpress;

  const apt = join(CACHE, 'apt');
  const debs = join(CACHE, `debs-${version}`);
  for (const d of [join(apt, 'lists/partial'), join(apt, 'archives/partial'), debs]) mkdirSync(d, { recursive: true });
  writeFileSync(join(apt, 'sources.list'), Object.values(WORDPRESS).filter((r) => r.suite).map((r) => `deb http://deb.debian.org/debian ${r.suite} main\n`).join(''));
  const options = [
    `Dir::Etc::SourceList=${join(apt, 'sources.list')}`,
    'Dir::Etc::SourceParts=/dev/null',
    `Dir::State::Lists=${join(apt, 'lists')}`,
    `Dir::Cache::Archives=${join(apt, 'archives')}`,
    `Dir::Cache::pkgcache=${join(apt, 'pkgcache.bin')}`,
    `Dir::Cache::srcpkgcache=${join(apt, 'srcpkgcache.bin')}`,
    'Debug::NoLocking=1',
    'Acquire::Languages=none',
    // apt's _apt user cannot write into root's temp folder; the download is ours anyway.
    'APT::Sandbox::User=root',
  ].flatMap((o) => ['-o', o]);
  const stamp = join(apt, 'updated');
  if (!existsSync(stamp) || Date.now() - statSync(stamp).mtimeMs > LISTS_MAX_AGE_MS) {
    log(`fetching Debian's package lists for ${Object.values(WORDPRESS).filter((r) => r.suite).map((r) => r.suite).join(' and ')} …`);
    execFileSync('apt-get', [...options, '-qq', 'update'], { stdio: 'inherit' });
    writeFileSync(stamp, '');
  }
  log(`fetching WordPress ${version} from Debian ${release.suite} …`);
  execFileSync('apt-get', [...options, '-qq', 'download', ...release.packages.map((p) => `${p}/${release.suite}`)], { cwd: debs, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) execFileSync('dpkg-deb', ['-x', join(debs, deb), root]);
  // The package's links are relative (../../../javascript/…), so they land inside root; an
  // absolute one is pointed at its copy in root where there is one.
  (function relink(dir) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) relink(path);
      else if (e.isSymbolicLink()) {
        const target = readlinkSync(path);
        if (target.startsWith('/') && existsSync(join(root, target))) {
          rmSync(path);
          symlinkSync(join(root, target), path);
        }
      }
    }
  })(wordpress);
  const found = readFileSync(join(wordpress, 'wp-includes/version.php'), 'utf8').match(/\$wp_version = '([^']+)'/)?.[1];
  if (!found?.startsWith(`${version}.`) && found !== version) throw new Error(`Debian ${release.suite} has WordPress ${found}, not ${version}`);
  writeFileSync(done, found);
  return wordpress;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, test, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await test()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

/** Stops a detached child and everything in its process group. */
function stopGroup(child, name) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
    log(`stopping ${name}`);
  });
}

/** What a running site offers the tests; also serialisable to the test processes. */
export class Site {
  constructor(info) {
    Object.assign(this, info);
  }

  /** Runs PHP inside WordPress (wp-load.php loaded, as no user) and returns what it `return`s, as JSON. */
  php(code, { input } = {}) {
    const out = execFileSync('php', [join(this.dir, 'eval.php')], {
      input: code,
      encoding: 'utf8',
      env: { ...process.env, FIRM_WP_PORT: String(this.port), FIRM_WP_ROOT: this.wordpress, ...(input ? { FIRM_INPUT: JSON.stringify(input) } : {}) },
    });
    const line = out.trim().split('\n').pop();
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`PHP printed something that is not JSON:\n${out}`);
    }
  }

  /** Runs SQL on the site's database and returns rows of tab-separated columns. */
  sql(query) {
    const out = execFileSync('mariadb', ['--no-defaults', '--default-character-set=utf8mb4', `--socket=${this.socket}`, '-u', 'root', '-N', '-B', 'wordpress', '-e', query], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
  }

  /** Every mail WordPress sent, oldest first. */
  mails() {
    if (!existsSync(this.mailLog)) return [];
    return readFileSync(this.mailLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }

  /** PHP notices, warnings and errors WordPress logged (WP_DEBUG_LOG). */
  debugLog() {
    return existsSync(this.debugFile) ? readFileSync(this.debugFile, 'utf8') : '';
  }
}

/**
 * Starts MariaDB and PHP, installs WordPress and the plugin from `zip`. Returns { site, stop }.
 * `stop()` is safe to call twice and from signal handlers.
 */
export async function startSite({ zip = join(ROOT, 'dist/firm-widgets-wordpress.zip'), keep = false, wordpress = SYSTEM_WP } = {}) {
  const WP = wordpress;
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run npm run build:wordpress`);
  if (existsSync(CONFIG) && !readFileSync(CONFIG, 'utf8').includes(MARK)) {
    throw new Error(`${CONFIG} exists and was not written by these tests; move it away first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'firm-wp-'));
  const children = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const [child, name] of children.reverse()) await stopGroup(child, name);
    if (existsSync(CONFIG) && readFileSync(CONFIG, 'utf8').includes(MARK)) rmSync(CONFIG);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  };

  try {
    // MariaDB: its own data folder and socket; no TCP port at all.
    const data = join(dir, 'db');
    const socket = join(dir, 'mysqld.sock');
    const t = Date.now();
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const db = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--socket=${socket}`,
        '--skip-networking',
        '--user=root',
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${join(dir, 'mysqld.err')}`,
        '--innodb-buffer-pool-size=64M',
        '--skip-log-bin',
      ],
      { detached: true, stdio: 'ignore' },
    );
    children.push([db, 'MariaDB']);
    await until('MariaDB', () => {
      execFileSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-u', 'root', 'ping'], { stdio: 'ignore' });
      return true;
    });
    const password = randomBytes(12).toString('hex');
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-u', 'root', '-e',
      `CREATE DATABASE wordpress CHARACTER SET utf8mb4; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${password}'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`]);
    log(`MariaDB ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // The document root mirrors Debian's WordPress, except wp-content, which is ours.
    const port = await freePort(HOST);
    const url = `http://${HOST}:${port}`;
    const www = join(dir, 'www');
    const content = join(www, 'wp-content');
    mkdirSync(join(content, 'plugins'), { recursive: true });
    mkdirSync(join(content, 'themes'));
    mkdirSync(join(content, 'mu-plugins'));
    mkdirSync(join(content, 'uploads'));
    for (const entry of readdirSync(WP)) if (entry !== 'wp-content') symlinkSync(join(WP, entry), join(www, entry));
    for (const theme of readdirSync(join(WP, 'wp-content/themes'))) symlinkSync(join(WP, 'wp-content/themes', theme), join(content, 'themes', theme));
    // The tests' classic theme ships only with Debian 12's WordPress; it runs on the later ones too.
    const classic = join(SYSTEM_WP, 'wp-content/themes/twentytwentyone');
    if (!existsSync(join(content, 'themes/twentytwentyone'))) symlinkSync(classic, join(content, 'themes/twentytwentyone'));
    copyFileSync(join(here, 'php/test-machine.php'), join(content, 'mu-plugins/test-machine.php'));
    copyFileSync(join(here, 'php/eval.php'), join(dir, 'eval.php'));

    const mailLog = join(dir, 'mail.log');
    const debugFile = join(dir, 'debug.log');
    const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
      .map((k) => `define('${k}', '${randomBytes(24).toString('hex')}');`)
      .join('\n');
    const php = (v) => `'${String(v).replace(/[\\']/g, (c) => '\\' + c)}'`;
    writeFileSync(
      CONFIG,
      `<?php
${MARK}
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', ${php(password)});
define('DB_HOST', ${php('localhost:' + socket)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', ${php(url)});
define('WP_SITEURL', ${php(url)});
define('WP_CONTENT_DIR', ${php(content)});
define('WP_CONTENT_URL', ${php(url + '/wp-content')});
define('DISABLE_WP_CRON', true);
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', ${php(debugFile)});
define('WP_DEBUG_DISPLAY', false);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FIRM_TEST_MAIL_LOG', ${php(mailLog)});
${salts}
`,
    );

    // php -S: several workers, or WordPress calling itself stalls; its own process group.
    const server = spawn('php', ['-S', `${HOST}:${port}`, '-t', www], {
      cwd: www,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    });
    let serverErr = '';
    server.stderr.on('data', (d) => {
      // The server logs every request on stderr; keep only the tail for a failure message.
      serverErr = (serverErr + d).slice(-4000);
    });
    children.push([server, 'php -S']);
    await until('php -S', async () => (await fetch(`${url}/wp-includes/images/blank.gif`)).ok, 15000).catch((e) => {
      throw new Error(`${e.message}\n${serverErr}`);
    });

    const site = new Site({ url, port, dir, socket, mailLog, debugFile, www, wordpress: WP });
    const t2 = Date.now();
    const setup = site.php(readFileSync(join(here, 'php/install.php'), 'utf8'), { input: { zip } });
    log(`WordPress ${setup.version} installed in ${((Date.now() - t2) / 1000).toFixed(1)} s at ${url} (${dir})`);
    Object.assign(site, { posts: setup.posts, admin: setup.admin, versions: { wordpress: setup.version, php: setup.php, db: setup.db } });
    return { site, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
