import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { FirmEvent } from '../../core/events.js';
import { LocaleController } from '../../core/locale.js';
import { readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { wakeAt } from './clock.js';
import { datesText, dayText, days, rangesText, statusText, todayText, type Words } from './format.js';
import { CLOSING_SOON_MINUTES, exceptionsAhead, groupWeek, readSchedule, statusAt, type Schedule, type Status } from './schedule.js';
import { strings } from './strings.js';
import { styles } from './office-hours.styles.js';

const TAG = 'firm-office-hours';
const LAYOUTS = ['week', 'today', 'status'];
const HOUR_CYCLES = ['h12', 'h23'] as const;
/** Special hours (holidays) show in the week layout from this many days ahead. */
const EXCEPTIONS_AHEAD_DAYS = 14;

export interface HoursChange {
  open: boolean;
  /** When it changes again; null when it never does within ~100 days. */
  nextChange: Date | null;
}

/** The office opened or closed while the page was open. */
export class FirmHoursChangeEvent extends FirmEvent<HoursChange> {
  constructor(detail: HoursChange) {
    super('firm-hours-change', detail);
  }
}

/**
 * The office's weekly hours and a live "Open now · closes at 5:00 PM", computed in the office's
 * time zone from one line of schema.org `openingHours` text (or the page's JSON-LD), holidays
 * included. It stays right all day behind any page cache: one shared timer updates every instance
 * exactly when its status changes.
 *
 * @summary Office hours with a live open/closed status.
 * @tagname firm-office-hours
 *
 * @slot - fallback content (your own hours text), shown until the element can render
 *
 * @fires {FirmHoursChangeEvent} firm-hours-change - the office opened or closed while the page was open; `detail` is `{open, nextChange}`
 *
 * @csspart status - the status line
 * @csspart label - "Open now", "Closing soon", "Closed"
 * @csspart table - the week's hours
 * @csspart today - today's hours (layout `today`)
 * @csspart exceptions - special hours in the coming 14 days
 *
 * @cssproperty --firm-open - colour of "Open now"
 * @cssproperty --firm-closed - colour of "Closed" and "Closing soon"
 * @cssproperty --firm-border - lines between the rows
 * @cssproperty --firm-gap - spacing
 */
export class FirmOfficeHours extends FirmElement {
  static override styles = [tokens, styles];
  static override properties: PropertyDeclarations = {
    hours: { reflect: true },
    timezone: { reflect: true },
    exceptions: { reflect: true },
    layout: { reflect: true },
    hourCycle: { attribute: 'hour-cycle', reflect: true },
    closingSoon: { attribute: 'closing-soon', type: Number, reflect: true },
    now: { reflect: true },
    open: { type: Boolean, reflect: true },
    // `attribute: false` is what `state` means to lit; the manifest's analyzer reads only the former.
    ticks: { state: true, attribute: false },
  };

  #locale = new LocaleController(this, strings);
  // Worked out in willUpdate from the properties, for render: none of them is state of its own.
  #source?: { schedule: Schedule; timeZone: string };
  #status?: Status;
  #line?: [label: string, rest: string];
  #words!: Words;
  /** What the live region says: the status line, once time passing has changed it. */
  #announcement?: string;

  /** How many times the shared clock has woken the element: a change means time has passed. */
  private ticks = 0;

  /** schema.org `openingHours` text: `Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00`. Default: the profile's. */
  hours?: string;

  /** IANA time zone of the office. Default: the profile's `timeZone`, else the visitor's. */
  timezone?: string;

  /** Dates that replace the weekly hours: `2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00`. */
  exceptions?: string;

  /** `week` (default), `today` or `status`. */
  layout?: string;

  /** `h12` or `h23`. Default: the language's. */
  hourCycle?: string;

  /** Minutes before closing that "Closing soon" shows (30 when unset). */
  closingSoon?: number;

  /** An ISO instant that pins the clock, for previews and tests: `2026-12-24T10:00:00-08:00`. */
  now?: string;

  /** Whether the office is open now. Set by the element. */
  open = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    wakeAt(this, null);
  }

  override willUpdate(changed: PropertyValues): void {
    // Only time passing is announced and fires an event: not the first render (which sets `ticks`
    // too), nor an attribute set by script.
    const timePassed = this.hasUpdated && changed.has('ticks');
    // Parsing is cheaper than remembering: a few microseconds, and warnings are said once.
    const source = readSchedule(TAG, this, readProfile());
    const instant = this.#instant();
    const closingSoon = this.#closingSoonMinutes();
    const { tag, t } = this.#locale;
    this.#words = { tag, t, hc: this.hourCycle ? oneOf(TAG, 'hour-cycle', this.hourCycle, HOUR_CYCLES) : undefined };
    const status = source && statusAt(source.schedule, instant, source.timeZone, closingSoon);
    this.#source = source;
    this.#status = status;
    // A first render can come after the element was already removed: it must not join the clock
    // then. A pinned clock (`now`) never moves.
    const joinClock = this.isConnected && status && !this.now;
    wakeAt(this, joinClock ? status.recheckAt : null);
    if (!status) return;
    const line = statusText(this.#words, status, source.timeZone);
    if (timePassed && `${line}` != `${this.#line}`) this.#announcement = line.join('');
    this.#line = line;
    const flipped = status.open != this.open;
    this.open = status.open;
    if (timePassed && flipped) this.dispatchEvent(new FirmHoursChangeEvent({ open: status.open, nextChange: status.nextChange }));
  }

  /** The instant `now` pins, else the present; a `now` that is not a date warns once. */
  #instant(): Date {
    if (!this.now) return new Date();
    const pinned = new Date(this.now);
    if (!Number.isNaN(pinned.getTime())) return pinned;
    warn(TAG, 'now', this.now, 'bad date');
    return new Date();
  }

  /** `closing-soon`, else 30; anything but a number of minutes warns once and shows no "Closing soon". */
  #closingSoonMinutes(): number {
    const minutes = this.closingSoon ?? CLOSING_SOON_MINUTES;
    if (minutes >= 0) return minutes;
    warn(TAG, 'closing-soon', minutes, 'use a number');
    return 0;
  }

  /** Recomputes the status: the shared clock calls this when it is due. */
  wake(): void {
    this.ticks++;
  }

  override render() {
    const status = this.#status;
    const source = this.#source;
    // Nothing readable: the webmaster's own content stays.
    if (!status || !source) return html`<slot></slot>`;
    const w = this.#words;
    const { today } = status;
    const layout = (this.layout && oneOf(TAG, 'layout', this.layout, LAYOUTS)) || 'week';
    const { day } = today;
    const special = exceptionsAhead(source.schedule, today.date, EXCEPTIONS_AHEAD_DAYS);
    const [label, rest] = this.#line!;
    return html`<p part="status"><b part="label">${label}</b>${rest}</p>
      ${layout === 'today' ? html`<p part="today">${todayText(w, today)}</p>` : nothing}
      ${layout === 'week'
        ? html`<table part="table" aria-label=${w.t.hours}>
              ${groupWeek(source.schedule.week).map(
                (g) =>
                  html`<tr aria-current=${g.from <= day && day <= g.to && 'date'}>
                    <th scope="row">
                      ${days(w, g.from, g.to)}
                    </th>
                    <td>${rangesText(w, g.ranges)}</td>
                  </tr>`,
              )}
            </table>
            ${special.length
              ? html`<ul part="exceptions">
                  ${special.map((e) => html`<li>${dayText(w, datesText(w, e.from, e.to), e.ranges, e.label)}</li>`)}
                </ul>`
              : nothing}`
        : nothing}
      <span class="sr-only" role="status">${this.#announcement}</span>`;
  }
}

define(TAG, FirmOfficeHours);

declare global {
  interface HTMLElementTagNameMap {
    'firm-office-hours': FirmOfficeHours;
  }
  interface GlobalEventHandlersEventMap {
    'firm-hours-change': FirmHoursChangeEvent;
  }
}
