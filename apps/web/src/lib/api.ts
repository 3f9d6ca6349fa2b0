/** Typed client for Accord's HTTP API (ARCHITECTURE.md, "HTTP API"). */

export type Role = 'facilitator' | 'participant' | 'viewer';

export interface RoleStrings {
  facilitator: string;
  participant: string;
  viewer: string;
}

export interface CreatedBoard {
  id: string;
  title: string;
  createdAt: string;
  template: string | null;
  tokens: RoleStrings;
  links: RoleStrings;
}

export interface BoardInfo {
  id: string;
  title: string;
  createdAt: string;
  template: string | null;
  role: Role;
}

/** An HTTP failure with the server's stable error code, or `ACCORD_UNREACHABLE` when no answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'ACCORD_UNREACHABLE', 'The Accord server cannot be reached');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = (body ?? {}) as { code?: string; message?: string };
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? res.statusText);
  }
  return body as T;
}

const json = (value: unknown): RequestInit => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

export const api = {
  createBoard: (title: string, template?: string) =>
    request<CreatedBoard>('/api/boards', { method: 'POST', ...json(template ? { title, template } : { title }) }),
  getBoard: (id: string, token: string) => request<BoardInfo>(`/api/boards/${encodeURIComponent(id)}`, { token }),
  renameBoard: (id: string, token: string, title: string) =>
    request<BoardInfo>(`/api/boards/${encodeURIComponent(id)}`, { method: 'PATCH', token, ...json({ title }) }),
  links: (id: string, token: string) => request<{ tokens: Partial<RoleStrings>; links: Partial<RoleStrings> }>(`/api/boards/${encodeURIComponent(id)}/links`, { token }),
  config: () => request<{ tldrawLicenseKey: string | null }>('/api/config'),
  time: () => request<{ now: number }>('/api/time'),
  uploadAsset: (boardId: string, token: string, file: Blob, signal?: AbortSignal) =>
    request<{ id: string; url: string; contentType: string }>(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
      method: 'POST',
      token,
      body: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
      signal: signal ?? null,
    }),
};

/** Reads `v1.<boardId>.<role>.<mac>` without verifying it (the server does that). */
export function tokenRole(token: string): Role | null {
  const m = /^v1\.[A-Za-z0-9_-]{10,64}\.(facilitator|participant|viewer)\.[A-Za-z0-9_-]{43}$/.exec(token);
  return m ? (m[1] as Role) : null;
}

/** The token in a share link's fragment (`#t=…`), which never reaches the server's logs. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('t');
}

/** A share link for a token, on this page's origin. */
export function shareLink(boardId: string, token: string): string {
  return `${window.location.origin}/b/${boardId}#t=${token}`;
}
