// WebKit for web-test-runner: Safari's engine as WebKitGTK ships it. @web/test-runner-webdriver
// talks WebDriver to WebKitWebDriver, which starts `MiniBrowser --automation`. MiniBrowser has no
// headless mode, so this launcher also starts a private Xvfb display for it, and stops both after.
import { spawn } from 'node:child_process';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { Key } from 'webdriverio';
import { freePort } from './free-port.mjs';

// The page size every engine's tests see (the Chromium and Firefox launchers set the same).
const VIEWPORT = { width: 800, height: 600 };
const START_TIMEOUT = 30000;
const POLL_INTERVAL = 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Xvfb picks a free display number itself and writes it to the descriptor given by -displayfd.
function startXvfb(xvfb) {
  const DISPLAY_FD = 3;
  const child = spawn(xvfb, ['-displayfd', String(DISPLAY_FD), '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  return new Promise((resolve, reject) => {
    let number = '';
    child.stdio[DISPLAY_FD].on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve({ child, display: `:${number.trim()}` });
    });
    child.on('exit', (code) => reject(new Error(`Xvfb stopped (exit ${code}): ${errors.trim()}`)));
    child.on('error', reject);
  });
}

async function waitForDriver(port, child) {
  const deadline = Date.now() + START_TIMEOUT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver stopped (exit ${child.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(POLL_INTERVAL);
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} within ${START_TIMEOUT} ms`);
}

class WebKitLauncher extends WebdriverLauncher {
  constructor({ driver, miniBrowser, xvfb, env }) {
    super({
      hostname: '127.0.0.1',
      port: 0, // chosen when the driver starts
      logLevel: 'error',
      capabilities: {
        'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
      },
    });
    this.paths = { driver, xvfb };
    this.env = env;
    this.children = [];
    // If the runner is stopped before stop() (Ctrl-C, a failed gate), the display and driver go too.
    process.on('exit', () => this.children.forEach((child) => child.kill()));
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async startSession(id, url) {
    await this.startDriver();
    return super.startSession(id, url);
  }

  async createDriverManager() {
    const manager = await super.createDriverManager();
    await this.sizeViewport(VIEWPORT);
    return manager;
  }

  // The window includes MiniBrowser's toolbar: size it so the page itself gets `viewport`.
  async sizeViewport({ width, height }) {
    await this.driver.setWindowRect(null, null, width, height);
    const [innerWidth, innerHeight] = await this.driver.execute(() => [window.innerWidth, window.innerHeight]);
    await this.driver.setWindowRect(null, null, 2 * width - innerWidth, 2 * height - innerHeight);
  }

  // @web/test-runner-webdriver hands the keys to webdriverio's keys(), which presses them as one
  // chord (all down, then all up): a repeated letter or space then counts once ("Kep me"). Each key
  // goes down and up in turn here, as a person types; named keys ('Tab', 'ArrowDown') by their
  // WebDriver code.
  async sendKeys(_sessionId, keys) {
    const actions = keys.flatMap((key) => {
      // A typed line break is the Enter key, as puppeteer has it.
      const value = key === '\n' ? Key.Enter : (Key[key] ?? key);
      return [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ];
    });
    // Every key is up again at the end, so no releaseActions() (one less request to a driver that
    // has been seen to crash).
    await this.driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
  }

  startDriver() {
    this.driverStarted ??= (async () => {
      const { child: xvfb, display } = await startXvfb(this.paths.xvfb);
      this.children.push(xvfb);
      const port = await freePort();
      const driver = spawn(this.paths.driver, [`--port=${port}`], {
        env: { ...this.env, DISPLAY: display },
        stdio: 'ignore',
      });
      this.children.push(driver);
      await waitForDriver(port, driver);
      this.options.port = port;
    })();
    return this.driverStarted;
  }

  async stop() {
    await super.stop();
    for (const child of this.children.reverse()) child.kill();
    this.children = [];
  }
}

export function webkitLauncher(options) {
  return new WebKitLauncher(options);
}

/**
 * The `firm-viewport` command (test/page.ts `viewport()`): @web/test-runner-commands' setViewport()
 * refuses WebDriver launchers, so the tests size the page through this, in every engine.
 */
export function viewportPlugin() {
  return {
    name: 'firm-viewport',
    async executeCommand({ command, payload, session }) {
      if (command !== 'firm-viewport') return undefined;
      if (session.browser instanceof WebKitLauncher) {
        await session.browser.sizeViewport(payload);
      } else {
        await session.browser.getPage(session.id).setViewport(payload);
      }
      return true;
    },
  };
}
