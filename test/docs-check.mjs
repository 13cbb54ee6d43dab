// The README documents every public attribute, event, part and custom property that the
// custom-elements manifest (built from each element's JSDoc) lists. Run after `npm run build`.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const missing = [];
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.tagName) continue;
    const start = readme.indexOf(`### \`<${d.tagName}>\``);
    if (start < 0) {
      missing.push(`<${d.tagName}>: no "### \`<${d.tagName}>\`" section`);
      continue;
    }
    const end = readme.indexOf('\n### ', start + 5);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const names = [
      ...(d.attributes ?? []).map((a) => a.name),
      ...(d.events ?? []).map((e) => e.name),
      ...(d.cssParts ?? []).map((p) => p.name),
      ...(d.cssProperties ?? []).map((p) => p.name),
    ];
    for (const name of names) if (name && !section.includes(`\`${name}\``)) missing.push(`<${d.tagName}>: \`${name}\``);
  }
}
if (missing.length) {
  console.error(`README.md does not document:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log('README documents every attribute, event, part and custom property in the manifest.');
