import type { Messages } from '../../core/locale.js';
import { callUs } from './contact.js';

/** The fax's label needs no entry: it is "Fax" in both languages. */
export interface CardText {
  heading: string;
  save: string;
  cta: string;
}

export const strings: Messages<CardText> = {
  en: {
    heading: callUs.en,
    save: 'Save contact',
    cta: 'Request a consultation',
  },
  es: {
    heading: callUs.es,
    save: 'Guardar contacto',
    cta: 'Solicite una consulta',
  },
};
