/**
 * Spam and abuse checks that need no third party: the kit's honeypot and elapsed time, links,
 * banned words, and the visitor's network address reduced to what a limit should count.
 */
import ipaddr from 'ipaddr.js';
import type { SpamConfig } from './config.ts';

/** Groups of an IPv6 address that name one customer's network: a /64 is one home or one phone. */
const IPV6_NETWORK_GROUPS = 4;

/**
 * What the per-address limit counts: an IPv4 address as it is, an IPv6 address by its /64
 * (one visitor gets a whole /64 and may hop within it), an IPv4-mapped IPv6 address as IPv4.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  let addr = ipaddr.parse(ip);
  if (addr.kind() == 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() == 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, IPV6_NETWORK_GROUPS).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** What shows nothing: zero-width spaces and joiners, soft hyphens, bidi controls ("ca\u200Bsino"). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/**
 * Combining accents left on their own after NFKC, which composes every accented letter a
 * language has: what is left only decorates ("c̶a̶s̶i̶n̶o̶", "v̈iagra").
 */
// The class is ranges of combining marks on purpose, not a letter with its accent.
// eslint-disable-next-line no-misleading-character-class
const LOOSE_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]/g;

/**
 * Text as the checks read it (never as it is stored): NFKC folds fullwidth and styled letters
 * ("ｃａｓｉｎｏ", "𝐜𝐚𝐬𝐢𝐧𝐨", "ｈｔｔｐｓ：／／") into plain ones; invisible characters and loose
 * accents go; lower case. Look-alike letters from other scripts (a Cyrillic "а") are not folded:
 * that needs Unicode's confusables table, which no well-kept package here carries.
 */
export const checkedText = (text: string): string => text.normalize('NFKC').replace(INVISIBLE, '').replace(LOOSE_MARKS, '').toLowerCase();

// An address a visitor wrote: a scheme or a www. start is what spam links look like.
const LINK = /\b(?:https?:\/\/|www\.)/gi;

export const countLinks = (text: string): number => checkedText(text).match(LINK)?.length ?? 0;

const words = new Intl.Segmenter('en', { granularity: 'word' });
// What joins letters into one word for the segmenter but not for a reader: "casino.com", "casino's", "casino_2024".
const NOT_LETTERS = /[^\p{L}\p{M}]+/u;

/**
 * The first banned word or phrase in `text` (both read as {@link checkedText}): a word matches a
 * whole word, or a run of letters within one ("casino" in "casino.com" and "casino2024", not in
 * "casinos"); a phrase matches anywhere, whatever spaces or line breaks are between its words.
 */
export function bannedWord(text: string, banned: string[]): string | undefined {
  if (!banned.length) return undefined;
  const checked = checkedText(text).replace(/\s+/g, ' ');
  const present = new Set<string>();
  for (const s of words.segment(checked)) {
    if (!s.isWordLike) continue;
    present.add(s.segment);
    for (const run of s.segment.split(NOT_LETTERS)) if (run) present.add(run);
  }
  return banned.find((w) => {
    const word = checkedText(w).replace(/\s+/g, ' ').trim();
    return word.includes(' ') ? checked.includes(word) : present.has(word);
  });
}

/**
 * Why a post looks like a bot's or spam, or undefined: a filled honeypot, a form sent too soon
 * after it appeared, too many links, a banned word. Flagged posts are kept (a person can
 * look), never mailed, and answered like any other so a bot learns nothing.
 */
export function spamFlag(spam: SpamConfig, guard: { firm_hp?: string; firm_elapsed?: number }, texts: string[]): string | undefined {
  if (guard.firm_hp) return 'honeypot';
  // A form without the guard's time came from no form of ours.
  if (guard.firm_elapsed === undefined || guard.firm_elapsed < spam.minElapsedMs) return 'elapsed';
  const all = texts.join('\n');
  if (countLinks(all) > spam.maxLinks) return 'links';
  const word = bannedWord(all, spam.bannedWords);
  if (word) return `word:${word}`;
  return undefined;
}
