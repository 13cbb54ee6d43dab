import type { Messages } from '../../core/locale.js';

/** `{time}`, `{day}`, `{label}` and `{hours}` are filled in by format.ts; `{day}` is empty for today in `closes`. */
export interface HoursStrings {
  hours: string;
  open: string;
  soon: string;
  closed: string;
  closedFor: string;
  closes: string;
  opens: string;
  today: string;
  tomorrow: string;
  on: string;
  todayHours: string;
  allDay: string;
}

export const strings: Messages<HoursStrings> = {
  en: {
    hours: 'Office hours',
    open: 'Open now',
    soon: 'Closing soon',
    closed: 'Closed',
    closedFor: 'Closed today for {label}',
    closes: 'closes {day} at {time}',
    opens: 'opens {day} at {time}',
    today: 'today',
    tomorrow: 'tomorrow',
    on: '{day}',
    todayHours: 'Today · {hours}',
    allDay: 'Open 24 hours',
  },
  es: {
    hours: 'Horario de atención',
    open: 'Abierto ahora',
    soon: 'Cierra pronto',
    closed: 'Cerrado',
    closedFor: 'Cerrado hoy por {label}',
    closes: 'cierra {day} a las {time}',
    opens: 'abre {day} a las {time}',
    today: 'hoy',
    tomorrow: 'mañana',
    on: 'el {day}',
    todayHours: 'Hoy · {hours}',
    allDay: 'Abierto 24 horas',
  },
};
