import type { Messages } from '../../core/locale.js';

export interface BadgeText {
  /** The gloss under a phrase, in the page's language; `{name}` is the language's name in it. */
  gloss: string;
}

export const strings: Messages<BadgeText> = {
  en: { gloss: '{name} spoken here' },
  es: { gloss: 'Hablamos {name}' },
};
