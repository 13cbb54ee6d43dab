import { languageName } from './locale.js';

/**
 * The firm's details, read from the page's schema.org JSON-LD, so a site that already prints a
 * `LegalService` (or `LocalBusiness`, `Organization`…) block needs no attributes at all.
 */

export interface PostalAddress {
  streetAddress?: string;
  addressLocality?: string;
  addressRegion?: string;
  postalCode?: string;
  addressCountry?: string;
}

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
  image?: string;
  /** The address on one line, as a person writes it. */
  address?: string;
  addressParts?: PostalAddress;
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
 * A firm's own node: `LegalService`, `Attorney`, `LocalBusiness` and their subtypes (every
 * `…Business`, `…Store`, `…Agency`, `…Office`), bare or as a schema.org URL. Plain `Service` is
 * left out: that type describes an offering, not the firm.
 */
const FIRM = /(^|\/)(Attorney|Notary|Dentist|RealEstateAgent|(Legal|Professional|Accounting|Financial)Service|\w*(Business|Store|Agency|Office))$/;
const ORGANIZATION = /(^|\/)Organization$/;
const PERSON = /(^|\/)Person$/;

const parsed = new Map<string, unknown>();

function parse(text: string): unknown {
  if (parsed.has(text)) return parsed.get(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    console.warn(`firm-widgets: skipped JSON-LD that is not valid JSON (${(e as Error).message})`);
  }
  parsed.set(text, value);
  return value;
}

function nodes(value: unknown, out: Node[]): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (value && typeof value === 'object') {
    const node = value as Node;
    if ('@graph' in node) nodes(node['@graph'], out);
    if ('@type' in node) out.push(node);
  }
  return out;
}

const text = (v: unknown): string | undefined => {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  // An ImageObject's `url`, a Country's `name`.
  if (v && typeof v === 'object') return text((v as Node).url ?? (v as Node).name);
  return undefined;
};

const list = <T>(v: unknown): T[] => (v == null ? [] : ([] as T[]).concat(v as T));

const isA = (node: Node, type: RegExp): boolean => list(node['@type']).some((t) => type.test(String(t)));

function address(v: unknown): { line?: string; parts?: PostalAddress } {
  if (typeof v === 'string') return { line: v.trim() || undefined };
  if (!v || typeof v !== 'object') return {};
  const a = v as Node;
  const parts: PostalAddress = {};
  for (const key of ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry'] as const) {
    const value = text(a[key]);
    if (value) parts[key] = value;
  }
  const regionPostal = [parts.addressRegion, parts.postalCode].filter(Boolean).join(' ');
  const line = [parts.streetAddress, parts.addressLocality, regionPostal].filter(Boolean).join(', ');
  return { line: line || undefined, parts };
}

/** The languages a profile may name in words ("Spanish", "Español"); codes need no list. */
const KNOWN_LANGUAGES = 'en es zh zh-Hans zh-Hant vi ko tl fil ar fa hy ru pt fr ht hi pa ja de it pl uk he ur bn gu ne so am'.split(' ');

/** "es", "Spanish", "Español" or `{name, alternateName}` → "es"; unknown → undefined. */
export function languageCode(v: unknown): string | undefined {
  if (v && typeof v === 'object') {
    const lang = v as Node;
    return languageCode(lang.alternateName) ?? languageCode(lang.name);
  }
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

/** Every JSON-LD node on the page, `@graph` arrays flattened; malformed blocks warn once. */
function allNodes(doc: Document): Node[] {
  const out: Node[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    nodes(parse(script.textContent ?? ''), out);
  }
  return out;
}

/** The firm's node: the first of a preferred business type, else the first `Organization`. */
function firmNode(doc: Document): Node | undefined {
  const all = allNodes(doc);
  return all.find((n) => isA(n, FIRM)) ?? all.find((n) => isA(n, ORGANIZATION));
}

/** Reads the page's profile now. Cheap: each distinct JSON text is parsed once. */
export function readProfile(doc: Document = document): Profile {
  const node = firmNode(doc);
  if (!node) return {};
  const { line, parts } = address(node.address);
  const hours = list<unknown>(node.openingHours)
    .map(text)
    .filter(Boolean)
    .join('; ');
  const languages = list<unknown>(node.availableLanguage)
    .map(languageCode)
    .filter((c): c is string => !!c);
  return {
    name: text(node.name) ?? text(node.legalName),
    telephone: text(node.telephone),
    faxNumber: text(node.faxNumber),
    email: text(node.email)?.replace(/^mailto:/i, ''),
    url: text(node.url),
    image: text(node.image) ?? text(node.logo),
    address: line,
    addressParts: parts,
    openingHours: hours || undefined,
    openingHoursSpecification: list<OpeningHoursSpecification>(node.openingHoursSpecification),
    specialOpeningHoursSpecification: list<OpeningHoursSpecification>(node.specialOpeningHoursSpecification),
    availableLanguage: languages.length ? languages : undefined,
    timeZone: text(node.timeZone),
  };
}

/**
 * Renders `host` again once the page is parsed. A classic script in `<head>` upgrades elements as
 * the parser meets them, before JSON-LD printed further down (some plugins put it in the footer).
 */
export function afterParse(host: { requestUpdate(): void }): void {
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', () => host.requestUpdate(), { once: true });
}

export interface Author {
  name?: string;
  jobTitle?: string;
  image?: string;
  url?: string;
}

/** The post's author: an article's `author` (followed by `@id` into the graph), else the first `Person`. */
export function readAuthor(doc: Document = document): Author {
  const all = allNodes(doc);
  const given = list<Node | string>(all.find((n) => n.author)?.author)[0];
  const id = typeof given == 'object' && given['@id'];
  const a: Node | undefined =
    typeof given == 'string'
      ? { name: given }
      : given?.name
        ? given
        : ((id ? all.find((n) => n['@id'] === id) : undefined) ?? all.find((n) => isA(n, PERSON)));
  return a ? { name: text(a.name), jobTitle: text(a.jobTitle), image: text(a.image), url: text(a.url) } : {};
}
