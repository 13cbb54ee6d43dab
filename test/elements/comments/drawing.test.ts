import { expect } from '@open-wc/testing';
import { Drawing, PART } from '../../../src/elements/comments/drawing.js';
import type { Comment } from '../../../src/elements/comments/sources/source.js';

const c = (id: string, parent = ''): Comment => ({ id, parent, author: `A${id}`, url: '', date: new Date(Date.UTC(2026, 2, 1, Number(id) || 0)).toISOString(), content: id });
const many = (n: number) => Array.from({ length: n }, (_, i) => c(String(i + 1)));

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
