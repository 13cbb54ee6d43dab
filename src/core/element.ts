import { LitElement, type PropertyValues } from 'lit';

/**
 * A new task: scheduler.yield() resumes ahead of other queued work (Chromium 129+, Firefox 142+).
 * WebKit (Safari 26, WebKitGTK 2.50) has no `scheduler`: there a message to ourselves, a task that,
 * unlike setTimeout, is neither clamped nor throttled in a background tab nor held by a page's (or
 * a test's) fake timers, which left every element unrendered in WebKit.
 */
export const next = (): Promise<unknown> => {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(null);
  });
};

/**
 * The first `Intl` object on a page loads ICU's locale data: 35–55 ms at 4× CPU, which made the
 * first element to render (whichever it is) a long task. It gets a task of its own.
 */
let intl: Promise<unknown> | undefined;

/**
 * The kit's base element: LitElement, but an element's first render waits for its own task.
 *
 * One script defines all seven elements, so every element on the page upgrades at once and lit
 * runs all their first renders in one microtask checkpoint: at 4× CPU on the demo that was one
 * 360–480 ms long task, with the page frozen to clicks and keys. Yielding to the main thread
 * before the first update gives each element its own task, so input and painting can run
 * between them. Later updates stay in the microtask lit schedules them in: typing must not lag.
 * `updateComplete` still resolves only after the first render.
 */
export class FirmElement extends LitElement {
  // The shadow root hides the webmaster's own content (the fallback) from the moment the element
  // connects: until the first render, a slot keeps it in view and the page from shifting.
  #waiting = document.createElement('slot');

  protected override scheduleUpdate(): void | Promise<unknown> {
    // An element inside another's shadow root (the card's today's hours) renders in its host's
    // task: a frame painted between the two would show the host without it, then shift.
    if (this.hasUpdated || (this.getRootNode() as ShadowRoot).host) return super.scheduleUpdate();
    // A browser without Intl.DisplayNames must still render.
    intl ??= next()
      .then(() => new Intl.DisplayNames('en', { type: 'language' }))
      .catch(() => 0);
    return intl.then(next).then(() => super.scheduleUpdate());
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.append(this.#waiting);
    return root;
  }

  protected override update(changed: PropertyValues): void {
    this.#waiting.remove();
    super.update(changed);
  }
}
