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

const KEEP = /^(p|br|a|strong|em|b|i|code|blockquote|ul|ol|li|pre)$/;
/** Elements whose content is not text a person wrote: dropped whole. */
const DROP = /^(script|style|template|title|textarea|iframe|noscript|noembed|noframes|xmp|object|svg|math)$/;
/** Opening one of these closes an open paragraph, as a browser does. */
const BLOCK = /^(p|ul|ol|pre|blockquote)$/;
// Names and attributes stop at "<" so that a run of broken tags is read in linear time.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-z][\w-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>|<[!?/][^<>]*>?|[^<]+|</gi;
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\xa0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  iexcl: '¡',
  iquest: '¿',
};
/** `&eacute;`, `&Ntilde;`, `&uuml;`…: the letter and a combining mark, composed. */
const MARKS: Record<string, string> = { acute: '\u0301', grave: '\u0300', tilde: '\u0303', uml: '\u0308', circ: '\u0302', cedil: '\u0327' };

export function decode(s: string): string {
  return s.replace(/&(?:#(x?)([\da-f]+)|([a-z]+));/gi, (all, hex: string, num: string, name: string) => {
    if (name) {
      const mark = /^([a-z])([a-z]+)$/i.exec(name);
      return NAMED[name] ?? (mark && MARKS[mark[2]] ? (mark[1] + MARKS[mark[2]]).normalize() : all);
    }
    const cp = parseInt(num, hex ? 16 : 10);
    return String.fromCodePoint(cp > 0 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
  });
}

/** An absolute http(s) address (and mailto when `mail`), normalised; else "". */
export function safeUrl(u: unknown, mail = false): string {
  try {
    const url = new URL(String(u ?? '').trim());
    return url.protocol === 'http:' || url.protocol === 'https:' || (mail && url.protocol === 'mailto:') ? url.href : '';
  } catch {
    return '';
  }
}

/** Plain text: paragraphs at blank lines, line breaks kept. */
export function fromText(s: string): Tree {
  return s.trim()
    ? s
        .trim()
        .split(/\r?\n\s*\n/)
        .map((p) => ({ t: 'p', c: p.split(/\r?\n/).flatMap((line, i) => (i ? [{ t: 'br', c: [] }, line] : [line])) }))
    : [];
}

/** HTML (WordPress's `content.rendered`) as a tree of allowed elements; everything else as its text. */
export function parse(src: string): Tree {
  const root: Rich = { t: '', c: [] };
  const open = [root];
  const last = (tag: string) => open.map((n) => n.t).lastIndexOf(tag);
  const add = (n: string | Rich) => {
    const top = open[open.length - 1];
    // A list holds only items: stray content gets one, as axe and screen readers expect.
    if (/^[uo]l$/.test(top.t) && (typeof n === 'string' ? n.trim() : n.t !== 'li')) {
      const li: Rich = { t: 'li', c: [] };
      top.c.push(li);
      open.push(li);
    }
    open[open.length - 1].c.push(n);
  };
  let skip = '';
  for (const [token, close, name, attrs] of String(src).matchAll(TOKEN)) {
    const tag = name?.toLowerCase();
    if (skip) {
      if (close && tag === skip) skip = '';
    } else if (!tag) {
      if (token[0] !== '<' || token.length === 1) add(decode(token));
    } else if (DROP.test(tag)) {
      if (!close) skip = tag;
    } else if (KEEP.test(tag)) {
      const list = Math.max(last('ul'), last('ol'));
      if (close) {
        const at = last(tag);
        if (at > 0) open.length = at;
        continue;
      }
      if (BLOCK.test(tag) && last('p') > 0) open.length = last('p');
      if (tag === 'li') {
        if (list < 0) continue;
        if (last('li') > list) open.length = last('li');
      }
      const node: Rich = { t: tag, c: [] };
      if (tag === 'a') {
        let href = '';
        for (const [, key, ...value] of attrs.matchAll(ATTR)) if (key.toLowerCase() === 'href') href ||= safeUrl(decode(value.join('')), true);
        if (!href || last('a') > 0) continue;
        node.h = href;
      }
      add(node);
      if (tag !== 'br') open.push(node);
    }
  }
  return root.c;
}
