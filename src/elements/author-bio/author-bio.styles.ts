import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    line-height: 1.5;
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 1.25em;
  }
  [part='author'] {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    margin-bottom: var(--_gap);
  }
  /* A fixed box (the width and height attributes), so the photo never moves the text when it arrives. */
  img {
    flex: none;
    border-radius: 50%;
    object-fit: cover;
  }
  [part='name'] {
    display: block;
    font-weight: 700;
  }
  [part='title'] {
    color: var(--_muted);
  }
  #text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--lines);
    overflow: hidden;
  }
  ::slotted(*) {
    margin-block: 0 0.5em;
  }
  button {
    padding: 0.25em 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    text-decoration: underline;
  }
`;
