import { expect } from '@open-wc/testing';

/** The demo pages as a webmaster meets them: in a frame, on the built script. */
async function open(path: string): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.style.width = '1200px';
  frame.style.height = '900px';
  frame.src = path;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return frame.contentWindow as Window & typeof globalThis;
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('demo pages', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('index.html: the language switch shows the page and every element in Spanish, and back', async () => {
    const win = await open('/demo/index.html?lang=en');
    const doc = win.document;
    const card = doc.querySelector('firm-contact-card')!;
    await until(() => !!card.shadowRoot?.querySelector('h2'));
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.equal('Call Us Today!');
    expect(doc.querySelector('h1')!.checkVisibility()).to.be.true;
    doc.getElementById('lang-switch')!.click();
    expect(doc.documentElement.lang).to.equal('es');
    await until(() => card.shadowRoot!.querySelector('h2')!.textContent === '¡Llámenos hoy!');
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.equal('¡Llámenos hoy!');
    const visibleH1 = [...doc.querySelectorAll('h1')].filter((h) => h.checkVisibility());
    expect(visibleH1.map((h) => h.textContent)).to.deep.equal(['Qué traer a su primera consulta de inmigración']);
    doc.getElementById('lang-switch')!.click();
    await until(() => card.shadowRoot!.querySelector('h2')!.textContent === 'Call Us Today!');
    expect(doc.documentElement.lang).to.equal('en');
    win.localStorage.removeItem('demo-lang');
  });

  it('index.html: every detail comes from the one JSON-LD block; no element repeats the phone', async () => {
    const win = await open('/demo/index.html?lang=en');
    const html = win.document.body.innerHTML;
    expect(html).not.to.contain('818-788-8900');
    const card = win.document.querySelector('firm-contact-card')!;
    await until(() => !!card.shadowRoot?.querySelector('[part=phone]'));
    expect(card.shadowRoot!.querySelector('a[part=phone]')!.getAttribute('href')).to.equal('tel:+18187888900');
  });

  it('builder.html: what the webmaster types shows in the snippet, the shortcodes and the preview', async () => {
    const win = await open('/demo/builder.html');
    const doc = win.document;
    const name = doc.querySelector<HTMLInputElement>('input[name=name]')!;
    name.value = 'Núñez </script> Law';
    name.dispatchEvent(new win.Event('input', { bubbles: true }));
    const snippet = doc.querySelector<HTMLTextAreaElement>('#snippet')!;
    await until(() => snippet.value.includes('Núñez'));
    // The name cannot close the JSON-LD script early.
    expect(snippet.value).to.contain('"name": "Núñez \\u003c/script> Law"');
    expect(snippet.value).to.contain('<script type="module" src=');
    expect(snippet.value).to.contain('<firm-contact-card');
    const box = doc.querySelector<HTMLInputElement>('input[value=firm-comments]')!;
    box.click();
    await until(() => doc.querySelector<HTMLTextAreaElement>('#shortcodes')!.value.includes('[firm_comments]'));
    expect(doc.querySelector<HTMLTextAreaElement>('#shortcodes')!.value).to.contain('[firm_comments]');
    // The preview runs the kit: the comments element rendered its own heading (a shadow root alone
    // exists as soon as the element is defined, before it renders anything).
    const preview = doc.querySelector<HTMLIFrameElement>('#preview')!;
    const heading = () => preview.contentDocument?.querySelector('firm-comments')?.shadowRoot?.querySelector('[part=heading]');
    await until(() => !!heading());
    expect(heading(), 'the comments heading in the preview').to.exist;
    expect(heading()!.textContent).to.match(/Comment/);
  });
});
