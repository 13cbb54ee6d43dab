/** Running the real command in a child process, as a webmaster would, for the process-level tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/firm-widgets-server.mjs', import.meta.url));
const STARTUP_MS = 60_000;

export interface Running {
  proc: ChildProcess;
  /** The address it printed. */
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `firm-widgets-server [args]` and resolves once it printed where it listens. */
export function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`no start in ${STARTUP_MS} ms:\n${out}`));
    }, STARTUP_MS);
    const read = (chunk: Buffer) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off('data', read);
        proc.stdout!.on('data', (c: Buffer) => (out += c));
        resolve({ proc, base: m[1], output: () => out, exited });
      }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', (c: Buffer) => (out += c));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening:\n${out}`));
    });
  });
}
