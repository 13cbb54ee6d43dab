/**
 * Comment HTML (WordPress's `content.rendered`) rebuilt as new elements from an allowlist, never
 * handed to the browser's HTML parser: everything else becomes its text.
 *
 * Why a tokenizer of our own rather than `DOMParser`: under `require-trusted-types-for 'script'`
 * every browser HTML parser reachable from script (`DOMParser`, `innerHTML` on a `<template>` or an
 * inert document, `createContextualFragment`) is a Trusted Types sink. Feeding it would need a
 * policy that passes server HTML through, which strict sites forbid by name. This reaches no sink,
 * and safety never rests on parsing the way a browser would: each element is created by name from
 * the allowlist, its only attributes a checked `href` and `rel`, and text is only ever text.
 */

const KEEP = /^(p|br|a|strong|em|code|blockquote)$/;
// What begins at a "<": a tag, an HTML comment (dropped whole, ">" inside it included), another
// markup declaration, or a lone "<" (text). Names and attributes stop at "<" so that a run of
// broken tags is read in linear time. Sticky: it reads at the "<" where the tokenizer stands.
const MARKUP = /<(\/?)([a-z][\w-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?(?:-->|$)|<[!?/][^<>]*>?|</iy;
/**
 * One attribute as HTML's tokenizer reads it: a name (which may begin with "="), then a value in
 * double quotes, single quotes or none. A quoted value's insides are never read as attributes.
 */
const ATTR = /([^\s/][^\s/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S*)))?/g;

// WordPress writes other characters as numbers (&#8217;) or as themselves.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0' };
// WordPress lets commenters use <b> and <i> too: they mean what <strong> and <em> say.
const ALIAS: Record<string, string> = { b: 'strong', i: 'em' };

export function decode(s: string): string {
  // Most runs of text have no entity: no search, no new string (200 comments are ~5,000 runs).
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(x?)([\da-f]+)|([a-z]+));/gi, (all, hex: string, num: string, name: string) => {
    if (name) return NAMED[name] ?? all;
    const cp = parseInt(num, hex ? 16 : 10);
    // A lone surrogate or a NUL shows as text like any other; past Unicode's end it would throw.
    return String.fromCodePoint(cp < 0x110000 ? cp : 0xfffd);
  });
}

/** An absolute http(s) address (and, when `mail`, a mailto: with its address alone: no `?cc=`, `&body=` a commenter chose), normalised; else "". */
export function safeUrl(u: unknown, mail = false): string {
  try {
    const url = new URL(String(u).trim());
    if (mail && url.protocol === 'mailto:') return url.pathname && 'mailto:' + url.pathname;
    return /^https?:$/.test(url.protocol) ? url.href : '';
  } catch {
    return '';
  }
}

/** The value of the first `href` among a tag's attributes (the one a browser uses), decoded. */
function hrefOf(attrs: string): string {
  for (const [, name, ...value] of attrs.matchAll(ATTR)) if (name.toLowerCase() === 'href') return decode(value.join(''));
  return '';
}

/**
 * A comment's text as one element, made once for each comment: a render keeps it (and a focused
 * link its focus), and lit moves one node rather than a part per paragraph.
 */
const built = new WeakMap<object, HTMLElement>();
export function contentOf(c: { content: string; html?: boolean }): HTMLElement {
  let box = built.get(c);
  if (!box) {
    box = document.createElement('div');
    box.setAttribute('part', 'content');
    if (c.html) parse(c.content, box);
    else {
      box.className = 'text';
      box.textContent = c.content;
    }
    built.set(c, box);
  }
  return box;
}

/** HTML as the nodes of its allowed elements and its text, put in `root` (a div: never a kept element). */
export function parse(src: unknown, root: HTMLElement): void {
  let top: Element = root;
  // Text between kept elements goes in as one node: WebKit (WebKitGTK 2.50) appends thousands of
  // small text nodes in quadratic time, 100 s for a flood of broken tags.
  let text = '';
  const flush = () => {
    if (text) top.append(text);
    text = '';
  };
  const s = String(src);
  for (let at = 0; at < s.length; ) {
    // Text runs to the next "<", found without a regular expression: half of a comment's tokens,
    // and no match array made for each (200 comments' text allocated 0.7 MiB of them).
    if (s[at] !== '<') {
      const end = s.indexOf('<', at);
      const stop = end < 0 ? s.length : end;
      text += decode(s.slice(at, stop));
      at = stop;
      continue;
    }
    MARKUP.lastIndex = at;
    // Never null: a lone "<" matches at least.
    const [token, close, name, attrs] = MARKUP.exec(s)!;
    at += token.length;
    const lower = name?.toLowerCase();
    const tag = lower && (ALIAS[lower] ?? lower);
    if (!tag) {
      if (!token[1]) text += '<';
    } else if (KEEP.test(tag)) {
      flush();
      if (tag === 'p' || tag === 'blockquote') {
        // A link left open ends with its paragraph, and a new block ends an open paragraph, as
        // in a browser: one unclosed <a> must not swallow the rest of the comment.
        const link = top.closest('a');
        if (link) top = link.parentElement!;
        const para = !close && top.closest('p');
        if (para) top = para.parentElement!;
      }
      // The nearest open element of that name (the root is a div, never kept).
      const open = top.closest(tag);
      if (close) {
        if (open) top = open.parentElement!;
        continue;
      }
      const href = tag === 'a' && safeUrl(hrefOf(attrs), true);
      // Links need a safe address and do not nest.
      if (href === '' || (href && open)) continue;
      const e = document.createElement(tag);
      if (href) Object.assign(e, { rel: 'nofollow ugc noopener', href });
      top.append(e);
      if (tag !== 'br') top = e;
    }
  }
  flush();
}
