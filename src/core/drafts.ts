/**
 * Keeps what a visitor typed in the browser until a server says it has it: for the tab
 * (`sessionStorage`, which survives a reload and a tab restored after a crash) unless the caller
 * asks for days on the device (`localStorage`, then with an expiry: the next person at a shared
 * computer must not find the last one's words). Storage can be full, blocked (Safari private mode,
 * strict cookie settings) or absent: then drafts live only in memory for this page view, and
 * nothing throws. Every copy carries the moment it was typed, so the newest one wins: over an
 * older stored copy after a failed write, and between two tabs on one form.
 */
const PREFIX = 'firm-widgets:draft:';
/** A day in milliseconds. */
export const DAY = 24 * 60 * 60 * 1000;
/** How long anything kept on the device stays (`keep-drafts="device"`, "Remember me", held comments). */
export const DEVICE_DAYS = 30;
/** How long after the last keystroke a draft is written: typing stays smooth, and a pause saves it. */
const WRITE_DELAY_MS = 250;

/** A draft as kept: when it was typed, until when it may stay (device copies only), and what. */
interface Kept {
  at: number;
  until?: number;
  value: unknown;
}

type Area = 'sessionStorage' | 'localStorage';
const AREAS: Area[] = ['sessionStorage', 'localStorage'];

/** The newest copy this page knows of each draft, written or not. */
const memory = new Map<string, Kept>();
/** Drafts typed but not yet written (see {@link keepDraft}). */
const unwritten = new Set<string>();
let timer: ReturnType<typeof setTimeout>;

/** `use(storage)`, or undefined when that storage is blocked, full or absent. */
function stored<T>(area: Area, use: (storage: Storage) => T): T | undefined {
  try {
    return use(window[area]);
  } catch {
    return undefined;
  }
}

/** The copy in `area`, unless it is past its time (then it is deleted) or unreadable. */
function read(area: Area, key: string): Kept | undefined {
  const raw = stored(area, (s) => s.getItem(PREFIX + key));
  // Nothing kept is the usual case: parsing it anyway threw the page's first exception, which
  // cost 12–19 ms at 4× CPU inside the task that defines every element.
  if (!raw) return;
  try {
    const kept = JSON.parse(raw) as Partial<Kept> | null;
    const stamped = (kept?.at ?? 0) > 0;
    const expired = kept?.until !== undefined && kept.until < Date.now();
    if (stamped && !expired) return kept as Kept;
    // Past its time, or left by an older version with no time at all (and so no expiry): the
    // next person at this computer must not find it.
    stored(area, (s) => s.removeItem(PREFIX + key));
  } catch {
    // Damaged: as if nothing were kept.
  }
  return undefined;
}

/**
 * The newest copy of a draft: in memory, for this tab or on the device. Comparing times is all
 * two tabs need: another tab's newer copy wins here, and a write never covers a newer copy.
 */
function newest(key: string): Kept | undefined {
  let best = memory.get(key);
  for (const area of AREAS) {
    const kept = read(area, key);
    const newer = kept && (!best || kept.at > best.at);
    if (newer) best = kept;
  }
  return best;
}

/** Writes `kept` where its expiry says, unless a newer copy is there (typed in another tab). */
function write(key: string, kept: Kept): void {
  if ((newest(key)?.at ?? 0) > kept.at) return;
  // Quota or privacy mode: the in-memory copy still covers this page view, and wins by its time.
  memory.set(key, kept);
  // A copy with an expiry is for the device; without one, for the tab.
  const [area, other]: Area[] = kept.until ? ['localStorage', 'sessionStorage'] : ['sessionStorage', 'localStorage'];
  const written = stored(area, (s) => {
    s.setItem(PREFIX + key, JSON.stringify(kept));
    return true;
  });
  // One copy: a draft kept for the tab leaves nothing on the device.
  if (written) stored(other, (s) => s.removeItem(PREFIX + key));
}

/** `value`, typed now, to keep for the tab (no `days`) or that many days on the device. */
const stamp = (value: unknown, days?: number): Kept => {
  const at = Date.now();
  return days ? { at, until: at + days * DAY, value } : { at, value };
};

/** The draft kept under `key`, or undefined (nothing kept fails to parse, like a damaged one). */
export function loadDraft<T>(key: string): T | undefined {
  return newest(key)?.value as T | undefined;
}

/** Keeps `value` for this tab, or for `days` on the device. */
export function saveDraft(key: string, value: unknown, days?: number): void {
  write(key, stamp(value, days));
}

/** Deletes a draft everywhere, a write still waiting included. */
export function clearDraft(key: string): void {
  unwritten.delete(key);
  memory.delete(key);
  for (const area of AREAS) stored(area, (s) => s.removeItem(PREFIX + key));
}

/** Writes every draft still waiting. */
export function flushDrafts(): void {
  unwritten.forEach((key) => write(key, memory.get(key)!));
  unwritten.clear();
}

/**
 * Keeps a draft as it is typed (stamped now, written a quarter second after the last keystroke,
 * or at once when the page is hidden or goes away, so a closed tab or a crash after the last
 * keystroke still keeps it). `days` as {@link saveDraft}.
 */
export function keepDraft(key: string, value: unknown, days?: number): void {
  memory.set(key, stamp(value, days));
  unwritten.add(key);
  clearTimeout(timer);
  timer = setTimeout(flushDrafts, WRITE_DELAY_MS);
}

/** Whether a `storage` event (another tab on this device wrote) concerns the draft under `key`. */
export const isDraftEvent = (e: StorageEvent, key: string): boolean => e.key == PREFIX + key;

/**
 * Every expired copy on the device goes once a page with the kit loads, not only the one a form
 * asks for: a thread the visitor never opens again must not keep their words past the expiry.
 */
export function sweepDevice(): void {
  const keys = stored('localStorage', (s) => Object.keys(s)) ?? [];
  for (const name of keys) if (name.startsWith(PREFIX)) read('localStorage', name.slice(PREFIX.length));
}

sweepDevice();
addEventListener('pagehide', flushDrafts);
addEventListener('visibilitychange', flushDrafts);
