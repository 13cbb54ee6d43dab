import { expect } from '@open-wc/testing';
import type { FirmComments } from '../../../src/elements/comments/comments.js';
import { q, qa, fresh, freshPost, until, make, postJson } from './helpers.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

const X = 'window.__xss=1';
/** Markup that tries to run `window.__xss=1`, from the usual cheat sheets and sanitizer bypasses. */
const PAYLOADS = [
  `<script>${X}</script>`,
  `<img src=x onerror="${X}">`,
  `<img src=x onerror=${X}//`,
  `<img/src="x"/onerror="${X}">`,
  `<img srcset="x 1x" onerror="${X}">`,
  `<img src="x" onerror="&#119;indow.__xss=1">`,
  `<img src=x:alert(1) onerror=eval(atob('d2luZG93Ll9feHNzPTE='))>`,
  `<svg onload="${X}">`,
  `<svg/onload=${X}>`,
  `<svg><script>${X}</script></svg>`,
  `<svg><animate onbegin="${X}" attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${X}"><text x=20 y=20>x</text></a></svg>`,
  `<math href="javascript:${X}">x</math>`,
  `<body onload="${X}">`,
  `<iframe src="javascript:${X}"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<a href="javascript:${X}">click</a>`,
  `<a href="JaVaScRiPt:${X}">x</a>`,
  `<a href="&#106;avascript:${X}">x</a>`,
  `<a href="&#x6A;avascript&#x3A;${X}">x</a>`,
  `<a href=" javascript:${X}">x</a>`,
  `<a href="java&#9;script:${X}">x</a>`,
  `<a href="javascript&colon;${X}">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==">x</a>`,
  `<a href="data:image/svg+xml,<svg onload=${X}>">x</a>`,
  `<a href="vbscript:msgbox(1)">x</a>`,
  `<a href="https://ok.example/" onclick="${X}" onmouseover="${X}">x</a>`,
  `<a href="https://ok.example/&quot; onmouseover=&quot;${X}">x</a>`,
  `<p onmouseover="${X}" style="position:fixed;inset:0">x</p>`,
  `<x onclick=${X}>click`,
  `<noscript><p title="</noscript><img src=x onerror=${X}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${X}>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${X}>`,
  `<svg></p><style><a id="</style><img src=1 onerror=${X}>">`,
  `<template><img src=x onerror=${X}></template>`,
  `<object data="javascript:${X}"></object>`,
  `<embed src="javascript:${X}">`,
  `<video><source onerror="${X}"></video>`,
  `<audio src=x onerror=${X}>`,
  `<details open ontoggle="${X}">`,
  `<input autofocus onfocus="${X}">`,
  `<select autofocus onfocus=${X}>`,
  `<textarea autofocus onfocus=${X}>`,
  `<marquee onstart=${X}>`,
  `<div style="background:url(javascript:${X})">`,
  `<style>@import 'javascript:${X}';</style>`,
  `<style>*{background:url("javascript:${X}")}</style>`,
  `<link rel=stylesheet href="javascript:${X}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${X}">`,
  `<base href="javascript:${X}//">`,
  `<form action="javascript:${X}"><button>go</button></form>`,
  `<button formaction="javascript:${X}">go</button>`,
  `<isindex action=javascript:${X} type=image>`,
  `"><script>${X}</script>`,
  `'><img src=x onerror=${X}>`,
  `</textarea><script>${X}</script>`,
  `</title><script>${X}</script>`,
  `<!--<img src="--><img src=x onerror=${X}//">`,
  `<![CDATA[<img src=x onerror=${X}>]]>`,
  `<scr<script>ipt>${X}</scr</script>ipt>`,
  `&lt;img src=x onerror=${X}&gt;`,
  `\${constructor.constructor('${X}')()}{{constructor.constructor('${X}')()}}`,
  `javascript:${X}`,
  `  JAVASCRIPT:${X}`,
  `data:text/html,<script>${X}</script>`,
];
/** The same and more as addresses, for author URLs. */
const URLS = [...PAYLOADS, `java\nscript:${X}`, `javascript://%0A${X}`, 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+', 'file:///etc/passwd', `https://ok.example/"onmouseover="${X}`];

const TAGS = new Set('h2 h3 div p ol ul li article header span b a time button form label input textarea small br strong em i code pre blockquote'.split(' '));
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];

