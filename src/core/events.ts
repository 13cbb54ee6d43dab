/**
 * The one event pattern of the kit: each event is a small subclass of {@link FirmEvent} with its
 * name fixed and its `detail` typed, declared in `GlobalEventHandlersEventMap`, so that
 * `el.addEventListener('firm-contact', (e) => e.detail.channel)` type-checks in a webmaster's code:
 *
 * ```ts
 * export class FirmContactEvent extends FirmEvent<{ channel: Channel }> {
 *   constructor(detail: { channel: Channel }) {
 *     super('firm-contact', detail);
 *   }
 * }
 * declare global {
 *   interface GlobalEventHandlersEventMap {
 *     'firm-contact': FirmContactEvent;
 *   }
 * }
 * ```
 *
 * Events fire on what a person did (or on time passing), never because a property was set; their
 * `detail` carries nothing a visitor typed.
 */
export abstract class FirmEvent<Detail> extends Event {
  constructor(
    type: `firm-${string}`,
    readonly detail: Detail,
  ) {
    // Bubbling and composed: a listener on the page hears an event fired inside any shadow root.
    super(type, { bubbles: true, composed: true });
  }
}
