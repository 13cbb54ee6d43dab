import { LitElement, type ReactiveController, type PropertyDeclarations } from 'lit';
import type { Messages } from '../../core/locale.js';
import { afterParse, readProfile, type Profile } from '../../core/profile.js';
import { warn } from '../../core/warn.js';
import { wakeAt } from '../office-hours/clock.js';
import { readSchedule, statusAt, type Status } from '../office-hours/schedule.js';
import { parsePhone, type Phone } from './phone.js';

/** What a visitor used to reach the firm, for analytics. */
export type Channel = 'phone' | 'fax' | 'email' | 'map' | 'vcard' | 'cta';

/** Fired when a visitor calls, copies the fax, writes, opens the map, saves the contact or follows the call to action. */
export class FirmContactEvent extends Event {
  readonly detail: { channel: Channel };
  constructor(channel: Channel) {
    super('firm-contact', { bubbles: true, composed: true });
    this.detail = { channel };
  }
}

/** The seed page's own words, shared by the card's heading and the call button's label. */
export const callUs: Messages<string> = { en: 'Call Us Today!', es: '¡Llámenos hoy!' };

/**
 * What the contact card and the call button share: a phone to dial, office hours, and the
 * `firm-contact` event. Not an element of its own.
 */
export class ContactElement extends LitElement {
  static override properties: PropertyDeclarations = {
    phone: { reflect: true },
    countryCode: { reflect: true, attribute: 'country-code' },
    hours: { reflect: true },
    timezone: { reflect: true },
    now: { reflect: true },
  };

  /** As it should be shown: `818-788-8900`, `(818) 788-8900 x12`, `1-800-FLOWERS`, `+44 20 7946 0958`. Default: the profile's `telephone`. */
  phone = '';

  /** The country code for numbers written without `+`. */
  countryCode = '1';

  /** Office hours as schema.org `openingHours` text (`Mo-Fr 09:00-17:00`). Default: the profile's. */
  hours = '';

  /** The office's IANA time zone. Default: the profile's `timeZone`, else the visitor's. */
  timezone = '';

  /** An ISO instant that pins the clock, for previews and tests. */
  now = '';

  override connectedCallback(): void {
    super.connectedCallback();
    afterParse(this);
  }

  protected fire(channel: Channel): void {
    // Built apart from dispatchEvent: the manifest's analyzer would take `channel` for the event's name.
    const event = new FirmContactEvent(channel);
    this.dispatchEvent(event);
  }

  /** A phone read for dialing, or its text (with one warning) when it cannot be dialed. */
  protected dial(attribute: string, text?: string): Phone | string | undefined {
    let cc = this.countryCode;
    if (!/^[1-9]\d?\d?$/.test(cc)) {
      warn(this.localName, 'country-code', cc, 'use 1 to 3 digits');
      cc = '1';
    }
    const phone = parsePhone(text, cc);
    if (text && !phone) warn(this.localName, attribute, text, 'cannot be dialed; shown as text');
    return phone ?? text;
  }
}

/**
 * Whether the office is open, from the host's `hours` (else the page's JSON-LD) in its `timezone`
 * (else the profile's, else the visitor's), at `now` when pinned. Renders the host again when the
 * status changes, on the shared clock.
 */
export class OfficeStatus implements ReactiveController {
  status?: Status;
  zone = '';

  #host: ContactElement;
  #wanted: (p: Profile) => unknown;

  constructor(host: ContactElement, wanted: (p: Profile) => unknown) {
    (this.#host = host).addController(this);
    this.#wanted = wanted;
  }

  // Back on the page after a move: the clock forgot it, so look again.
  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    wakeAt(this, null);
  }

  hostUpdate(): void {
    const { hours, timezone, now, localName } = this.#host;
    const p = readProfile();
    const at = now ? new Date(now) : new Date();
    this.status = undefined;
    if (isNaN(+at)) warn(localName, 'now', now, 'not an ISO date and time');
    else if (this.#wanted(p)) {
      const source = readSchedule(localName, { hours, timezone }, p);
      this.status = source && statusAt(source.schedule, at, (this.zone = source.timeZone));
    }
    wakeAt(this, now ? null : (this.status?.recheckAt ?? null));
  }

  wake(): void {
    this.#host.requestUpdate();
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'firm-contact': FirmContactEvent;
  }
}
