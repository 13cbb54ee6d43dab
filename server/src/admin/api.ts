/** The desk's API client: JSON both ways, the session's CSRF token on every state change. */
import type { VisitorMessage } from '../db/schema.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export class DeskApi {
  /** Set from sign-in or /me; sent as X-CSRF-Token. */
  csrf = '';
  /** Told when the server says the session is over. */
  onSignedOut: () => void = () => {};

  constructor(readonly base = '/admin/api') {}

  async get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
    const qs = params.size ? `?${params}` : '';
    return this.#read<T>(await fetch(`${this.base}${path}${qs}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
  }

  async post<T>(path: string, body: object): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': this.csrf },
      body: JSON.stringify(body),
    });
    return this.#read<T>(response);
  }

  async #read<T>(response: Response): Promise<T> {
    const data = await response.json().catch(() => ({}));
    if (response.ok) return data as T;
    if (response.status == 401 && data.code == 'signed_out') this.onSignedOut();
    const retry = Number(response.headers.get('retry-after')) || undefined;
    throw new ApiError(response.status, data.code ?? 'error', data.message ?? response.statusText, data.fields, retry);
  }
}

export interface Me {
  email: string;
  role: 'owner' | 'moderator';
  csrf: string;
  sites: { id: string; name: string }[];
  counts: Record<string, { held: number; spam: number; inbox: number; flagged: number }>;
}

export interface DeskComment {
  id: number;
  thread: string;
  parent: number | null;
  author: string;
  url: string | null;
  content: string;
  status: 'hold' | 'spam' | 'approved';
  flag: string | null;
  created_at: string;
  staff: boolean;
}

export interface DeskMessage extends VisitorMessage {
  id: number;
  status: 'received' | 'flagged';
  flag: string | null;
  created_at: string;
  handled_at: string | null;
  handled_by: string | null;
  mail: { state: 'queued' | 'sending' | 'sent' | 'failed'; attempts: number; last_error: string | null; sent_at: string | null; recipients: string; next_at: string } | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  site: string;
  target: string;
  detail: string | null;
}
