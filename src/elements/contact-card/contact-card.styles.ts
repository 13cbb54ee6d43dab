import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.4;
  }
  .card {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h2,
  p,
  dl,
  dd {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
  }
  .name {
    font-weight: 600;
  }
  dl {
    display: grid;
    gap: calc(var(--_gap) / 2);
  }
  dt {
    font-size: 0.85em;
    color: var(--_muted);
  }
  dd {
    overflow-wrap: anywhere;
  }
  .phone {
    font-size: 1.4em;
    font-weight: 700;
  }
  .fax {
    user-select: all;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
  }
  button,
  .cta {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: 1 1 auto;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: none;
    cursor: pointer;
  }
  .cta {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  .copy {
    min-height: 0;
    margin-inline: 0.5em;
    padding: 0 0.5em;
    font-size: 0.85em;
  }
  @container (min-width: 24rem) {
    .card {
      padding: calc(var(--_gap) * 1.5);
    }
    .row {
      display: grid;
      grid-template-columns: 6rem 1fr;
      align-items: baseline;
    }
    dt {
      font-size: inherit;
    }
    .actions > * {
      flex-grow: 0;
    }
  }
`;
