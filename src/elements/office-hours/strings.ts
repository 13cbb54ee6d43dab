import type { Messages } from '../../core/locale.js';

/** Words that format.ts puts together: "closes" + "at" + "5:00 PM", "opens" + "on" + "Monday" + "at" + …; an empty one is left out. */
export interface HoursStrings {
  hours: string;
  open: string;
  soon: string;
  closed: string;
  /** "Closed today for Christmas Day": closed + today + for + the label. */
  for: string;
  closes: string;
  opens: string;
  at: string;
  today: string;
  tomorrow: string;
  on: string;
  allDay: string;
}

export const strings: Messages<HoursStrings> = {
  en: {
    hours: 'Office hours',
    open: 'Open now',
    soon: 'Closing soon',
    closed: 'Closed',
    for: 'for',
    closes: 'closes',
    opens: 'opens',
    at: 'at',
    today: 'today',
    tomorrow: 'tomorrow',
    on: '',
    allDay: 'Open 24 hours',
  },
  es: {
    hours: 'Horario de atención',
    open: 'Abierto ahora',
    soon: 'Cierra pronto',
    closed: 'Cerrado',
    for: 'por',
    closes: 'cierra',
    opens: 'abre',
    at: 'a las',
    today: 'hoy',
    tomorrow: 'mañana',
    on: 'el',
    allDay: 'Abierto 24 horas',
  },
};
