import { expect } from '@open-wc/testing';

/**
 * Proofs that one script tag is safe on any page: the built dist/firm-widgets.js on a bare page,
 * under a strict CSP, loaded twice, and under a hostile theme. Each variant is a real page in an
 * iframe, served by test/servers/proofs.mjs.
 */
interface Proof {
  problems: string[];
  violations: string[];
}
type ProofWindow = Window & typeof globalThis & { __proof: Proof };

let tags: string[] = [];

/**
 * Waits for `what` to happen, failing with its name after `ms`: WebKit once let a proof run past
 * the test's own timeout at load 17, which said nothing of where it stood.
 */
function step<T>(what: string, happens: Promise<T>, ms = 15000): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: not within ${ms / 1000} s`)), ms)));
  return Promise.race([happens, late]).finally(() => clearTimeout(timer));
}

async function open(variant: string, width = 1024): Promise<{ win: ProofWindow; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = '900px';
  frame.src = `/proof/page.html?${variant}`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await step(`the ${variant} page's load event`, loaded);
  const win = frame.contentWindow as ProofWindow;
  await step(`every element defined on the ${variant} page`, Promise.all(tags.map((t) => win.customElements.whenDefined(t))));
  // Let every element fetch, render and settle (comments load from localStorage; hours set timers).
  for (const el of win.document.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>(tags.join(','))) {
    await step(`<${el.localName}> rendered on the ${variant} page`, Promise.resolve(el.updateComplete));
  }
  await new Promise((r) => setTimeout(r, 300));
  return { win, frame };
}

/**
 * The tags whose element has rendered its own content. A shadow root with children is not enough:
 * every element puts a waiting <slot> in it the moment it connects (long before its first render),
 * and keeps only a <slot> when it cannot render (its fallback).
 */
const rendered = (win: ProofWindow) =>
  tags.filter((t) => {
    const root = win.document.querySelector(t)?.shadowRoot;
    return !!root && [...root.children].some((child) => !['slot', 'style'].includes(child.localName));
  });

describe('proofs on the built file', () => {
  before(async () => {
    tags = await (await fetch('/proof/tags.json')).json();
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('1. a bare page with only the built script upgrades every element, with no console error or warning', async () => {
    const { win } = await open('bare');
    expect(rendered(win)).to.deep.equal(tags);
    expect(tags.length).to.be.greaterThan(0);
    expect(win.__proof.problems).to.deep.equal([]);
  });

  it('2. under a strict Content-Security-Policy it works with no violation reported', async () => {
    const { win } = await open('csp');
    expect(rendered(win)).to.deep.equal(tags);
    expect(win.__proof.violations).to.deep.equal([]);
    expect(win.__proof.problems).to.deep.equal([]);
  });

  it('3. the script twice and the classic build beside it: no error, each element defined once and working', async () => {
    const { win } = await open('twice');
    expect(rendered(win)).to.deep.equal(tags);
    expect(win.__proof.problems).to.deep.equal([]);
    for (const t of tags) expect(win.document.querySelectorAll(t).length, t).to.equal(1);
  });

  it('4. a hostile theme stylesheet leaves every element readable and its controls usable', async () => {
    const { win } = await open('hostile');
    expect(rendered(win)).to.deep.equal(tags);
    for (const t of tags) {
      const host = win.document.querySelector(t)!;
      const root = host.shadowRoot!;
      const edge = host.getBoundingClientRect().right;
      for (const control of root.querySelectorAll<HTMLElement>('a[href], button, input:not([tabindex="-1"]), textarea, select')) {
        if (control.closest('[inert]') || control.offsetParent === null) continue;
        const box = control.getBoundingClientRect();
        const style = win.getComputedStyle(control);
        const what = `${t} ${control.localName}${control.getAttribute('part') ? `[part=${control.getAttribute('part')}]` : ''}`;
        expect(box.width, `${what} width`).to.be.greaterThan(8);
        expect(box.height, `${what} height`).to.be.greaterThan(8);
        // A theme's `* { box-sizing: content-box !important }` must not push fields past the element.
        if (t !== 'firm-call-button') expect(box.right, `${what} right edge`).to.be.at.most(edge + 1);
        expect(parseFloat(style.fontSize), `${what} font-size`).to.be.greaterThan(9);
        expect(style.color, `${what} color`).not.to.equal('rgba(0, 0, 0, 0)');
      }
    }
    expect(win.__proof.problems).to.deep.equal([]);
  });

  it('5. no request goes to any origin but the page’s own', async () => {
    const { win } = await open('csp');
    const origins = new Set(
      win.performance.getEntriesByType('resource').map((e) => new URL(e.name).origin),
    );
    origins.delete(location.origin);
    expect([...origins]).to.deep.equal([]);
  });
});
