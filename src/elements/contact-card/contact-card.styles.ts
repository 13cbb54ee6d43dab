import { css, unsafeCSS } from 'lit';

export const styles = css`
  [part='card'] {
    display: grid;
    justify-items: start;
    gap: calc(var(--_gap) / 2);
    padding: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--firm-surface);
    overflow-wrap: anywhere;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  [part='phone'] {
    font-size: 1.4em;
    font-weight: 700;
  }
  /* One click or tap selects the whole number, ready to copy. WebKit (Safari 26, WebKitGTK 2.50)
     reads only the prefixed property. */
  [part='fax'] {
    -webkit-user-select: all;
    user-select: all;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    justify-self: stretch;
    gap: inherit;
  }
  /* 44px tall with the default line height: a thumb's size. */
  [part='actions'] > * {
    flex: auto;
    padding: 0.625em 1em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    line-height: 1.4;
    text-align: center;
    text-decoration: none;
  }
  [part='cta'] {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
`;

/**
 * The host as a block that measures its width: the actions fill a narrow card (a phone, a sidebar)
 * one per line and keep their own width in a wide one. Written as plain text because
 * lit-analyzer's CSS checker predates container queries.
 */
export const container = unsafeCSS(':host{display:block;container-type:inline-size}@container (min-width:24rem){[part=actions]>*{flex:none}}');
