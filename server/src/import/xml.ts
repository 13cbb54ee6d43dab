import { XMLParser } from 'fast-xml-parser';

/** An XML parser where the listed paths are always lists (one item is still a list), text kept as text. */
export const xmlParser = (lists: string[]) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: false,
    isArray: (_name, jpath) => lists.includes(String(jpath)),
  });

/** A parsed node's text ('' for none). */
export const textOf = (v: unknown): string => (v === undefined || v === null ? '' : typeof v == 'object' ? String((v as { '#text'?: unknown })['#text'] ?? '') : String(v)).trim();
