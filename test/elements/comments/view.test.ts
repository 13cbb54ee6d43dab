import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing, render } from 'lit';
import { comment, form, type Look } from '../../../src/elements/comments/view.js';
import { placeOf, keep, focusAfter } from '../../../src/elements/comments/place.js';
import { near } from '../../../src/elements/comments/near.js';
import { Sender } from '../../../src/core/sender.js';
import { LocaleController } from '../../../src/core/locale.js';
import { strings } from '../../../src/elements/comments/strings.js';
import type { Comment, Draft } from '../../../src/elements/comments/sources/source.js';
import type { Entry } from '../../../src/elements/comments/thread.js';

const t = strings.en;
const c = (id: string, more: Partial<Comment> = {}): Comment => ({ id, parent: '', author: `Ana ${id}`, url: '', date: '2026-03-01T12:00:00Z', content: `Text ${id}`, ...more });
const entry = (comment: Comment, replies: Entry[] = [], to?: Comment): Entry => ({ comment, replies, to });
const frame = () => new Promise((r) => requestAnimationFrame(r));

/** A look with nothing under any comment, replies drawn by the same function. */
function look(more: Partial<Look> = {}): Look {
  const l: Look = { t, tag: 'en-US', avatars: false, item: (e) => comment(e, l), under: () => nothing, ...more };
  return l;
}

async function drawn(template: unknown): Promise<HTMLElement> {
  const box = await fixture<HTMLElement>(html`<ol></ol>`);
  render(template, box);
  return box;
}

describe('comments/view', () => {
  it('draws a comment with its author, date, text, Reply and nested replies, and what goes under it', async () => {
    const reply = entry(c('2', { parent: '1' }));
    const deep = entry(c('3', { author: '' }), [], c('2', { author: '$& Ben' }));
    const box = await drawn(comment(entry(c('1', { url: 'https://reyes.example/' }), [reply, deep]), look({ under: (id, replyTo) => (id === '2' ? html`<p class="under">${replyTo}</p>` : nothing) })));
    const [first] = box.querySelectorAll<HTMLElement>(':scope > li');
    expect(first.querySelector('[part=author] a')!.getAttribute('href')).to.equal('https://reyes.example/');
    expect(first.querySelector('[part=author] a')!.getAttribute('rel')).to.equal('nofollow ugc noopener');
    expect(first.querySelector('time')!.getAttribute('datetime')).to.equal('2026-03-01T12:00:00Z');
    expect(first.querySelector('[part=reply]')!.getAttribute('aria-label')).to.equal('Reply to Ana 1');
    expect([...first.querySelectorAll('[part=list] > li > article [part=author]')].map((a) => a.textContent)).to.deep.equal(['Ana 2', 'Anonymous']);
    // Under the comment it answers, with that comment's Reply name as its heading; a name with "$&" as written.
    expect(first.querySelector('[part=list] > li > .under')!.textContent).to.equal('Reply to Ana 2');
    expect(first.querySelectorAll('.under')).to.have.length(1);
    expect(first.querySelector('[part=list] li:last-child small')!.textContent).to.equal('In reply to $& Ben');
    await expect(box).to.be.accessible();
  });

  it('marks the fresh comment, shows a held one without Reply, and a picture only with avatars and a safe URL', async () => {
    const held = c('9', { hold: true, avatar: 'https://pics.example/a.png' });
    let box = await drawn(comment(entry(held), look({ fresh: '9' })));
    expect(box.querySelector('article')!.className).to.equal('fresh');
    expect(box.querySelector('[part=pending]')!.textContent).to.equal(t.held);
    expect(box.querySelector('[part=reply]')).to.be.null;
    expect(box.querySelector('span[part=avatar]')!.textContent).to.equal('A9');
    box = await drawn(comment(entry(held), look({ avatars: true })));
    expect(box.querySelector('img[part=avatar]')!.getAttribute('src')).to.equal('https://pics.example/a.png');
    box = await drawn(comment(entry(c('8', { avatar: 'javascript:alert(1)' })), look({ avatars: true })));
    expect(box.querySelector('img')).to.be.null;
  });

  it('draws the form with the fields asked for, its errors tied to them, and Cancel only for a reply', async () => {
    class FormHost extends LitElement {}
    customElements.get('view-test-form') ?? customElements.define('view-test-form', FormHost);
    const host = await fixture<FormHost>(html`<view-test-form></view-test-form>`);
    const f = new Sender<Draft>(host, new LocaleController(host, strings), '', {});
    f.draft = { parent: '' } as Draft;
    f.errors = { email: true };
    const calls: string[] = [];
    const on = { t, website: false, mails: true, send: () => calls.push('send'), input: () => calls.push('input'), cancel: () => calls.push('cancel') };
    const box = await fixture<HTMLElement>(html`<div></div>`);
    render(form('Leave a Comment', f, on), box);
    expect(box.querySelector('h3')!.textContent).to.equal('Leave a Comment');
    expect([...box.querySelectorAll<HTMLInputElement>('[name]')].map((i) => i.name)).to.deep.equal(['name', 'email', 'content', 'notify', 'remember', 'url_confirm']);
    expect(box.querySelector('#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(box.querySelector('#email-error')!.textContent).to.equal(t.badEmail);
    expect([...box.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal([t.send, t.discard]);
    f.draft.parent = '1';
    render(form('Reply to Ana', f, { ...on, website: true, mails: false }), box);
    expect(box.querySelector('[name=url]')).to.exist;
    expect(box.querySelector('[name=notify]')).to.be.null;
    [...box.querySelectorAll('button')].find((b) => b.textContent === t.cancel)!.click();
    box.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(calls).to.deep.equal(['cancel', 'input']);
  });
});

describe('comments/place', () => {
  it('keeps the last comment where it was on screen when more goes in above it, and focuses the one after it', async () => {
    const box = await fixture<HTMLElement>(html`<div>
      <div class="above"></div>
      <article tabindex="-1">one</article>
      <article tabindex="-1">two</article>
      <article tabindex="-1">three</article>
      <div style="height: 3000px"></div>
    </div>`);
    const [, two, three] = box.querySelectorAll('article');
    three.remove();
    const place = placeOf(box)!;
    expect(place[0]).to.equal(two);
    box.querySelector('.above')!.setAttribute('style', 'height: 500px');
    two.after(three);
    keep(place);
    expect(Math.abs(two.getBoundingClientRect().top - place[1])).to.be.below(1);
    focusAfter(box, two);
    expect(document.activeElement).to.equal(three);
    scrollTo(0, 0);
    expect(placeOf(document.createElement('div'))).to.equal(undefined);
  });
});

describe('comments/near', () => {
  it('says once when the element comes near the viewport, not before', async () => {
    const wrap = await fixture<HTMLElement>(html`<div><div style="height: 5000px"></div></div>`);
    class Host extends LitElement {}
    customElements.get('near-test-host') ?? customElements.define('near-test-host', Host);
    const host = document.createElement('near-test-host') as Host;
    let seen = 0;
    near(host, () => seen++);
    wrap.append(host);
    for (let i = 0; i < 3; i++) await frame();
    expect(seen, 'far below').to.equal(0);
    host.scrollIntoView();
    for (let i = 0; i < 10 && !seen; i++) await frame();
    expect(seen).to.equal(1);
    scrollTo(0, 0);
    for (let i = 0; i < 3; i++) await frame();
    host.scrollIntoView();
    for (let i = 0; i < 3; i++) await frame();
    expect(seen, 'once').to.equal(1);
    scrollTo(0, 0);
  });
});
