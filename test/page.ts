import sinon from 'sinon';

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