/** Nothing ran, and nothing in the shadow DOM could run later. */
async function assertInert(el: FirmComments) {
  await new Promise((r) => setTimeout(r, 300));
  expect(window.__xss, 'a payload ran').to.be.undefined;
  const all = [...el.shadowRoot!.querySelectorAll('*')];
  expect(all.length).to.be.above(50);
  for (const node of all) {
    const tag = node.tagName.toLowerCase();
    expect(TAGS.has(tag), `<${tag}> in the shadow DOM`).to.be.true;
    for (const { name, value } of node.attributes) {
      expect(name.startsWith('on'), `${name}="${value}" on <${tag}>`).to.be.false;
      if (URL_ATTRS.includes(name)) expect(value, `${name} on <${tag}>`).to.match(/^(https?:|mailto:)/i);
      if (name === 'style') expect.fail(`style="${value}" on <${tag}>`);
    }
  }
}

/** Posts each payload through the form as a visitor could. */
async function postAll(el: FirmComments) {
  const set = (name: string, value: string) => {
    const field = q<HTMLInputElement>(el, `[name=${name}]`);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  for (const [i, payload] of PAYLOADS.entries()) {
    set('name', payload);
    set('email', 'x@example.test');
    set('url', `https://ok.example/${i}?q="><script>${X}</script>`);
    set('content', payload);
    const before = qa(el, '[part=comment]').length;
    q<HTMLButtonElement>(el, 'form .primary').click();
    await until(() => qa(el, '[part=comment]').length > before, `payload ${i} posted`);
  }
}

const shaped = (p: string, i: number) => ({ id: `x${i}${p}`, parent: p, author: p, url: URLS[i % URLS.length], date: p, content: p });

describe('<firm-comments> against XSS', () => {
  before(() => expect(PAYLOADS.length).to.be.at.least(50));
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    delete window.__xss;
  });

  it('renders every field of the local source as text or checked links', async () => {
    const thread = fresh();
    sessionStorage.setItem(`firm-widgets:draft:local:${thread}`, JSON.stringify({ at: Date.now(), value: PAYLOADS.map(shaped) }));
    const el = await make({ 'post-id': thread, 'page-size': '500' });
    expect(qa(el, '[part=comment]')).to.have.length(PAYLOADS.length);
    await postAll(el);
    await assertInert(el);
  });

  it('renders every field of the rest source as text or checked links', async () => {
    const thread = fresh();
    await postJson('/test-api/comments/_seed', { thread, comments: PAYLOADS.map(shaped) });
    const el = await make({ endpoint: '/test-api/comments', 'post-id': thread, 'page-size': '500' });
    expect(qa(el, '[part=comment]')).to.have.length(PAYLOADS.length);
    await postAll(el);
    await assertInert(el);
  });

  it('rebuilds WordPress’s HTML from the allowlist, for every field', async () => {
    const post = freshPost();
    await postJson('/test-wpc/_seed', {
      post: Number(post),
      comments: PAYLOADS.map((p, i) => ({ author_name: p, author_url: URLS[i % URLS.length], rendered: p, date_gmt: i % 2 ? p : undefined })),
    });
    const el = await make({ source: 'wordpress', endpoint: '/test-wpc/pretty/approve', 'post-id': post, 'page-size': '100' });
    expect(qa(el, '[part=comment]')).to.have.length(PAYLOADS.length);
    // The stand-in stores what the form sends unfiltered and renders it as HTML.
    await postAll(el);
    await assertInert(el);
  });

  it('stays safe with a tampered pending comment in storage', async () => {
    const thread = fresh();
    // A tree as an older version stored it, and HTML with what the allowlist must refuse.
    const tree = [{ t: 'a', h: `javascript:${X}`, c: ['bad link'] }, { t: 'script', c: [X] }];
    const html = `<a href="javascript:${X}">bad link</a><script>${X}</script><constructor>x</constructor><__proto__>y<p><img src=x onerror=${X}>&lt;img src=x onerror=${X}&gt;</p>`;
    const comment = { id: 'p1', parent: '', author: PAYLOADS[1], url: `javascript:${X}`, date: 'x', content: html, html: true, hold: true };
    const stored = Array(50).fill(comment).map((c, i) => ({ ...c, id: `p${i}`, content: i ? c.content : tree }));
    localStorage.setItem(`firm-widgets:draft:pending:comments:local::${thread}`, JSON.stringify({ at: Date.now(), until: Date.now() + 864e5, value: stored }));
    const el = await make({ 'post-id': thread });
    expect(qa(el, '[part=pending]')).to.have.length(50);
    expect(qa(el, '[part=content]').map((c) => c.textContent)).to.include(`bad link${X}x<__proto__>y<img src=x onerror=${X}>`);
    await assertInert(el);
  });
});
