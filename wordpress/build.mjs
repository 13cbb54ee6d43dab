// `npm run build:wordpress`: dist/firm-widgets-wordpress.zip, the plugin folder with the built kit
// inside as assets/firm-widgets.js (the module pages load) and assets/firm-widgets.iife.js (the
// classic script the block editor's previews run), ready for Plugins → Add New → Upload. Written
// here (deflate from node:zlib) so no zip program is needed.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { join, relative, dirname } from 'node:path';
import process from 'node:process';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = join(root, 'wordpress/firm-widgets');
const kit = join(root, 'dist/firm-widgets.js');
const out = join(root, 'dist/firm-widgets-wordpress.zip');

const classic = join(root, 'dist/firm-widgets.iife.js');

if (!existsSync(kit)) {
  console.error('firm-widgets: dist/firm-widgets.js is missing; run vite build first');
  process.exit(1);
}
// The classic build, made fresh beside the module that `vite build` just made.
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'iife', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

const entries = files(plugin).map((path) => ({ name: `firm-widgets/${relative(plugin, path)}`, data: readFileSync(path) }));
entries.push({ name: 'firm-widgets/assets/firm-widgets.js', data: readFileSync(kit) });
entries.push({ name: 'firm-widgets/assets/firm-widgets.iife.js', data: readFileSync(classic) });

// A fixed timestamp (2026-01-01 00:00) keeps the zip byte-for-byte the same for the same input.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
const locals = [];
const centrals = [];
let offset = 0;
for (const { name, data } of entries) {
  const nameBuf = Buffer.from(name, 'utf8');
  const packed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  // The 26 bytes the local header and the central directory entry share, in the same order.
  const common = Buffer.alloc(26);
  common.writeUInt16LE(20, 0); // version needed
  common.writeUInt16LE(0x0800, 2); // UTF-8 names
  common.writeUInt16LE(8, 4); // deflate
  common.writeUInt16LE(DOS_TIME, 6);
  common.writeUInt16LE(DOS_DATE, 8);
  common.writeUInt32LE(crc, 10);
  common.writeUInt32LE(packed.length, 14);
  common.writeUInt32LE(data.length, 18);
  common.writeUInt16LE(nameBuf.length, 22);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  common.copy(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
  common.copy(central, 6);
  central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
  central.writeUInt32LE(offset, 42);
  locals.push(local, nameBuf, packed);
  centrals.push(central, nameBuf);
  offset += local.length + nameBuf.length + packed.length;
}
const centralSize = centrals.reduce((n, b) => n + b.length, 0);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(entries.length, 8);
end.writeUInt16LE(entries.length, 10);
end.writeUInt32LE(centralSize, 12);
end.writeUInt32LE(offset, 16);

mkdirSync(dirname(out), { recursive: true });
const zip = Buffer.concat([...locals, ...centrals, end]);
writeFileSync(out, zip);
console.log(`firm-widgets: ${relative(root, out)} (${entries.length} files, ${(zip.length / 1024).toFixed(1)} KB)`);
