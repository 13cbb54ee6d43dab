import { expect } from '@open-wc/testing';

/** Every firm-* element's pending render: a fixed pause was too short for WebKit on a busy machine. */
const rendered = (doc: Document) =>
  Promise.all([...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('firm-')).map((e) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete));

/** A page whose classic script in <head> meets the elements before the JSON-LD printed after them. */
async function classicPage(body: string) {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="es"><head><script src="/dist/firm-widgets.iife.js"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  await rendered(frame.contentDocument!);
  await new Promise((r) => setTimeout(r, 50));
  return frame;
}

describe('LocaleController', () => {
  it('renders every element again once the page is parsed, so JSON-LD printed after it counts', async () => {
    const frame = await classicPage(`
      <firm-contact-card></firm-contact-card>
      <firm-language-badge></firm-language-badge>
      <script type="application/ld+json">{"@type":"LegalService","telephone":"818-788-8900","availableLanguage":["es","vi"]}</script>`);
    const doc = frame.contentDocument!;
    const card = doc.querySelector('firm-contact-card')!.shadowRoot!;
    expect(card.querySelector('[part=phone]')!.getAttribute('href')).to.equal('tel:+18187888900');
    expect(card.querySelector('[part=heading]')!.textContent).to.equal('¡Llámenos hoy!');
    // The profile's languages but the page's own.
    const badge = doc.querySelector('firm-language-badge')!.shadowRoot!;
    expect([...badge.querySelectorAll('[part=phrase]')].map((p) => p.getAttribute('lang'))).to.deep.equal(['vi']);
    frame.remove();
  });
});
