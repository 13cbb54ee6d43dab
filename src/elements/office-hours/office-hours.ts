import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { FirmElement } from '../../core/element.js';
import { define } from '../../core/define.js';
import { LocaleController } from '../../core/locale.js';
import { afterParse, readProfile } from '../../core/profile.js';
import { tokens } from '../../core/tokens.styles.js';
import { oneOf, warn } from '../../core/warn.js';
import { wakeAt } from './clock.js';
import { datesText, dayText, days, rangesText, statusText, todayText, type Words } from './format.js';
import { groupWeek, readSchedule, statusAt, type Schedule, type Status } from './schedule.js';
import { strings } from './strings.js';
import { styles } from './office-hours.styles.js';

const TAG = 'firm-office-hours';
const LAYOUTS = ['week', 'today', 'status'];

/** The status flipped between open and closed while the page was open. */
export class FirmHoursChangeEvent extends Event {
  constructor(readonly detail: { open: boolean; nextChange: Date | null }) {
    super('firm-hours-change', { bubbles: true, composed: true });
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
  };

  #locale = new LocaleController(this, strings);
  #source?: { schedule: Schedule; timeZone: string };
  #status?: Status;
  #line?: string[];
  #w!: Words;
  /** Set while updating, so it needs no reactive property of its own. */
  #announcement?: string;

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

  override connectedCallback(): void {
    super.connectedCallback();
    afterParse(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    wakeAt(this, null);
  }

  override willUpdate(changed: PropertyValues): void {
    // Parsing is cheaper than remembering: a few microseconds, and warnings are said once.
    const source = (this.#source = readSchedule(TAG, this, readProfile()));
    const { hourCycle: hc, closingSoon: soon = 30, now } = this;
    const ticked = changed.has('tick');
    const pinned = new Date(now!);
    if (now && !+pinned) warn(TAG, 'now', now, 'bad date');
    if (!(soon >= 0)) warn(TAG, 'closing-soon', soon, 'use a number');
    const { tag, t } = this.#locale;
    const w = (this.#w = { tag, t, hc: (hc && oneOf(TAG, 'hour-cycle', hc, ['h12', 'h23'] as const)) || undefined });
    const status = (this.#status = source && statusAt(source.schedule, +pinned ? pinned : new Date(), source.timeZone, soon || 0));
    // A first render can come after the element was already removed: it must not join the clock then.
    wakeAt(this, this.isConnected && status && !now ? status.recheckAt : null);
    if (!status) return;
    const line = statusText(w, status, source.timeZone);
    // Only time passing counts as a change: not the first render, nor an attribute set by script.
    if (ticked && `${line}` != `${this.#line}`) this.#announcement = line.join('');
    this.#line = line;
    if (this.open === (this.open = status.open) || !ticked) return;
    this.dispatchEvent(new FirmHoursChangeEvent(status));
  }

  /** Recomputes the status: the shared clock calls this when it is due. */
  wake(): void {
    // A change named 'tick' tells willUpdate that time passed (0 makes it count as changed).
    this.requestUpdate('tick', 0);
  }

  override render() {
    const status = this.#status;
    const source = this.#source!;
    if (!status) return html`<slot></slot>`;
    const w = this.#w;
    const { today } = status;
    const layout = (this.layout && oneOf(TAG, 'layout', this.layout, LAYOUTS)) || 'week';
    const { day } = today;
    const special = source.schedule.exceptions
      .filter((e) => !e.days?.length && e.to >= today.date && Date.parse(e.from) - Date.parse(today.date) < 12096e5)
      .sort((a, b) => (a.from < b.from ? -1 : 1));
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
