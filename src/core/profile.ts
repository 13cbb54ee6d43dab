import { languageName } from './locale.js';
import { warn } from './warn.js';

/**
 * The firm's details, read from the page's schema.org JSON-LD, so a site that already prints a
 * `LegalService` (or `LocalBusiness`, `Organization`…) block needs no attributes at all.
 */

export interface OpeningHoursSpecification {
  dayOfWeek?: string | string[];
  opens?: string;
  closes?: string;
  validFrom?: string;
  validThrough?: string;
  name?: string;
  description?: string;
}

export interface Profile {
  name?: string;
  telephone?: string;
  faxNumber?: string;
  email?: string;
  url?: string;
  /** The address on one line, as a person writes it. */
  address?: string;
  /** schema.org `openingHours` text, rules joined by "; ". */
  openingHours?: string;
  openingHoursSpecification?: OpeningHoursSpecification[];
  specialOpeningHoursSpecification?: OpeningHoursSpecification[];
  /** BCP 47 codes, from names ("Spanish", "Español") or codes ("es"). */
  availableLanguage?: string[];
  /** IANA time zone. Not a schema.org property: our WordPress plugin prints it; engines ignore it. */
  timeZone?: string;
}

type Node = Record<string, unknown>;

/**
 * A firm's own node: `LegalService`, `Attorney`, `LocalBusiness` and their subtypes: every
 * `…Service`, `…Business`, `…Store`, `…Agency`, `…Office`, and the few whose names do not say so.
 * Plain `Service` is left out: that type describes an offering, not the firm (its few subtypes,
 * such as `TaxiService`, have no place on a firm's page).
 */
const FIRM_TYPES = ['Attorney', 'Notary', 'Dentist', 'RealEstateAgent'];
const FIRM_TYPE_ENDINGS = ['Service', 'Business', 'Store', 'Agency', 'Office'];

/** A type bare or as a schema.org URL: "https://schema.org/LegalService" → "LegalService". */
const typeName = (type: string) => type.slice(type.lastIndexOf('/') + 1);

const isFirmType = (type: string) => FIRM_TYPES.includes(type) || (type != 'Service' && FIRM_TYPE_ENDINGS.some((ending) => type.endsWith(ending)));

/** Every JSON-LD node on the page, `@graph` arrays flattened. Malformed blocks warn (once: warn() says each thing once) and are skipped. */
function allNodes(doc: Document): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v == 'object') {
      walk((v as Node)['@graph']);
      if ('@type' in v) out.push(v as Node);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      walk(JSON.parse(script.textContent!));
    } catch {
      warn('script', 'type', 'application/ld+json', 'not valid JSON, skipped');
    }
  }
  return out;
}

/** A value as text: the first of a list, a number, an ImageObject's `url`, a Country's `name`. */
function text(v: unknown): string | undefined {
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v == 'object') return text((v as Node).url ?? (v as Node).name);
  if (v == null) return undefined;
  return `${v as string}`.trim() || undefined;
}

const list = <T>(v: unknown): T[] => (v == null ? [] : ([] as T[]).concat(v as T));

/** Whether any of the node's types passes `test`. */
const isA = (node: Node, test: (type: string) => boolean): boolean => list<string>(node['@type']).some((type) => test(typeName(`${type}`)));

/** The languages a profile may name in words ("Spanish", "Español"); codes need no list. */
const KNOWN_LANGUAGES = 'en es zh zh-Hans zh-Hant vi ko tl fil ar fa hy ru pt fr ht hi pa ja de it pl uk he ur bn gu ne so am'.split(' ');

/** "es", "Spanish", "Español" or `{name, alternateName}` → "es"; unknown → undefined. */
export function languageCode(v: unknown): string | undefined {
  if (v && typeof v == 'object') return languageCode((v as Node).alternateName) ?? languageCode((v as Node).name);
  const s = text(v);
  if (!s) return undefined;
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(s)) {
    try {
      return Intl.getCanonicalLocales(s)[0];
    } catch {
      return undefined;
    }
  }
  const wanted = s.toLocaleLowerCase();
  return KNOWN_LANGUAGES.find((code) => [code, 'en'].some((inTag) => languageName(code, inTag)?.toLocaleLowerCase() === wanted));
}

/** Reads the page's profile now: the first node of a firm's type, else the first `Organization`. Cheap. */
export function readProfile(doc: Document = document): Profile {
  const all = allNodes(doc);
  const node = all.find((n) => isA(n, isFirmType)) ?? all.find((n) => isA(n, (type) => type == 'Organization'));
  if (!node) return {};
  const a = node.address as Node | string | undefined;
  // A PostalAddress on one line, as a person writes it: "15233 Ventura Blvd, Sherman Oaks, CA 91403".
  const address =
    a && typeof a == 'object'
      ? [text(a.streetAddress), text(a.addressLocality), `${text(a.addressRegion) ?? ''} ${text(a.postalCode) ?? ''}`.trim()].filter(Boolean).join(', ')
      : text(a);
  const hours = list(node.openingHours).map(text).filter(Boolean).join('; ');
  const languages = list(node.availableLanguage)
    .map(languageCode)
    .filter((c): c is string => !!c);
  return {
    name: text(node.name),
    telephone: text(node.telephone),
    faxNumber: text(node.faxNumber),
    email: text(node.email)?.replace(/^mailto:/i, ''),
    url: text(node.url),
    address: address || undefined,
    openingHours: hours || undefined,
    openingHoursSpecification: list(node.openingHoursSpecification),
    specialOpeningHoursSpecification: list(node.specialOpeningHoursSpecification),
    availableLanguage: languages.length ? languages : undefined,
    timeZone: text(node.timeZone),
  };
}
