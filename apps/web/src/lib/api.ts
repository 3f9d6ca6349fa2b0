/** Typed client for Accord's HTTP API (ARCHITECTURE.md, "HTTP API"); the wire types, token and link formats are @accord/api's. */
import type { DecisionLogLayout } from '@accord/record';
import { personKey } from './local.ts';
import {
  PERSON_HEADER,
  shareLink as shareLinkOn,
  type ApiErrorBody,
  type BoardHistory,
  type BoardInfo,
  type BoardLinks,
  type ChainCheck,
  type ChainHead,
  type ClientConfig,
  type CreatedBoard,
  type FollowUpsView,
  type MyBallot,
  type NewFollowUpSession,
  type NewRecord,
  type OpenVoteBody,
  type RecordList,
  type RecordView,
  type RestoredVersion,
  type ServerTime,
  type UploadedAsset,
  type VoteRound,
} from '@accord/api';

import type { Role } from '@accord/board';

export type { Role } from '@accord/board';
export type { BoardHistory, BoardInfo, BoardVersion, ChainCheck, ChainHead, CreatedBoard, FollowUpsView, MyBallot, NewRecord, OpenVoteBody, RecordSummary, RecordView, RestoredVersion, RoleStrings, SupersedesChoice, VoteRound } from '@accord/api';
export { tokenFromHash, tokenRole } from '@accord/api';

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

async function send(path: string, init: RequestInit & { token?: string }): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) {
    headers.set('authorization', `Bearer ${init.token}`);
    // Who we are on the board: the server derives this browser's person id from its key.
    headers.set(PERSON_HEADER, personKey());
  }
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'ACCORD_UNREACHABLE', 'The Accord server cannot be reached');
  }
  if (!res.ok) {
    let err: Partial<ApiErrorBody> = {};
    try {
      err = (await res.json()) as typeof err;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? res.statusText);
  }
  return res;
}

/** Raw bytes (a Yjs update) from an authenticated route. */
async function bytes(path: string, token: string): Promise<Uint8Array> {
  return new Uint8Array(await (await send(path, { token })).arrayBuffer());
}

async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await send(path, init);
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    throw new ApiError(res.status, 'ACCORD_BAD_RESPONSE', 'The server sent an answer that is not JSON');
  }
}

const json = (value: unknown): RequestInit => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

