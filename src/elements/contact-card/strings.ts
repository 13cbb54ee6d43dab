import type { Messages } from '../../core/locale.js';
import { callUs } from './contact.js';

export interface CardText {
  heading: string;
  save: string;
  cta: string;
  /** The fax number's label, and its name for screen readers. */
  fax: string;
  /** The saved contact's file name when the firm has no name. */
  file: string;
}

export const strings: Messages<CardText> = {
  en: {
    heading: callUs.en,
    save: 'Save contact',
    cta: 'Request a consultation',
    fax: 'Fax',
    file: 'contact',
  },
  es: {
    heading: callUs.es,
    save: 'Guardar contacto',
    cta: 'Solicite una consulta',
    fax: 'Fax',
    file: 'contacto',
  },
};
