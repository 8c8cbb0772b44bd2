// The one way the UI talks to the server: kaiyuan's own API, as any script would call it. The
// session lives in an HttpOnly cookie the browser sends by itself; requests that change something
// echo the session's CSRF token (kept in memory only, never in storage).

export interface User {
  uuid: string;
  name: string;
  teams: string[];
  permissions: string[];
  lastLoginAt: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

/// An RFC 9457 problem the server answered, or a network failure (status 0).
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSignedOut: (() => void) | null = null;

export function setSession(s: Session | null) {
  csrfToken = s ? s.csrfToken : '';
}

/// Called when the server says the session is gone (401), so the app can show the sign-in page.
export function whenSignedOut(f: () => void) {
  onSignedOut = f;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; raw?: BodyInit; contentType?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const detail =
      data && typeof data === 'object' && 'detail' in data ? String((data as { detail: unknown }).detail) : res.statusText;
    if (res.status === 401 && path !== '/api/v2/session' && onSignedOut) onSignedOut();
    throw new ApiError(res.status, detail);
  }
  return data as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });

export function hasPermission(user: User | null, p: string): boolean {
  return !!user && (user.permissions.includes(p) || user.permissions.includes('admin'));
}

/// A text body (the license policy is YAML); "" when the server has none (204).
export async function getText(path: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(path, { credentials: 'same-origin', signal, headers: { Accept: 'application/yaml, text/plain, application/json' } });
  if (res.status === 204) return '';
  if (!res.ok) {
    let detail = res.statusText;
    try {
      detail = (await res.json()).detail ?? detail;
    } catch {
      // not a problem document
    }
    if (res.status === 401 && onSignedOut) onSignedOut();
    throw new ApiError(res.status, detail);
  }
  return res.text();
}
