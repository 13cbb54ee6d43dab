import type { Messages } from '../../core/locale.js';

export interface BioText {
  heading: string;
  more: string;
  less: string;
}

export const strings: Messages<BioText> = {
  en: { heading: 'About the Author', more: 'Read more', less: 'Read less' },
  es: { heading: 'Sobre el autor', more: 'Leer más', less: 'Leer menos' },
};
