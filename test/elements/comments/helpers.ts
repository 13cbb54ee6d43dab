import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/comments/comments.js';
import type { FirmComments } from '../../../src/elements/comments/comments.js';
import { autofill } from '../../page.js';

export const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T;
export const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(sel)] as T[];
export const text = (el: Element, sel: string) => q(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const texts = (el: Element, sel: string) => qa(el, sel).map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

let n = 0;
/** A thread id no other test has used, on this page load and the next. */
export const fresh = () => `${Date.now().toString(36)}${++n}`;
export const freshPost = () => String(Math.floor(Math.random() * 1e9) + 1000);

/** Waits until `check` returns something truthy (polling), or fails naming what it waited for. */
export async function until<T>(check: () => T, what = 'condition', ms = 4000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Loads an element and waits until its first page (or failure) is shown. */
export async function make(attrs: Record<string, string | boolean>, lang = 'en'): Promise<FirmComments> {
  const el = await fixture<FirmComments>(html`<div lang=${lang}></div>`).then((wrap) => {
    const c = document.createElement('firm-comments');
    for (const [k, v] of Object.entries({ eager: true, ...attrs })) if (v !== false) c.setAttribute(k, v === true ? '' : v);
    wrap.append(c);
    return c;
  });
  await settled(el);
  return el;
}

/** Waits until the element is no longer loading. */
export async function settled(el: FirmComments) {
  await until(() => el.shadowRoot && !text(el, '[part=status]').match(/Loading|Cargando/) && (q(el, '[part=heading]')?.textContent ?? '').match(/\d/) || text(el, '[part=status]').match(/Could not|No se/) || (el.hasUpdated && q(el, 'slot')), 'the list to load');
  await el.updateComplete;
}

/** Types into a field as a visitor does. */
export async function type(el: Element, name: string, value: string) {
  const field = q<HTMLInputElement>(el, `[name=${name}]`);
  field.focus();
  field.select?.();
  await sendKeys({ type: value });
}

/** Fills the form as most visitors do: the browser fills the name, email and website, the visitor types the comment. */
export async function fill(el: Element, { name = 'Ana Reyes', email = 'ana@example.test', url = '', content = 'Very helpful, thank you.' } = {}) {
  autofill(q<HTMLInputElement>(el, '[name=name]'), name);
  autofill(q<HTMLInputElement>(el, '[name=email]'), email);
  if (url) autofill(q<HTMLInputElement>(el, '[name=url]'), url);
  await type(el, 'content', content);
}

export const submit = (el: Element) => q<HTMLButtonElement>(el, 'form .primary').click();

/** Sends and waits for the answer (a status message that is not "Sending…"). */
export async function send(el: FirmComments) {
  submit(el);
  // The send's own render first: until then the status may still say how the last send went
  // (WebKit renders later than the others, and a second post read the first one's answer).
  await el.updateComplete;
  await until(() => text(el, 'form [part=status]') && !text(el, 'form [part=status]').match(/Sending|Enviando/), 'an answer');
  await el.updateComplete;
  return text(el, 'form [part=status]');
}

export const postJson = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
export const sentTo = async (url: string) => (await (await fetch(url)).json()) as Record<string, unknown>[];
