import { css, unsafeCSS } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  /* Until the first page is shown, the element holds a screen's height: what follows it (the
     footer) is out of view when the list arrives, and the list fills the space in place. The
     form follows the list, so nothing the visitor is looking at moves. */
  :host(:state(--loading)) {
    min-height: 100vh;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.25em;
  }
  header,
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  h2 {
    flex: 1;
  }
  /* Layout containment: a keystroke in the form (or a change in one thread) is laid out and
     painted without Chromium walking every comment of the list again. Beside 1,000 comments at
     4× CPU a keystroke took 67–110 ms, nearly all of it pre-paint and paint over the whole list. */
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    contain: layout;
  }
  ol ol {
    padding-left: var(--_gap);
    border-left: 2px solid var(--_border);
  }
  article {
    padding: var(--_gap) 0;
    overflow-wrap: anywhere;
  }
  [part='avatar'] {
    display: inline-grid;
    place-items: center;
    width: 2.5em;
    height: 2.5em;
    border: 1px solid var(--_border);
    border-radius: 50%;
  }
  time,
  small {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .text {
    white-space: pre-wrap;
  }
  [part='reply'] {
    padding: 0;
    border: 0;
    text-decoration: underline;
  }
`;

/**
 * A thread out of view is not styled, laid out or painted until it nears the screen: at 4× CPU,
 * 200 comments showed in about half the time. Only where the browser keeps the reader's place when
 * something above them changes height (scroll anchoring: Chromium, Firefox). WebKit (Safari,
 * WebKitGTK 2.50) has none: a reader scrolling up a long list there was moved 144 px a step as
 * each thread above took its real height in place of the estimate. Whole threads (the list's top
 * level, after the heading row), not each comment: a reply that "Load more" puts in a thread on
 * screen is laid out at once, so the element keeps the reader's place with its real height, not
 * an estimate. Until first drawn, a thread counts as about a short comment's height (9em), then as
 * its own (auto). Its paint is contained: the clip margin keeps the focus ring (2px, 2px out) of a
 * field, link or Reply at its edge. Chromium then checks each lazy thread against the screen in
 * every frame that lays anything out: beside 1,000 comments that is 8–14 ms of a keystroke at 4×
 * CPU (traces of 48 keys; a bare textarea's keystroke is 11–14 ms there, see the bench). Laying
 * the threads out for good once drawn (a few a frame) took that away, but made "Load more" 2.4×
 * slower and the 1,000-comment visit's longest task 434 ms instead of 109; a thread kept drawn
 * once the browser first draws it, or the rest drawn while the page is idle, helped too little or
 * made more long tasks (the README's sixth pass): tried and taken back.
 *
 * A reader who goes straight to the form (Tab, or a script's focus()) lands below threads never
 * drawn. Chromium keeps the first thing on screen in place as the threads there take their real
 * height, which is a thread above the form: the form went 912 px down, off screen, a frame after
 * it was focused. While the form holds the focus, the list is not what the browser keeps in place.
 *
 * Written as plain text because lit-analyzer's CSS checker predates these properties.
 */
export const lazyThreads = unsafeCSS(
  '@supports (overflow-anchor:auto){.top+ol>li{content-visibility:auto;contain-intrinsic-size:auto 9em;overflow-clip-margin:4px}.top+ol:has(~form:focus-within){overflow-anchor:none}}',
);
