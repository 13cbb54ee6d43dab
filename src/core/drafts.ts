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
  const raw = stored((s) => s.getItem(PREFIX + key)) ?? memory.get(key);
  try {
    return raw ? (JSON.parse(raw) as T) : undefined;
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
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: { key: string; value: T } | undefined;
  readonly #delay: number;
  readonly #flushNow = (): void => this.flush();

  constructor(host: ReactiveControllerHost, delay = 250) {
    this.#delay = delay;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.#flushNow);
    document.addEventListener('visibilitychange', this.#flushNow);
  }

  hostDisconnected(): void {
    this.flush();
    removeEventListener('pagehide', this.#flushNow);
    document.removeEventListener('visibilitychange', this.#flushNow);
  }

  load(key: string): T | undefined {
    return loadDraft<T>(key);
  }

  save(key: string, value: T): void {
    if (this.#pending && this.#pending.key !== key) this.flush();
    this.#pending = { key, value };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#flushNow, this.#delay);
  }

  flush(): void {
    clearTimeout(this.#timer);
    if (this.#pending) saveDraft(this.#pending.key, this.#pending.value);
    this.#pending = undefined;
  }

  clear(key: string): void {
    if (this.#pending?.key === key) {
      clearTimeout(this.#timer);
      this.#pending = undefined;
    }
    clearDraft(key);
  }
}
