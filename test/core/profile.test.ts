import { expect } from '@open-wc/testing';
import { readProfile, languageCode } from '../../src/core/profile.js';

function page(...blocks: string[]): Document {
  const doc = document.implementation.createHTMLDocument('t');
  for (const text of blocks) {
    const s = doc.createElement('script');
    s.type = 'application/ld+json';
    s.textContent = text;
    doc.head.append(s);
  }
  return doc;
}

describe('profile reader', () => {
  let warnings: unknown[][];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => (console.warn = warn));

  it('gives an empty profile when the page has no JSON-LD', () => {
    expect(readProfile(page())).to.deep.equal({});
  });

  it('reads a LegalService with a postal address, hours and languages', () => {
    const p = readProfile(
      page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'LegalService',
          name: 'Reyes & Cho Immigration Law',
          telephone: '818-788-8900',
          faxNumber: '818-788-5900',
          email: 'mailto:office@example.com',
          address: { '@type': 'PostalAddress', streetAddress: '15233 Ventura Blvd', addressLocality: 'Sherman Oaks', addressRegion: 'CA', postalCode: '91403' },
          openingHours: ['Mo-Fr 09:00-17:00', 'Sa 10:00-14:00'],
          availableLanguage: ['English', 'Spanish', { '@type': 'Language', name: 'Korean', alternateName: 'ko' }, 'Español', 'zh-Hant'],
        }),
      ),
    );
    expect(p.name).to.equal('Reyes & Cho Immigration Law');
    expect(p.telephone).to.equal('818-788-8900');
    expect(p.faxNumber).to.equal('818-788-5900');
    expect(p.email).to.equal('office@example.com');
    expect(p.address).to.equal('15233 Ventura Blvd, Sherman Oaks, CA 91403');
    expect(p.openingHours).to.equal('Mo-Fr 09:00-17:00; Sa 10:00-14:00');
    expect(p.availableLanguage).to.deep.equal(['en', 'es', 'ko', 'es', 'zh-Hant']);
  });

  it('finds the firm inside an @graph, preferring a business type over a WebSite or Organization', () => {
    const p = readProfile(
      page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', name: 'The blog' },
            { '@type': 'Organization', name: 'Parent Org', telephone: '1' },
            { '@type': ['ProfessionalService'], name: 'The Firm', telephone: '555-0100' },
          ],
        }),
      ),
    );
    expect(p.name).to.equal('The Firm');
    expect(p.telephone).to.equal('555-0100');
  });

  it('falls back to an Organization, and reads schema.org URL types', () => {
    expect(readProfile(page('{"@type":"https://schema.org/Organization","name":"Org"}')).name).to.equal('Org');
    expect(readProfile(page('{"@type":"Person","name":"Ann"}')).name).to.be.undefined;
  });

  it('takes the first matching node across several blocks', () => {
    const p = readProfile(page('{"@type":"Article","headline":"x"}', '{"@type":"Attorney","name":"A"}', '{"@type":"LegalService","name":"B"}'));
    expect(p.name).to.equal('A');
  });

  it('skips malformed JSON with one warning and still reads the other blocks', () => {
    const doc = page('{ "@type": "LegalService", name: oops }', '{"@type":"LocalBusiness","name":"Fine"}');
    expect(readProfile(doc).name).to.equal('Fine');
    expect(readProfile(doc).name).to.equal('Fine');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('not valid JSON');
  });

  it('maps language names and codes to BCP 47', () => {
    expect(languageCode('Spanish')).to.equal('es');
    expect(languageCode('español')).to.equal('es');
    expect(languageCode('zh-hant')).to.equal('zh-Hant');
    expect(languageCode('Vietnamese')).to.equal('vi');
    expect(languageCode('Klingon')).to.be.undefined;
  });
});
