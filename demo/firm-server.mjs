// `npm start` runs the demo on the real firm-widgets-server: this vite plugin (dev server only)
// starts the command on its embedded SQLite (data in server/firm-data, mail as .eml files there),
// passes /api to it, and points the demo page's comments and contact form at it. The page's file
// keeps its server-less setup (comments in the browser, a mailto: form) for hosting without one.
import { spawn } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../server/bin/firm-widgets-server.mjs', import.meta.url));
const DATA = fileURLToPath(new URL('../server/firm-data', import.meta.url));
export const DEMO_SERVER_PORT = Number(process.env.FIRM_DEMO_PORT ?? 8787);
const API = '/api/default';

export function firmServer() {
  return {
    name: 'firm-widgets-server',
    apply: 'serve',
    config: () => ({ server: { proxy: { '/api/': `http://127.0.0.1:${DEMO_SERVER_PORT}` } } }),
    configureServer(vite) {
      const child = spawn(process.execPath, [BIN, 'start'], {
        env: { ...process.env, PORT: String(DEMO_SERVER_PORT), FIRM_DATA: DATA, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Its snippet and where the data is, once; its JSON logs stay quiet behind vite's.
      let told = false;
      child.stdout.on('data', (chunk) => {
        const text = String(chunk);
        if (!told && text.includes('listening on')) {
          told = true;
          vite.config.logger.info(`\n${text.split('\n').filter((l) => !l.startsWith('{')).slice(0, 3).join('\n')}\n`);
        }
      });
      const stop = () => child.kill('SIGTERM');
      process.once('exit', stop);
      vite.httpServer?.once('close', stop);
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, { path }) {
        if (!path.endsWith('/demo/index.html')) return html;
        return html
          .replace('<firm-comments post-id="first-consultation">', `<firm-comments source="rest" endpoint="${API}/comments" post-id="first-consultation">`)
          .replace('<firm-contact-form topics=', `<firm-contact-form endpoint="${API}/messages" topics=`);
      },
    },
  };
}
