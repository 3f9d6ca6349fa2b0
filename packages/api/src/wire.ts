// The JSON bodies of the HTTP API (ARCHITECTURE.md, "HTTP API"), as sent on the wire. Times are
// ISO 8601 strings. The route schemas in ./schemas/ describe the same shapes for validation.
import type { Role, TldrFile } from '@accord/board';
import type { DecisionRecord } from '@accord/record';

/** One string per role: a board's tokens or share links. */
export type RoleStrings = Record<Role, string>;

/** `GET /healthz`. */
export interface Health {
  ok: true;
}

/** The state of one dependency in `GET /readyz`: `ok`, `down` (with why), or `unused` (not configured). */
export interface DependencyState {
  state: 'ok' | 'down' | 'unused';
  /** Why it is down (an error message; never a URL or a secret). */
  reason?: string;
}

/** `GET /readyz`: 200 when the instance can take writes, else 503 naming what is down. */
export interface Readiness {
  ready: boolean;
  storage: DependencyState;
  pubsub: DependencyState;
}

/** `GET /api/time`: the server's clock (ms since the epoch), for timer offsets. */
export interface ServerTime {
  now: number;
}

/** `GET /api/config`: runtime settings of the web app. */
export interface ClientConfig {
  tldrawLicenseKey: string | null;
}

/** The body of `POST /api/boards`. */
export interface CreateBoardBody {
  /** 1–200 characters, not all blank; stored trimmed. */
  title: string;
  /** A template id of `@accord/templates`, inserted when the facilitator first opens the board. */
  template?: string;
}

/** A new board with its three tokens and share links: `POST /api/boards`, import and restore answer this (201). */
export interface CreatedBoard {
  id: string;
  title: string;
  createdAt: string;
  template: string | null;
  tokens: RoleStrings;
  links: RoleStrings;
}

/** A board as its token holder sees it: `GET` and `PATCH /api/boards/:id`. */
export interface BoardInfo {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  template: string | null;
  /** The role of the token the request was made with. */
  role: Role;
  /** The requester's person id, derived from the person key they sent (null when they sent none). */
  personId: string | null;
}

/** The body of `PATCH /api/boards/:id` (facilitator). */
export interface RenameBoardBody {
  title: string;
}

/** `GET /api/boards/:id/links`: the caller's own role and every weaker one. */
export interface BoardLinks {
  tokens: Partial<RoleStrings>;
  links: Partial<RoleStrings>;
}

/** The body of `POST /api/boards/import`: a `.tldr` file, parsed. */
export interface ImportBoardBody {
  /** Wins over the file's document name. */
  title?: string;
  file: TldrFile;
}

/** `POST /api/boards/:id/assets` (201): where the uploaded image is served. */
export interface UploadedAsset {
  id: string;
  /** Judged from the bytes: `image/png`, `image/jpeg`, `image/gif` or `image/webp`. */
  contentType: string;
  /** `/api/boards/<boardId>/assets/<id>`, served without a token. */
  url: string;
}

/** The body of `POST /api/boards/:id/records` (facilitator). */
export interface NewRecord {
  title: string;
  decision: string;
  owner?: string | null;
  /** `YYYY-MM-DD`, a day that exists. */
  reviewDate?: string | null;
}

/** A decision record as listed: its place in the board's hash chain, without its contents. */
export interface RecordSummary {
  id: string;
  boardId: string;
  seq: number;
  title: string;
  createdAt: string;
  hash: string;
  prevHash: string | null;
  bodyHash: string;
  snapshotHash: string;
}

/** A whole decision record: the summary plus the structured record and its Markdown. */
export interface RecordView extends RecordSummary {
  /** Null only when the stored body no longer parses (the store was altered; `verify` says where). */
  decision: DecisionRecord | null;
  markdown: string;
}

/** The newest record of a board, signed by the server so a client can later prove truncation or rewriting. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Hex HMAC-SHA256 under the server secret. */
  signature: string;
}

/** `GET /api/boards/:id/records`. */
export interface RecordList {
  records: RecordSummary[];
  head: ChainHead | null;
}

/** Why a chain is broken at a record. */
export type BrokenReason = 'body-hash' | 'snapshot-hash' | 'prev-link' | 'hash' | 'signature' | 'seq-gap';

/** The first broken link of a chain. `id` is null when no stored record is at `seq`. */
export interface BrokenLink {
  seq: number;
  id: string | null;
  reason: BrokenReason;
}

/** `GET /api/boards/:id/records/verify`. */
export type ChainCheck = { ok: true; count: number; head: ChainHead | null } | { ok: false; count: number; brokenAt: BrokenLink };

/** The querystring of `GET …/records/verify`: a head kept from an earlier answer, all three or none. */
export interface KeptHeadQuery {
  seq?: string;
  hash?: string;
  signature?: string;
}

/** Which room of a record's snapshot `GET …/records/:rid/snapshot?doc=` serves (default `content`). */
export type SnapshotDoc = 'content' | 'facilitation';