export const api = {
  createBoard: (title: string, template?: string) =>
    request<CreatedBoard>('/api/boards', { method: 'POST', ...json(template ? { title, template } : { title }) }),
  getBoard: (id: string, token: string) => request<BoardInfo>(`/api/boards/${encodeURIComponent(id)}`, { token }),
  renameBoard: (id: string, token: string, title: string) =>
    request<BoardInfo>(`/api/boards/${encodeURIComponent(id)}`, { method: 'PATCH', token, ...json({ title }) }),
  links: (id: string, token: string) => request<BoardLinks>(`/api/boards/${encodeURIComponent(id)}/links`, { token }),
  /** Facilitator: a new link for `role`; the old one stops opening the board at once. */
  resetLink: (id: string, token: string, role: Role) => request<BoardLinks>(`${board(id)}/links/reset`, { method: 'POST', token, ...json({ role }) }),
  /** Facilitator: deletes the board and everything on it, for everyone. */
  deleteBoard: (id: string, token: string) => request<null>(board(id), { method: 'DELETE', token }),
  config: () => request<ClientConfig>('/api/config'),
  time: () => request<ServerTime>('/api/time'),
  uploadAsset: (boardId: string, token: string, file: Blob, signal?: AbortSignal) =>
    request<UploadedAsset>(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
      method: 'POST',
      token,
      body: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
      signal: signal ?? null,
    }),
  listRecords: (boardId: string, token: string) => request<RecordList>(`${board(boardId)}/records`, { token }),
  createRecord: (boardId: string, token: string, input: NewRecord) => request<RecordView>(`${board(boardId)}/records`, { method: 'POST', token, ...json(input) }),
  getRecord: (boardId: string, token: string, recordId: string) => request<RecordView>(`${board(boardId)}/records/${encodeURIComponent(recordId)}`, { token }),
  /** Checks the board's chain; with a head kept from an earlier answer, also that nothing was cut from its end. */
  verifyRecords: (boardId: string, token: string, kept?: ChainHead | null) =>
    request<ChainCheck>(`${board(boardId)}/records/verify${kept ? `?${new URLSearchParams({ seq: String(kept.seq), hash: kept.hash, signature: kept.signature })}` : ''}`, { token }),
  recordSnapshot: (boardId: string, token: string, recordId: string) => bytes(`${board(boardId)}/records/${encodeURIComponent(recordId)}/snapshot`, token),
  boardState: (boardId: string, token: string) => bytes(`${board(boardId)}/state`, token),
  restoreRecord: (boardId: string, token: string, recordId: string) => request<CreatedBoard>(`${board(boardId)}/records/${encodeURIComponent(recordId)}/restore`, { method: 'POST', token }),
  /** Opens a dot-vote round (facilitator); the server writes it into the session. */
  openVote: (boardId: string, token: string, setup: OpenVoteBody) => request<VoteRound>(`${board(boardId)}/votes`, { method: 'POST', token, ...json(setup) }),
  revealVote: (boardId: string, token: string, round: string) => request<VoteRound>(`${votes(boardId, round)}/reveal`, { method: 'POST', token }),
  closeVote: (boardId: string, token: string, round: string) => request<VoteRound>(`${votes(boardId, round)}/close`, { method: 'POST', token }),
  clearVote: (boardId: string, token: string, round: string) => request<null>(votes(boardId, round), { method: 'DELETE', token }),
  /** My own ballot in a round (the server knows who I am from my person key). */
  myBallot: (boardId: string, token: string, round: string) => request<MyBallot>(`${votes(boardId, round)}/ballot`, { token }),
  /** Adds (1) or takes back (-1) one of my dots on a note; answers my ballot, or refuses with the reason. */
  castDot: (boardId: string, token: string, round: string, shapeId: string, delta: 1 | -1) =>
    request<MyBallot>(`${votes(boardId, round)}/ballot`, { method: 'POST', token, ...json({ shapeId, delta }) }),
  /** A record as a MADR 4 file, and the name the server gives it (`NNNN-title.md`). */
  recordMadr: async (boardId: string, token: string, recordId: string) => {
    const res = await send(`${board(boardId)}/records/${encodeURIComponent(recordId)}/madr`, { token });
    return { text: await res.text(), filename: filenameOf(res, 'decision.md') };
  },
  /** Every record of the board as a zip laid out for a repository. */
  decisionLogZip: async (boardId: string, token: string, layout: DecisionLogLayout) => {
    const res = await send(`${board(boardId)}/decision-log.zip${layout === 'madr' ? '' : `?layout=${layout}`}`, { token });
    return { blob: await res.blob(), filename: filenameOf(res, 'decision-log.zip') };
  },
  followUps: (boardId: string, token: string) => request<FollowUpsView>(`${board(boardId)}/follow-ups`, { token }),
  startFollowUp: (boardId: string, token: string, recordId: string, body: NewFollowUpSession) =>
    request<CreatedBoard>(`${board(boardId)}/records/${encodeURIComponent(recordId)}/follow-up`, { method: 'POST', token, ...json(body) }),
  /** One page of the board's history, newest first (facilitator); `before` the `next` of the page before. */
  history: (boardId: string, token: string, before?: number) => request<BoardHistory>(`${board(boardId)}/history${before === undefined ? '' : `?before=${before}`}`, { token }),
  /** The content of one version, as Yjs update bytes (facilitator). */
  versionState: (boardId: string, token: string, seq: number) => bytes(`${board(boardId)}/history/${seq}/state`, token),
  /** Brings the board back to a version, in place, for everyone (facilitator). */
  restoreVersion: (boardId: string, token: string, seq: number) => request<RestoredVersion>(`${board(boardId)}/history/${seq}/restore`, { method: 'POST', token }),
  /** A new board holding a version (facilitator). */
  versionAsBoard: (boardId: string, token: string, seq: number) => request<CreatedBoard>(`${board(boardId)}/history/${seq}/new-board`, { method: 'POST', token }),
  importTldr: (file: unknown, title?: string) => request<CreatedBoard>('/api/boards/import', { method: 'POST', ...json(title ? { title, file } : { file }) }),
};

/** The file name of a download, from its Content-Disposition (ours are plain ASCII), else `fallback`. */
function filenameOf(res: Pick<Response, 'headers'>, fallback: string): string {
  return /filename="([^"/\\]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

function board(id: string): string {
  return `/api/boards/${encodeURIComponent(id)}`;
}

function votes(boardId: string, round: string): string {
  return `${board(boardId)}/votes/${encodeURIComponent(round)}`;
}

/** A share link for a token, on this page's origin. */
export function shareLink(boardId: string, token: string): string {
  return shareLinkOn(window.location.origin, boardId, token);
}
