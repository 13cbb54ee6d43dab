import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { watchWarnings } from '../../page.js';
import '../../../src/elements/author-bio/author-bio.js';
import type { FirmAuthorBio } from '../../../src/elements/author-bio/author-bio.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part=${name}]`) as HTMLElement | null;
const toggle = (el: Element) => part(el, 'toggle') as HTMLButtonElement | null;
// Rendering settles over two frames: layout, then the ResizeObserver's verdict.
const settle = async (el: FirmAuthorBio) => {
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
};

const LONG = 'Maria Reyes has practiced immigration law in Los Angeles for twenty years. '.repeat(12);
const PHOTO = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/%3E';

describe('<firm-author-bio>', () => {
  const warnings = watchWarnings();

  it('shows the heading, photo, name as a link and job title, with the bio left in the page', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="Maria Reyes" job-title="Immigration Attorney" photo=${PHOTO} href="/maria">
      <p>Maria has practiced immigration law for twenty years.</p>
    </firm-author-bio>`);
    expect(part(el, 'heading')!.textContent).to.equal('About the Author');
    const img = part(el, 'photo') as HTMLImageElement;
    expect([img.alt, img.loading, img.getAttribute('width'), img.getAttribute('height')]).to.deep.equal(['Maria Reyes', 'lazy', '72', '72']);
    const a = part(el, 'name') as HTMLAnchorElement;
    expect([a.tagName, a.getAttribute('href'), a.textContent]).to.deep.equal(['A', '/maria', 'Maria Reyes']);
    expect(part(el, 'title')!.textContent).to.equal('Immigration Attorney');
    expect(el.querySelector('p')!.textContent).to.contain('twenty years');
    // No tooltip over the whole bio: the job title is not the global `title` attribute.
    expect(el.title).to.equal('');
    await expect(el).to.be.accessible();
    expect(warnings).to.deep.equal([]);
  });

  it('still reads the old `title` attribute as the job title, with one warning, and takes it off so no tooltip covers the bio', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="Ana Reyes" title="Managing attorney"><p>Bio.</p></firm-author-bio>`);
    expect(part(el, 'title')!.textContent).to.equal('Managing attorney');
    expect(el.hasAttribute('title')).to.be.false;
    expect(el.getAttribute('job-title')).to.equal('Managing attorney');
    el.remove();
    document.body.append(el);
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings).to.deep.equal(['<firm-author-bio> title="Managing attorney": use job-title']);
  });

  it('leaves a `title` alone beside `job-title`: it is then the webmaster\'s own tooltip', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="Ana Reyes" job-title="Partner" title="Our founder"></firm-author-bio>`);
    expect(part(el, 'title')!.textContent).to.equal('Partner');
    expect(el.title).to.equal('Our founder');
    expect(warnings).to.deep.equal([]);
  });

  it('keeps the photo in a fixed box whatever the image\'s size, loaded or not', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="M" photo="data:,"></firm-author-bio>`);
    const r = part(el, 'photo')!.getBoundingClientRect();
    expect([r.width, r.height]).to.deep.equal([72, 72]);
    const big = await fixture<FirmAuthorBio>(html`<firm-author-bio name="M" photo=${PHOTO}></firm-author-bio>`);
    const b = part(big, 'photo')!.getBoundingClientRect();
    expect([b.width, b.height]).to.deep.equal([72, 72]);
  });

  it('speaks Spanish and takes `heading` over its own', async () => {
    const wrap = await fixture(html`<div lang="es"><firm-author-bio name="M">${LONG}</firm-author-bio></div>`);
    const el = wrap.firstElementChild as FirmAuthorBio;
    await settle(el);
    expect(part(el, 'heading')!.textContent).to.equal('Sobre el autor');
    expect(toggle(el)!.textContent!.trim()).to.equal('Leer más');
    toggle(el)!.click();
    await el.updateComplete;
    expect(toggle(el)!.textContent!.trim()).to.equal('Leer menos');
    await expect(el).to.be.accessible();
    el.heading = 'La abogada';
    await el.updateComplete;
    expect(part(el, 'heading')!.textContent).to.equal('La abogada');
    el.heading = '';
    await el.updateComplete;
    expect(part(el, 'heading')).to.equal(null);
  });

  it('clamps a long bio to 4 lines with a Read more button that opens and closes it', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="M"><p>${LONG}</p></firm-author-bio>`);
    await settle(el);
    const text = part(el, 'text')!;
    const line = parseFloat(getComputedStyle(text).lineHeight);
    expect(text.clientHeight).to.be.closeTo(4 * line, 2);
    const button = toggle(el)!;
    expect(button.textContent!.trim()).to.equal('Read more');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)).to.equal(text);
    await expect(el).to.be.accessible();
    button.click();
    await settle(el);
    expect(text.clientHeight).to.be.greaterThan(6 * line);
    expect(toggle(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle(el)!.textContent!.trim()).to.equal('Read less');
    await expect(el).to.be.accessible();
    toggle(el)!.click();
    await settle(el);
    expect(text.clientHeight).to.be.closeTo(4 * line, 2);
  });

  it('shows no button when the bio fits, even several paragraphs', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="M"><p>One short line.</p><p>Another.</p></firm-author-bio>`);
    await settle(el);
    expect(toggle(el)).to.equal(null);
    const text = part(el, 'text')!;
    expect(text.scrollHeight).to.equal(text.clientHeight);
    await expect(el).to.be.accessible();
  });

  it('clamps across paragraphs and follows `lines`', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio lines="2"><p>First.</p><p>Second.</p><p>Third.</p></firm-author-bio>`);
    await settle(el);
    expect(toggle(el)).to.exist;
    el.lines = 6;
    await settle(el);
    expect(toggle(el)).to.equal(null);
  });

  it('offers Read more when its column narrows and the text no longer fits (ResizeObserver)', async () => {
    const wrap = await fixture<HTMLElement>(html`<div style="width: 60rem"><firm-author-bio><p>${LONG.slice(0, 300)}</p></firm-author-bio></div>`);
    const el = wrap.firstElementChild as FirmAuthorBio;
    await settle(el);
    expect(toggle(el)).to.equal(null);
    wrap.style.width = '12rem';
    await settle(el);
    expect(toggle(el)).to.exist;
  });

  it('is complete by keyboard: Tab to the button, Enter and Space toggle it', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio><p>${LONG}</p></firm-author-bio>`);
    await settle(el);
    const before = document.createElement('button');
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(toggle(el));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle(el)!.getAttribute('aria-expanded')).to.equal('true');
    // The space bar is ' ': WebDriver BiDi (Firefox) knows no key named 'Space'.
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(toggle(el)!.getAttribute('aria-expanded')).to.equal('false');
    before.remove();
  });

  it('shows the name as text without `href`, and no photo without `photo`', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio name="Ana Cho" job-title="Associate"></firm-author-bio>`);
    expect([part(el, 'name')!.tagName, part(el, 'name')!.textContent]).to.deep.equal(['B', 'Ana Cho']);
    expect(part(el, 'photo')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('warns once about lines it cannot use and clamps to 4', async () => {
    const el = await fixture<FirmAuthorBio>(html`<firm-author-bio lines="zero"><p>${LONG}</p></firm-author-bio>`);
    await settle(el);
    const text = part(el, 'text')!;
    expect(text.clientHeight).to.be.closeTo(4 * parseFloat(getComputedStyle(text).lineHeight), 2);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<firm-author-bio> lines="zero"');
  });
});
