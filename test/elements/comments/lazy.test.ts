import { expect, fixture, html } from '@open-wc/testing';
import { layOut, LAID, BATCH } from '../../../src/elements/comments/lazy.js';

const frame = () => new Promise((r) => requestAnimationFrame(r));

describe('comments/lazy', () => {
  it('lays out every thread not yet laid out, a few a frame', async () => {
    const list = await fixture<HTMLElement>(html`<ol>${Array.from({ length: BATCH * 2 + 1 }, (_, i) => html`<li class=${i === 0 ? LAID : ''}>${i}</li>`)}</ol>`);
    const laid = () => [...list.children].filter((li) => li.classList.contains(LAID)).length;
    const done = layOut(list.children, () => true);
    expect(laid(), 'nothing in the task that asks').to.equal(1);
    await frame();
    expect(laid(), 'a few in the first frame').to.equal(BATCH + 1);
    expect(await done).to.equal(true);
    expect(laid()).to.equal(BATCH * 2 + 1);
  });

  it('stops when it is no longer wanted', async () => {
    const list = await fixture<HTMLElement>(html`<ol>${Array.from({ length: BATCH * 3 }, (_, i) => html`<li>${i}</li>`)}</ol>`);
    let frames = 0;
    const done = layOut(list.children, () => ++frames < 2);
    expect(await done).to.equal(false);
    expect([...list.children].filter((li) => li.classList.contains(LAID))).to.have.length(BATCH);
  });
});
