import type { Messages } from '../../core/locale.js';

/** Words that format.ts puts together: "closes" + "at" + "5:00 PM", "opens" + "on" + "Monday" + "at" + …; an empty one is left out. */
export interface HoursStrings {
  hours: string;
  open: string;
  soon: string;
  closed: string;
  closedFor: string;
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
    closedFor: 'Closed today for',
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
    closedFor: 'Cerrado hoy por',
    closes: 'cierra',
    opens: 'abre',
    at: 'a las',
    today: 'hoy',
    tomorrow: 'mañana',
    on: 'el',
    allDay: 'Abierto 24 horas',
  },
};
