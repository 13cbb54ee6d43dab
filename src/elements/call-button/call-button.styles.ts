import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_inset: 1rem;
  }
  a {
    position: fixed;
    z-index: 9999;
    bottom: calc(var(--_inset) + env(safe-area-inset-bottom));
    right: calc(var(--_inset) + env(safe-area-inset-right));
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 3rem;
    padding: 0 1.25em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.35);
    font-weight: 700;
    text-decoration: none;
  }
  /* Room at the end of the page, so its last lines can scroll out from under the button. */
  .spacer {
    height: calc(3rem + 2 * var(--_inset) + env(safe-area-inset-bottom));
  }
  :host([position='bottom-left']) a {
    right: auto;
    left: calc(var(--_inset) + env(safe-area-inset-left));
  }
  :host([position='bottom-center']) a {
    left: 0;
    right: 0;
    width: max-content;
    margin: auto;
  }
  :host([position='bar']) {
    --_inset: 0px;
  }
  :host([position='bar']) a {
    left: 0;
    padding-bottom: env(safe-area-inset-bottom);
    min-height: calc(3rem + env(safe-area-inset-bottom));
    border-radius: 0;
    box-shadow: none;
  }
  :host([position='inline']) {
    display: inline-block;
  }
  :host([position='inline']) a {
    position: static;
    box-shadow: none;
  }
  @media (min-width: 48rem) {
    :host(:not([show-on='always'])) {
      display: none;
    }
  }
`;
