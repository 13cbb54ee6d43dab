import { expect } from '@open-wc/testing';
import { Drawing, PART } from '../../../src/elements/comments/drawing.js';
import { setup, orderOf, pageSizeOf } from '../../../src/elements/comments/setup.js';
import { tidied, problems, outgoing, accepted, afterSend } from '../../../src/elements/comments/send.js';
import { noPages, withComment } from '../../../src/elements/comments/paging.js';
import { loadHeld, saveHeld } from '../../../src/elements/comments/held.js';
import type { Comment, Draft } from '../../../src/elements/comments/sources/source.js';

const c = (id: string, parent = ''): Comment => ({ id, parent, author: `A${id}`, url: '', date: new Date(Date.UTC(2026, 2, 1, Number(id) || 0)).toISOString(), content: id });
const many = (n: number) => Array.from({ length: n }, (_, i) => c(String(i + 1)));

/** Runs `run`, returning what it printed with console.warn. */
function warned(run: () => void): string[] {
  const said: string[] = [];
  const warn = console.warn;
  console.warn = (text: string) => said.push(text);
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return said;
}

describe('comments/drawing', () => {
  it('grows by parts until every thread is drawn, and starts again from none', () => {
    const list = new Drawing<string>();
    list.thread(many(PART * 2 + 5), [], 'oldest', 3);
    const drawn: number[] = [];
    while (!list.done) {
      list.grow();
      drawn.push(list.drawn);
    }
    expect(drawn).to.deep.equal([PART, PART * 2, PART * 3]);
    list.grow();
    expect(list.drawn, 'nothing more once all are drawn').to.equal(PART * 3);
    list.drawn = 0;
    expect(list.done).to.equal(false);
  });

  it('makes the thread again only when the comments, the held ones, the order or the depth change', () => {
    const list = new Drawing<string>();
    const shown = many(3);
    const held: Comment[] = [];
    list.thread(shown, held, 'oldest', 3);
    const kept = list.entries;
    list.thread(shown, held, 'oldest', 3);
    expect(list.entries, 'the same comments').to.equal(kept);
    list.thread([...shown], held, 'oldest', 3);
    expect(list.entries, 'a new list of comments').not.to.equal(kept);
    list.thread(shown, held, 'newest', 3);
    expect(list.entries.map((e) => e.comment.id)).to.deep.equal(['3', '2', '1']);
    list.thread(shown, [c('9', '1')], 'newest', 3);
    expect(list.entries[2].replies.map((e) => e.comment.id)).to.deep.equal(['9']);
  });

  it('draws the list again only when what it shows changed, and always with a form inside it', () => {
    const list = new Drawing<string>();
    list.thread(many(3), [], 'oldest', 3);
    list.grow();
    const shows = ['en', 'fresh-id'];
    expect(list.draws(shows, false), 'the first time').to.equal(true);
    expect(list.draws(['en', 'fresh-id'], false), 'a keystroke in the form below').to.equal(false);
    expect(list.draws(['es', 'fresh-id'], false), 'another language').to.equal(true);
    expect(list.draws(['es', 'fresh-id'], true), 'a reply form inside').to.equal(true);
    expect(list.draws(['es', 'fresh-id'], true), 'each keystroke in it').to.equal(true);
    list.thread(many(4), [], 'oldest', 3);
    expect(list.draws(['es', 'fresh-id'], false), 'a comment more').to.equal(true);
  });

  it('keeps each comment’s template while the list grows, and makes them again when what they show changes', () => {
    const list = new Drawing<string>();
    list.thread(many(PART + 1), [], 'oldest', 3);
    let made = 0;
    const make = () => `made ${++made}`;
    const render = (shows: unknown[]) => {
      list.grow();
      list.draws(shows, false);
      return list.entries.slice(0, list.drawn).map((e) => list.item(e, make));
    };
    render(['en']);
    expect(made).to.equal(PART);
    const second = render(['en']);
    expect(made, 'only the new part is made').to.equal(PART + 1);
    expect(second[0]).to.equal('made 1');
    const spanish = render(['es']);
    expect(spanish[0], 'made again in Spanish').to.equal(`made ${PART + 2}`);
    list.settle();
    expect(list.item(list.entries[0], make), 'nothing kept once all is drawn').to.equal(`made ${PART * 2 + 3}`);
  });
});

