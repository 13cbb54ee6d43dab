import type { Messages } from '../../core/locale.js';
import { callUs } from '../contact-card/contact.js';

export interface CallText {
  label: string;
  message: string;
}

export const strings: Messages<CallText> = {
  en: { label: callUs.en, message: 'Send us a message' },
  es: { label: callUs.es, message: 'Envíenos un mensaje' },
};
