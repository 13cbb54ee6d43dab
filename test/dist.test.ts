import { expect } from '@open-wc/testing';

/** Every firm-* element's pending render: a fixed pause was too short for WebKit on a busy machine. */
const rendered = (doc: Document) =>
  Promise.all([...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('firm-')).map((e) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete));

/** Loads the built file on a bare page, as a webmaster would, and collects what the console said. */
async function bare(body: string, scripts = ['<script type="module" src="/dist/firm-widgets.js"></script>']) {
  const frame = document.createElement('iframe');
  const problems: string[] = [];
  (window as unknown as { report: (s: string) => void }).report = (s) => problems.push(s);
  frame.srcdoc = `<!doctype html><html lang="en"><head><script>
    for (const k of ['error','warn']) { const o = console[k]; console[k] = (...a) => { parent.report(k + ': ' + a.join(' ')); o.apply(console, a); }; }
    addEventListener('error', (e) => parent.report('error: ' + e.message));
  </script>${scripts.join('')}</head><body>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  await win.customElements.whenDefined('firm-language-badge');
  await rendered(win.document);
  await new Promise((r) => setTimeout(r, 50));
  return { frame, win, problems };
}

describe('the built dist/firm-widgets.js on a bare page', () => {
  it('upgrades the badge with no console error or warning', async () => {
    const { win, frame, problems } = await bare('<firm-language-badge>Se habla español</firm-language-badge>');
    const el = win.document.querySelector('firm-language-badge')!;
    expect(el.shadowRoot?.querySelector('[part=phrase]')?.textContent).to.equal('Se habla español');
    expect(problems).to.deep.equal([]);
    frame.remove();
  });

  it('survives the ES and classic builds on one page, each element defined once', async () => {
    const { win, frame, problems } = await bare('<firm-language-badge></firm-language-badge>', [
      '<script src="/dist/firm-widgets.iife.js"></script>',
      '<script type="module" src="/dist/firm-widgets.js"></script>',
      '<script type="module" src="/dist/firm-widgets.js?again"></script>',
    ]);
    expect(win.document.querySelector('firm-language-badge')!.shadowRoot?.querySelector('[part=phrase]')).to.exist;
    expect(problems).to.deep.equal([]);
    frame.remove();
  });

  it('upgrades office hours with no console error or warning', async () => {
    const { win, frame, problems } = await bare(
      '<firm-office-hours hours="Mo-Fr 09:00-17:00" timezone="America/Los_Angeles" now="2026-01-07T10:00:00-08:00"><p>Mon–Fri 9–5</p></firm-office-hours>',
    );
    await win.customElements.whenDefined('firm-office-hours');
    const el = win.document.querySelector('firm-office-hours')!;
    expect(el.shadowRoot?.querySelector('[part=status]')?.textContent?.replace(/\s+/g, ' ').trim()).to.match(/^Open now · closes at 5:00\sPM PST$/);
    expect(el.hasAttribute('open')).to.be.true;
    expect(problems).to.deep.equal([]);
    frame.remove();
  });

  // The build drops the quotes HTML does not need around attribute values: a binding that is only
  // part of a value (`id=${name}-error`) must still tie each field to its error line.
  it('ties the contact form fields to their error lines', async () => {
    const { win, frame, problems } = await bare('<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>');
    await win.customElements.whenDefined('firm-contact-form');
    const el = win.document.querySelector('firm-contact-form')!;
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const root = el.shadowRoot!;
    const email = root.querySelector('[name=email]')!;
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect(root.querySelector('#email-error')?.getAttribute('part')).to.equal('error');
    expect(root.querySelector('[name=consent]')!.getAttribute('aria-describedby')).to.equal('disclaimer consent-error');
    expect(problems).to.deep.equal([]);
    frame.remove();
  });
});