describe('comments/setup', () => {
  it('picks the source the attributes name, the thread and where its drafts are kept', () => {
    const wp = setup('wordpress', 'https://law.example', '42', '/blog/visa');
    expect(wp.source).to.be.ok;
    expect(wp).to.include({ thread: '42', key: 'comments:wordpress:https://law.example:42' });
    expect(setup('', 'https://api.example/c', '', '/blog/visa')).to.include({ thread: '/blog/visa', key: 'comments:rest:https://api.example/c:/blog/visa' });
    const tab = setup('', '', '', '/blog/visa');
    expect(tab.source).to.be.ok;
    expect(tab.key).to.equal('comments:local::/blog/visa');
  });

  it('keeps no source and says once what is wrong: an unknown source, a missing endpoint, a WordPress post that is no number', () => {
    const unknown = `disqus-${Date.now()}`;
    expect(warned(() => expect(setup(unknown, 'https://x.example', '1', '/').source).to.equal(undefined))).to.deep.equal([`<firm-comments> source="${unknown}": use local, rest, wordpress`]);
    expect(warned(() => expect(setup('wordpress', '', '1', '/').source).to.equal(undefined))[0] ?? '').to.match(/endpoint="": needed with source="wordpress"/);
    const post = `hello-${Date.now()}`;
    expect(warned(() => expect(setup('wordpress', 'https://law.example', post, '/').source).to.equal(undefined))).to.deep.equal([`<firm-comments> post-id="${post}": use the post’s number`]);
  });

  it('reads the order and the page size, saying what it cannot use', () => {
    expect(orderOf('newest')).to.equal('newest');
    const order = `sideways-${Date.now()}`;
    expect(warned(() => expect(orderOf(order)).to.equal('oldest'))).to.have.length(1);
    expect(pageSizeOf(50)).to.equal(50);
    expect(warned(() => expect(pageSizeOf(-Date.now())).to.equal(20))).to.have.length(1);
    warned(() => expect(pageSizeOf(NaN)).to.equal(20));
  });
});

describe('comments/send', () => {
  const draft = (d: Partial<Draft> = {}): Draft => ({ name: 'Ana', email: 'ana@example.test', url: '', content: 'Thanks', parent: '', notify: false, remember: false, since: 5, ...d });

  it('checks each field, the website with its https', () => {
    const wrong = (d: Draft) => Object.keys(problems(tidied(d))).filter((k) => problems(tidied(d))[k]);
    expect(wrong(draft())).to.deep.equal([]);
    expect(wrong(draft({ name: ' ', email: 'ana@', content: '\n' }))).to.deep.equal(['name', 'email', 'content']);
    expect(tidied(draft({ url: ' reyes-law.example ' })).url).to.equal('https://reyes-law.example');
    expect(wrong(draft({ url: 'javascript:alert(1)' }))).to.deep.equal(['url']);
  });

  it('sends mail about replies only where the form offers it, with the form’s language', () => {
    expect(outgoing(draft({ notify: true }), true, 'es')).to.include({ notify: true, lang: 'es' });
    const offeredNot = outgoing(draft({ notify: true }), false, 'es');
    expect([offeredNot.notify, offeredNot.lang]).to.deep.equal([undefined, undefined]);
    const unticked = outgoing(draft(), true, 'es');
    expect([unticked.notify, unticked.lang]).to.deep.equal([undefined, undefined]);
  });

  it('shows the accepted comment under what it answers, held or not, and keeps only who wrote it for the next', () => {
    expect(accepted(c('7'), '3', 'hold')).to.include({ parent: '3', hold: true });
    expect(accepted(c('7', '2'), '3', 'approved')).to.include({ parent: '2', hold: false });
    const next = afterSend(draft({ parent: '3', notify: true, remember: true, content: 'Thanks', url: 'https://a.example' }));
    expect(next).to.deep.equal({ name: 'Ana', email: 'ana@example.test', url: 'https://a.example', content: '', parent: '', notify: false, remember: true, since: 0 });
  });

  it('counts an approved comment and shows it last', () => {
    const p = withComment({ ...noPages, list: [c('1')], total: 5, page: 1, more: true }, c('8'));
    expect(p.list.map((x) => x.id)).to.deep.equal(['1', '8']);
    expect(p).to.include({ total: 6, page: 1, more: true });
  });

  it('keeps held comments for the tab, on the device for 30 days with "Remember me", and nothing once none is left', () => {
    const key = `test:${Date.now()}`;
    const held = [{ ...c('7'), date: new Date().toISOString(), hold: true }];
    saveHeld(key, held);
    expect(loadHeld(key).map((x) => x.id)).to.deep.equal(['7']);
    expect(Object.keys(localStorage).filter((k) => k.includes(key))).to.deep.equal([]);
    saveHeld(key, held, true);
    expect(Object.keys(localStorage).filter((k) => k.includes(key))).to.have.length(1);
    saveHeld(key, []);
    expect(loadHeld(key)).to.deep.equal([]);
    expect(Object.keys({ ...localStorage, ...sessionStorage }).filter((k) => k.includes(key))).to.deep.equal([]);
  });
});
