import { css } from 'lit';

/*
 * The button: 3rem tall (a thumb's size), 1rem clear of the screen's edges and safe areas. The
 * host keeps room at the end of the page, so its last lines can scroll out from under it.
 */
export const styles = css`
  :host {
    display: inline-flex;
    height: calc(5rem + env(safe-area-inset-bottom));
  }
  /* A block of its own, not an inline box: a page's rule for the host's display (a theme's header
     making it inline-block) must not shrink the pill to the text's height. */
  a {
    display: block;
    position: fixed;
    z-index: 9999;
    bottom: calc(1rem + env(safe-area-inset-bottom));
    right: calc(1rem + env(safe-area-inset-right));
    padding: 0 1.25em;
    border-radius: 2em;
    background: var(--_accent);
    color: var(--_accent-contrast);
    box-shadow: 0 2px 8px #0009;
    font-weight: 700;
    line-height: 3rem;
    text-align: center;
    text-decoration: none;
  }
  :host([position='bottom-left']) a {
    right: auto;
    left: calc(1rem + env(safe-area-inset-left));
  }
  :host([position='bottom-center']) a {
    right: auto;
    left: 50%;
    translate: -50%;
  }
  :host([position='bar']) {
    height: calc(3rem + env(safe-area-inset-bottom));
  }
  :host([position='bar']) a {
    inset: auto 0 0;
    padding-bottom: env(safe-area-inset-bottom);
    border-radius: 0;
  }
  :host([position='inline']) {
    height: auto;
  }
  :host([position='inline']) a {
    position: static;
  }
  @media (min-width: 48rem) {
    :host(:not([show-on='always'])) {
      display: none;
    }
  }
`;
