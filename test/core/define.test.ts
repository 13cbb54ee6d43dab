import { expect } from '@open-wc/testing';
import { define } from '../../src/core/define.js';

describe('define', () => {
  it('keeps the first definition and does not throw on a second', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    define('firm-test-twice', First);
    expect(() => define('firm-test-twice', Second)).not.to.throw();
    expect(customElements.get('firm-test-twice')).to.equal(First);
  });
});
