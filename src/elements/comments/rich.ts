/**
 * Comment text as a small tree of allowed elements, never as HTML. The element rebuilds it through
 * lit templates, so nothing a server sends is parsed by the browser as markup.
 *
 * Why a tokenizer of our own rather than `DOMParser`: under `require-trusted-types-for 'script'`
 * every browser HTML parser reachable from script (`DOMParser`, `innerHTML` on a `<template>` or an
 * inert document, `createContextualFragment`) is a Trusted Types sink. Feeding it would need a
 * policy that passes server HTML through, which strict sites forbid by name. This parser reaches no
 * sink, and safety never rests on parsing the way a browser would: the output is built element by
 * element from an allowlist, with no serialisation that could mutate.
 */

export interface Rich {
  /** One of the allowed tag names. */
  t: string;
  /** A checked http, https or mailto address, for `a`. */
  h?: string;
  c: Tree;
}
export type Tree = (string | Rich)[];

/** The elements kept; checked again when a tree is built, as one from storage may be tampered with. */
export const KEEP = /^(p|br|a|strong|em|b|i|code|blockquote|ul|ol|li|pre)$/;
/** Elements whose content is not text a person wrote: dropped whole. */
const DROP = /^(script|style|template|title|textarea|iframe|noscript|noembed|noframes|xmp|object|svg|math)$/;
// Names and attributes stop at "<" so that a run of broken tags is read in linear time.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-z][\w-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>|<[!?/][^<>]*>?|[^<]+|</gi;
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

// WordPress writes other characters as numbers (&#8217;) or as themselves.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0' };

export function decode(s: string): string {
  return s.replace(/&(?:#(x?)([\da-f]+)|([a-z]+));/gi, (all, hex: string, num: string, name: string) => {
    if (name) return NAMED[name] ?? all;
    const cp = parseInt(num, hex ? 16 : 10);
    return String.fromCodePoint(cp > 0 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
  });
}

/** An absolute http(s) address (and mailto when `mail`), normalised; else "". */
export function safeUrl(u: unknown, mail = false): string {
  if (!u) return '';
  try {
    const url = new URL(String(u ?? '').trim());
    return url.protocol === 'http:' || url.protocol === 'https:' || (mail && url.protocol === 'mailto:') ? url.href : '';
  } catch {
    return '';
  }
}

/** HTML (WordPress's `content.rendered`) as a tree of allowed elements; everything else as its text. */
export function parse(src: string): Tree {
  const root: Rich = { t: '', c: [] };
  const open = [root];
  const last = (tag: string) => open.map((n) => n.t).lastIndexOf(tag);
  let skip = '';
  for (const [token, close, name, attrs] of String(src).matchAll(TOKEN)) {
    const tag = name?.toLowerCase();
    const top = open[open.length - 1];
    if (skip) {
      if (close && tag === skip) skip = '';
    } else if (!tag) {
      if (token[0] !== '<' || !token[1]) top.c.push(decode(token));
    } else if (DROP.test(tag)) {
      skip = close ? '' : tag;
    } else if (close) {
      if (last(tag) > 0) open.length = last(tag);
    } else if (KEEP.test(tag)) {
      let h;
      if (tag === 'a') {
        for (const [, key, ...value] of attrs.matchAll(ATTR)) if (key.toLowerCase() === 'href') h ||= safeUrl(decode(value.join('')), true);
        // Links do not nest.
        if (!h || last('a') > 0) continue;
      }
      const node: Rich = { t: tag, h, c: [] };
      top.c.push(node);
      if (tag !== 'br') open.push(node);
    }
  }
  return root.c;
}
