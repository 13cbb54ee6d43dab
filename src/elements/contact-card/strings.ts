import type { Messages } from '../../core/locale.js';
import { callUs } from './contact.js';

export interface CardText {
  heading: string;
  phone: string;
  fax: string;
  email: string;
  address: string;
  hours: string;
  copy: string;
  copyFax: string;
  copied: string;
  save: string;
  cta: string;
}

export const strings: Messages<CardText> = {
  en: {
    heading: callUs.en,
    phone: 'Phone',
    fax: 'Fax',
    email: 'Email',
    address: 'Address',
    hours: 'Hours',
    copy: 'Copy',
    copyFax: 'Copy fax number',
    copied: 'Copied',
    save: 'Save contact',
    cta: 'Request a consultation',
  },
  es: {
    heading: callUs.es,
    phone: 'Teléfono',
    fax: 'Fax',
    email: 'Correo',
    address: 'Dirección',
    hours: 'Horario',
    copy: 'Copiar',
    copyFax: 'Copiar número de fax',
    copied: 'Copiado',
    save: 'Guardar contacto',
    cta: 'Solicite una consulta',
  },
};
