import type { Messages } from '../../core/locale.js';
import { callUs } from './contact.js';

export interface CardText {
  heading: string;
  fax: string;
  copy: string;
  save: string;
  cta: string;
}

export const strings: Messages<CardText> = {
  en: {
    heading: callUs.en,
    fax: 'Fax',
    copy: 'Copy',
    save: 'Save contact',
    cta: 'Request a consultation',
  },
  es: {
    heading: callUs.es,
    fax: 'Fax',
    copy: 'Copiar',
    save: 'Guardar contacto',
    cta: 'Solicite una consulta',
  },
};
