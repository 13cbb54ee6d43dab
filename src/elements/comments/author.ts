/**
 * What the element shows of a comment's author and what it sends of the visitor's: pure, no DOM.
 */

/** Up to two initials (the first letter of the first two words), upper case: "ana maría reyes" → "AM". */
export const initials = (name: string): string =>
  name
    .split(' ', 2)
    .map((word) => [...word][0])
    .join('')
    .toUpperCase();

/** A website as people write it: `reyes-law.example` means https. Any other scheme is kept (to be refused by `safeUrl`). */
export const withScheme = (url: string): string => (url && !/^[a-z][\w+.-]*:/i.test(url) ? 'https://' + url : url);
