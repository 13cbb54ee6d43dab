import { css } from 'lit';

/**
 * The public styling API shared by every element. Each element inherits the host page's font
 * and text colour, so it fits any theme untouched (a font for the elements alone is a
 * `font-family` on them); these custom properties tune the rest.
 *
 * --firm-accent          links, buttons, focus rings (default #1d4ed8, a blue that passes AA on white)
 * --firm-accent-contrast text on the accent (default #fff)
 * --firm-surface         card backgrounds (default transparent; elements read it directly,
 *                        an unset one leaves the background transparent)
 * --firm-border          hairlines (default currentColor at 25%)
 * --firm-muted           secondary text (default currentColor at 75%)
 * --firm-radius          corner radius (default 0.5rem)
 * --firm-gap             spacing unit (default 0.75rem)
 * --firm-open / --firm-closed   status colours
 *
 * Nothing in the kit moves (no transitions, no animations), so `prefers-reduced-motion` is
 * respected by construction; anything that ever animates must sit behind that query.
 */
export const tokens = css`
  :host {
    --_accent: var(--firm-accent, light-dark(#1d4ed8, #93c5fd));
    --_accent-contrast: var(--firm-accent-contrast, light-dark(#fff, #0b1220));
    --_border: var(--firm-border, color-mix(in srgb, currentColor 25%, transparent));
    --_muted: var(--firm-muted, color-mix(in srgb, currentColor 75%, transparent));
    --_radius: var(--firm-radius, 0.5rem);
    --_gap: var(--firm-gap, 0.75rem);
    --_open: var(--firm-open, light-dark(#15803d, #4ade80));
    --_closed: var(--firm-closed, light-dark(#b91c1c, #fca5a5));
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Not inherit: themes set box-sizing on every element with !important, the host included. */
  * {
    box-sizing: border-box;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
