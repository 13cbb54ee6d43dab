import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps what a visitor typed in the browser until a server says it has it. Storage can be full,
 * blocked (Safari private mode, strict cookie settings) or absent: then drafts live only in
 * memory for this page view, and nothing throws.
 */
const PREFIX = 'firm-widgets:draft:';
const memory = new Map<string, string>();

function store(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function loadDraft<T>(key: string): T | undefined {
  let raw: string | null | undefined;
  try {
    raw = store()?.getItem(PREFIX + key);
  } catch {
    raw = undefined;
  }
  raw ??= memory.get(key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, value: unknown): void {
  const raw = JSON.stringify(value);
  memory.set(key, raw);
  try {
    store()?.setItem(PREFIX + key, raw);
  } catch {
    // Quota or privacy mode: the in-memory copy still covers this page view.
  }
}

export function clearDraft(key: string): void {
  memory.delete(key);
  try {
    store()?.removeItem(PREFIX + key);
  } catch {
    // Nothing stored there to clear.
  }
}

/**
 * Debounced draft keeping for a form element: `save()` on every input, `clear()` once the
 * server has accepted. Pending writes are flushed when the page is hidden or the element leaves,
 * so a closed tab or a crash after the last keystroke still keeps it.
 */
export class DraftController<T> implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { key: string; value: T } | undefined;
  private readonly flushNow = (): void => this.flush();

  constructor(
    host: ReactiveControllerHost,
    private readonly delay = 250,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.flushNow);
    document.addEventListener('visibilitychange', this.flushNow);
  }

  hostDisconnected(): void {
    this.flush();
    removeEventListener('pagehide', this.flushNow);
    document.removeEventListener('visibilitychange', this.flushNow);
  }

  load(key: string): T | undefined {
    return loadDraft<T>(key);
  }

  save(key: string, value: T): void {
    if (this.pending && this.pending.key !== key) this.flush();
    this.pending = { key, value };
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flushNow, this.delay);
  }

  flush(): void {
    clearTimeout(this.timer);
    if (this.pending) saveDraft(this.pending.key, this.pending.value);
    this.pending = undefined;
  }

  clear(key: string): void {
    if (this.pending?.key === key) {
      clearTimeout(this.timer);
      this.pending = undefined;
    }
    clearDraft(key);
  }
}
