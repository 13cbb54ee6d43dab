import { loadDraft, saveDraft } from '../../../core/drafts.js';
import { plain, type Source } from './source.js';

/**
 * The browser's own storage, in the `rest` protocol's shape: for the demo and for trying the
 * element with no server. Comments are approved at once, kept for the tab like any draft; the
 * email address is not kept.
 */
const stored = (thread: string) => loadDraft<Record<string, unknown>[]>('local:' + thread) ?? [];

export const local: Source = {
  async list(thread, { page: n, size, order }) {
    const all = stored(thread);
    if (order === 'newest') all.reverse();
    return { comments: all.slice((n - 1) * size, n * size).map(plain), total: all.length };
  },

  async create(thread, d) {
    // Its instant is its id: this browser's one visitor posts one comment at a time.
    const date = new Date().toISOString();
    const c = { id: date, parent: d.parent, author: d.name, url: d.url, date, content: d.content };
    saveDraft('local:' + thread, [...stored(thread), c]);
    return { comment: c, status: 'approved' };
  },
};
