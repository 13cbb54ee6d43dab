// Serves the proof page (test/proofs/page.html) in its variants, as a webmaster's server would:
//   /proof/page.html?csp     with the strict Content-Security-Policy header
//   /proof/page.html?hostile with a theme stylesheet full of global !important rules
//   /proof/page.html?twice   with the ES build twice and the classic build beside it
// and /proof/tags.json: the tag of every element folder in src/elements.
import { readFileSync, readdirSync } from 'node:fs';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

export default async function proofs(ctx, next) {
  if (ctx.path === '/proof/tags.json') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(readdirSync('src/elements').map((d) => `firm-${d}`));
    return;
  }
  if (ctx.path !== '/proof/page.html') return next();
  const q = ctx.query;
  let head = '<script src="/test/proofs/probe.js"></script>\n';
  if ('hostile' in q) head += '<link rel="stylesheet" href="/test/proofs/hostile.css" />\n';
  if ('twice' in q) head += '<script src="/dist/firm-widgets.iife.js"></script>\n<script type="module" src="/dist/firm-widgets.js?copy=2"></script>\n';
  head += '<script type="module" src="/dist/firm-widgets.js"></script>';
  if ('csp' in q) ctx.set('Content-Security-Policy', CSP);
  ctx.type = 'text/html';
  ctx.body = readFileSync('test/proofs/page.html', 'utf8').replace('<!--HEAD-->', head);
}
