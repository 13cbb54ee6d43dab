import sinon from 'sinon';
import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Sizes the page, in every engine: setViewport() from @web/test-runner-commands refuses WebKit's
 * WebDriver launcher, so this goes through the config's `firm-viewport` command (test/webkit.mjs).
 */
export const viewport = (size: { width: number; height: number }): Promise<unknown> => executeServerCommand('firm-viewport', size);

/** Puts a JSON-LD block in the page, as a site's SEO plugin would. */
export function jsonLd(data: object): void {
  const s = document.createElement('script');
  s.type = 'application/ld+json';
  s.textContent = JSON.stringify(data);
  document.head.append(s);
}

export const clearJsonLd = (): void => document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => s.remove());

/**
 * The console's warnings during each test of the calling `describe`; after each, the console,
 * sinon's stubs and the page's JSON-LD are put back as they were.
 */
export function watchWarnings(): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
  });
  afterEach(() => {
    console.warn = original;
    sinon.restore();
    clearJsonLd();
  });
  return warnings;
}

/**
 * The engine's own "p.m." in `tag`, for texts that hold one: Chromium 156 and Firefox 153 bring
 * their own ICU and write "p.m." for es-US; WebKitGTK uses the system's, and Debian 12's ICU 72
 * writes "p. m." (with a no-break space).
 */
export const pm = (tag: string): string =>
  new Intl.DateTimeFormat(tag, { hour: 'numeric', hourCycle: 'h12', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2026, 0, 1, 13))
    .find((part) => part.type === 'dayPeriod')!.value;

/**
 * Fills a field as the browser's autofill (or a paste) does: the whole value at once and one
 * `input` event. The fill helpers use it for the name, email and phone that most visitors'
 * browsers fill in, and type the message key by key: a keystroke sent through WebDriver costs
 * about 4 ms of CPU in each engine, and those fields were a fifth of the browser tests' CPU.
 * Tests about typing in a field type into it.
 */
export function autofill(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value }));
}
