import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import '../../../src/elements/language-badge/language-badge.js';
import type { FirmLanguageBadge } from '../../../src/elements/language-badge/language-badge.js';
import { watchWarnings } from '../../page.js';

const shadow = (el: Element) => el.shadowRoot!;
const phrases = (el: Element) => [...shadow(el).querySelectorAll('[part=phrase]')] as HTMLElement[];
const glossText = (el: Element) => [...shadow(el).querySelectorAll('[part=gloss]')].map((g) => g.textContent);

describe('<firm-language-badge>', () => {
  const warnings = watchWarnings();
  beforeEach(() => (document.documentElement.lang = 'en'));
  afterEach(() => (document.documentElement.lang = 'en'));

  it('says "Se habla español" in Spanish, with an English gloss, by default', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge></firm-language-badge>`);
    const [phrase] = phrases(el);
    expect(phrase.textContent).to.equal('Se habla español');
    expect(phrase.lang).to.equal('es');
    expect(phrase.dir).to.equal('ltr');
    expect(glossText(el)).to.deep.equal(['Spanish spoken here']);
    await expect(el).to.be.accessible();
  });

  it('has no gloss on a Spanish page, and glosses other languages in Spanish there', async () => {
    const wrap = await fixture(html`<div lang="es-MX"><firm-language-badge languages="es vi"></firm-language-badge></div>`);
    const el = wrap.querySelector('firm-language-badge')!;
    // The fixture waits for the wrapper only; the badge's first render has a task of its own.
    await el.updateComplete;
    expect(glossText(el)).to.deep.equal(['Hablamos vietnamita']);
    await expect(el).to.be.accessible();
  });

  it('shows one badge per language, each in its own lang and direction', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge languages="es zh-Hant vi ko tl ar fa he ur iw"></firm-language-badge>`);
    const ps = phrases(el);
    // "iw" is Hebrew's old code: the same badge as "he", so it is not repeated.
    expect(ps.map((p) => p.lang)).to.deep.equal(['es', 'zh-Hant', 'vi', 'ko', 'tl', 'ar', 'fa', 'he', 'ur']);
    expect(ps.map((p) => p.dir)).to.deep.equal(['ltr', 'ltr', 'ltr', 'ltr', 'ltr', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(ps.slice(7).map((p) => p.textContent)).to.deep.equal(['עברית', 'اردو']);
    expect(ps[1].textContent).to.equal('我們講中文');
    expect(ps[5].textContent).to.equal('نتحدث العربية');
    expect(shadow(el).querySelectorAll('li')).to.have.length(9);
    await expect(el).to.be.accessible();
  });

  it('has a native phrase for each of the 16 languages US firms offer most', async () => {
    const codes = 'es zh-Hans zh-Hant vi ko tl ar fa hy ru pt fr ht hi pa ja';
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge languages=${codes}></firm-language-badge>`);
    const ps = phrases(el);
    expect(ps).to.have.length(16);
    const english = new Intl.DisplayNames(['en'], { type: 'language' });
    for (const p of ps) {
      // A real phrase, not the language's English name nor its code.
      expect(p.textContent).not.to.equal(english.of(p.lang));
      expect(p.textContent!.length).to.be.greaterThan(4);
    }
  });

  it('maps regional and legacy tags onto the right phrase', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge languages="zh-TW zh-CN es-419 fil"></firm-language-badge>`);
    expect(phrases(el).map((p) => p.textContent)).to.deep.equal(['我們講中文', '我们讲中文', 'Se habla español', 'Nagsasalita kami ng Tagalog']);
  });

  it('names any other valid language in its own words', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge language="sw"></firm-language-badge>`);
    expect(phrases(el)[0].textContent).to.equal('Kiswahili');
    expect(glossText(el)).to.deep.equal(['Swahili spoken here']);
  });

  it('leaves out an invalid code with one warning naming the element, attribute and value', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge languages="es not_a_lang"></firm-language-badge>`);
    el.requestUpdate();
    await el.updateComplete;
    expect(phrases(el)).to.have.length(1);
    const mine = warnings.filter((w) => w.includes('not_a_lang'));
    expect(mine).to.have.length(1);
    expect(mine[0]).to.contain('<firm-language-badge>').and.contain('languages=');
  });

  it('gives one warning for an unreadable attribute, not one per word', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge language="not a code!">Se habla español</firm-language-badge>`);
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<firm-language-badge> language="not a code!"');
    expect(shadow(el).querySelector('slot')).to.exist;
  });

  it('keeps the fallback content when nothing is readable', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge language="@@">Se habla español</firm-language-badge>`);
    expect(shadow(el).querySelector('slot')).to.exist;
    expect(el.textContent).to.equal('Se habla español');
  });

  it('becomes a link with hreflang when given href', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge languages="es ko" href="/{lang}/"></firm-language-badge>`);
    const links = [...shadow(el).querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.hreflang])).to.deep.equal([
      ['/es/', 'es'],
      ['/ko/', 'ko'],
    ]);
    links[0].focus();
    expect(shadow(el).activeElement).to.equal(links[0]);
    await expect(el).to.be.accessible();
  });

  it('re-renders when the page language changes', async () => {
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge language="ko"></firm-language-badge>`);
    expect(glossText(el)).to.deep.equal(['Korean spoken here']);
    document.documentElement.lang = 'es';
    await nextFrame();
    await el.updateComplete;
    expect(glossText(el)).to.deep.equal(['Hablamos coreano']);
  });

  it('follows its own lang over the page and an ancestor', async () => {
    const wrap = await fixture(html`<div lang="en"><firm-language-badge lang="es" language="ko"></firm-language-badge></div>`);
    // The fixture waits on the <div>, not on the badge inside it, whose first render may come a task later.
    const el = wrap.firstElementChild as FirmLanguageBadge;
    await el.updateComplete;
    expect(glossText(el)).to.deep.equal(['Hablamos coreano']);
  });

  it('takes availableLanguage from the page profile when given no attribute, leaving out the page language', async () => {
    const s = document.createElement('script');
    s.type = 'application/ld+json';
    s.textContent = JSON.stringify({ '@type': 'LegalService', name: 'F', availableLanguage: ['English', 'Spanish', 'Vietnamese'] });
    document.head.append(s);
    const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge></firm-language-badge>`);
    expect(phrases(el).map((p) => p.lang)).to.deep.equal(['es', 'vi']);
  });

  for (const variant of ['pill', 'banner']) {
    it(`is accessible and sized in the ${variant} variant`, async () => {
      const el = await fixture<FirmLanguageBadge>(html`<firm-language-badge variant=${variant} languages="es ar"></firm-language-badge>`);
      const badge = shadow(el).querySelector('[part=badge]') as HTMLElement;
      expect(badge.getBoundingClientRect().height).to.be.greaterThan(10);
      await expect(el).to.be.accessible();
    });
  }

  it('warns once about an unknown variant', async () => {
    await fixture(html`<firm-language-badge variant="neon"></firm-language-badge>`);
    expect(warnings.filter((w) => w.includes('variant="neon"'))).to.have.length(1);
  });
});
