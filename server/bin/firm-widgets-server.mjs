#!/usr/bin/env node
// The command. The server is written in TypeScript. `npm run build` (in server/) compiles it to
// dist/, which runs with no compiler loaded (less memory, a faster start); without a build, or
// when a file in src/ is newer than the build (a checkout being worked on), tsx compiles each
// module as it loads, so `npx firm-widgets-server` works from a checkout too.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'cli.js');

/** The newest modification time of the files under `dir`, in ms. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

let main;
if (existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'))) {
  ({ main } = await import(built));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
