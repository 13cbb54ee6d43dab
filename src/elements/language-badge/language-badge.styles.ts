import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    line-height: 1.3;
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* A flex box fills its list item, or the host that shrinks around it. */
  [part='badge'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
    padding: 0.3em 0.85em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--firm-surface);
    text-decoration: none;
  }
  [part='phrase'] {
    font-weight: 700;
  }
  a:hover [part='phrase'] {
    text-decoration: underline;
  }
  [part='gloss'] {
    font-size: 0.85em;
  }
  :host([variant='banner']) {
    display: block;
  }
  :host([variant='banner']) [part='badge'] {
    border: 0;
    border-radius: var(--_radius);
    padding: 0.6em 1em;
    background: var(--firm-surface, var(--_accent));
    color: var(--_accent-contrast);
  }
`;
