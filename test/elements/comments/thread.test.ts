import { expect } from '@open-wc/testing';
import { thread, shownOrder, type Entry } from '../../../src/elements/comments/thread.js';
import { addPage, noPages } from '../../../src/elements/comments/paging.js';
import { keptHeld, stillHeld } from '../../../src/elements/comments/held.js';
import { writtenAt } from '../../../src/elements/comments/time.js';
import { initials, withScheme } from '../../../src/elements/comments/author.js';
import type { Comment } from '../../../src/elements/comments/sources/source.js';

const at = (h: number) => new Date(Date.UTC(2026, 2, 1, h)).toISOString();
const c = (id: string, parent = '', h = Number(id) || 0, author = `A${id}`): Comment => ({ id, parent, author, url: '', date: at(h), content: id });
/** The tree as text: "1(2(3) 4) 5", and "→x" for one that stands after its parent answering x. */
const show = (entries: Entry[]): string =>
  entries.map((e) => `${e.comment.id}${e.to ? `→${e.to.id}` : ''}${e.replies[0] ? `(${show(e.replies)})` : ''}`).join(' ');

describe('comments/thread', () => {
  it('nests replies under what they answer, by date, and turns only the top level around for newest', () => {
    const list = [c('5'), c('2', '1'), c('1'), c('4', '1'), c('3', '2')];
    expect(show(thread(list, 'oldest', 3))).to.equal('1(2(3) 4) 5');
    expect(show(thread(list, 'newest', 3))).to.equal('5 1(2(3) 4)');
  });

  it('puts replies past the deepest level after their parent, saying whom they answer', () => {
    const list = [c('1'), c('2', '1'), c('3', '2'), c('4', '3'), c('5', '4')];
    expect(show(thread(list, 'oldest', 2))).to.equal('1(2 3→2 4→3 5→4)');
  });

  it('shows each id once, a reply to a missing comment at the top level, and every comment of a cycle once', () => {
    const list = [c('1'), c('1', '', 9), c('2', '99'), c('3', '4'), c('4', '3'), c('5', '5')];
    const entries = thread(list, 'oldest', 3);
    expect(shownOrder(entries).sort()).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(show(entries)).to.equal('1 2 3(4) 5');
  });

  it('threads a thousand comments without a search per comment', () => {
    // Counted, not timed (a timing fails on a loaded machine): a search of the list per comment
    // reads each comment's parent about a thousand times; one pass reads it a few times.
    let reads = 0;
    const counted = (comment: Comment): Comment =>
      new Proxy(comment, {
        get(target, key: keyof Comment) {
          if (key === 'parent') reads++;
          return target[key];
        },
      });
    const list = Array.from({ length: 1000 }, (_, i) => counted(c(String(i + 1), i % 4 === 3 ? String(i) : '', i)));
    const entries = thread(list, 'oldest', 3);
    expect(shownOrder(entries)).to.have.length(1000);
    expect(reads).to.be.below(10 * list.length);
  });
});

describe('comments/paging', () => {
  const page = (ids: string[], total: number) => ({ comments: ids.map((id) => c(id)), total });

  it('adds a later page to the list, drops what is shown already, and knows when there is more', () => {
    let p = addPage(noPages, 1, page(['1', '2'], 5));
    expect([p.list.map((x) => x.id), p.more, p.total, p.page]).to.deep.equal([['1', '2'], true, 5, 1]);
    p = addPage(p, 2, page(['2', '3', '4'], 5));
    expect([p.list.map((x) => x.id), p.more]).to.deep.equal([['1', '2', '3', '4'], true]);
    // A page that brings nothing new ends it, whatever the count says.
    expect(addPage(p, 3, page(['4'], 5)).more).to.be.false;
    // Page 1 again (another order) starts afresh.
    expect(addPage(p, 1, page(['9'], 1)).list.map((x) => x.id)).to.deep.equal(['9']);
  });
});

describe('comments/held', () => {
  it('reads kept comments defensively, and forgets them a month after their date', () => {
    const now = Date.parse('2026-03-31T00:00:00Z');
    const kept = [{ id: '1', date: '2026-03-30T00:00:00Z', content: 'mine', html: 'yes' }, { id: '2', date: '2026-01-01T00:00:00Z' }, null, 'x', { id: '3', date: 'soon', content: 7 }];
    const held = keptHeld(kept, now);
    expect(held.map((x) => [x.id, x.content, x.html, x.hold])).to.deep.equal([
      ['1', 'mine', false, true],
      ['3', '7', false, true],
    ]);
    expect(keptHeld({ not: 'a list' }, now)).to.deep.equal([]);
  });

  it('lets go of the held comments the server lists (approved)', () => {
    expect(stillHeld([c('1'), c('2')], [c('2'), c('5')]).map((x) => x.id)).to.deep.equal(['1']);
  });
});

describe('comments/time', () => {
  it('says the date and how long ago, in English and Spanish, and nothing for no date', () => {
    const now = Date.parse('2026-03-10T15:00:00Z');
    expect(writtenAt('2026-03-08T15:00:00Z', 'en-US', now)).to.equal('March 8, 2026 · 2 days ago');
    expect(writtenAt('2026-03-10T14:59:30Z', 'es', now)).to.equal('10 de marzo de 2026 · hace 30 segundos');
    expect(writtenAt('2025-03-10T15:00:00Z', 'en-US', now)).to.equal('March 10, 2025 · last year');
    expect(writtenAt('', 'en-US', now)).to.equal('');
  });
});

describe('comments/author', () => {
  it('gives up to two initials, a letter outside the BMP whole', () => {
    expect(initials('ana maría reyes')).to.equal('AM');
    expect(initials('Óscar')).to.equal('Ó');
    expect(initials('𝒜lex Brown')).to.equal('𝒜B');
    expect(initials('')).to.equal('');
  });

  it('reads a bare website as https and keeps any scheme given, to be refused later', () => {
    expect(withScheme('reyes-law.example/blog')).to.equal('https://reyes-law.example/blog');
    expect(withScheme('http://reyes-law.example')).to.equal('http://reyes-law.example');
    expect(withScheme('javascript:alert(1)')).to.equal('javascript:alert(1)');
    expect(withScheme('')).to.equal('');
  });
});
