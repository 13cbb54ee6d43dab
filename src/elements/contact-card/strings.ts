import type { Messages } from '../../core/locale.js';
import { callUs } from './contact.js';

export interface CardText {
  heading: string;
  fax: string;
  save: string;
  cta: string;
}

export const strings: Messages<CardText> = {
  en: {
    heading: callUs.en,
    fax: 'Fax',
    save: 'Save contact',
    cta: 'Request a consultation',
  },
  es: {
    heading: callUs.es,
    fax: 'Fax',
    save: 'Guardar contacto',
    cta: 'Solicite una consulta',
  },
};
