import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps what a visitor typed in the browser until a server says it has it. Storage can be full,
 * blocked (Safari private mode, strict cookie settings) or absent: then drafts live only in
 * memory for this page view, and nothing throws.
 */
const PREFIX = 'firm-widgets:draft:';
const memory = new Map<string, string>();

/** `use(localStorage)`, or undefined when storage is blocked, full or absent. */
function stored<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
}

export function loadDraft<T>(key: string): T | undefined {
  try {
    return JSON.parse((stored((s) => s.getItem(PREFIX + key)) ?? memory.get(key))!) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  // Quota or privacy mode: the in-memory copy still covers this page view.
  memory.set(key, raw);
  stored((s) => s.setItem(PREFIX + key, raw));
}

export function clearDraft(key: string): void {
  memory.delete(key);
  stored((s) => s.removeItem(PREFIX + key));
}

/**
 * Debounced draft keeping for a form element: `save()` on every input, `clear()` once the
 * server has accepted. Pending writes are flushed when the page is hidden or the element leaves,
 * so a closed tab or a crash after the last keystroke still keeps it.
 */
export class DraftController<T> implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  #pending?: [string, T];
  readonly #delay: number;
  readonly #flush = (): void => this.flush();

  constructor(host: ReactiveControllerHost, delay = 250) {
    this.#delay = delay;
    host.addController(this);
  }

  hostConnected(): void {
    this.#listen(addEventListener);
  }

  hostDisconnected(): void {
    this.flush();
    this.#listen(removeEventListener);
  }

  #listen(how: typeof addEventListener): void {
    how('pagehide', this.#flush);
    how.call(document, 'visibilitychange', this.#flush);
  }

  load(key: string): T | undefined {
    return loadDraft<T>(key);
  }

  save(key: string, value: T): void {
    if (this.#pending?.[0] !== key) this.flush();
    this.#pending = [key, value];
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#flush, this.#delay);
  }

  flush(): void {
    if (this.#pending) saveDraft(...this.#pending);
    this.#pending = undefined;
  }

  clear(key: string): void {
    if (this.#pending?.[0] === key) this.#pending = undefined;
    clearDraft(key);
  }
}
