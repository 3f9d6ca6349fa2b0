// The JSON bodies of the HTTP API (ARCHITECTURE.md, "HTTP API"), as sent on the wire. Times are
// ISO 8601 strings. The route schemas in ./schemas/ describe the same shapes for validation.
// Decision records' bodies are in ./recordWire.ts.
import type { FacilitationVoting, Role, TldrFile } from '@accord/board';

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

/** Body of `POST /api/boards/:id/links/reset` (facilitator): the old link of `role` stops working at once; the answer is the board's links, the new one included. */
export interface ResetLinkBody {
  role: Role;
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

/** The body of `POST /api/boards/:id/votes` (facilitator): a new dot-vote round. */
export interface OpenVoteBody {
  /** 1–20. */
  votesPerPerson: number;
  /** Most dots one person may put on one note, 1–20; null or absent for no limit. */
  perNoteLimit?: number | null;
  /** Never name voters, before or after the reveal; totals only. */
  anonymous?: boolean;
  /** Only notes inside this frame may get dots; null or absent for the whole board. */
  frameId?: string | null;
}

/**
 * A dot-vote round as the board's session shows it (`session.voting`, written by the server): what
 * the vote routes answer with. `voted` is always empty and `results.rows[].bySide` always `{}` when
 * the round is anonymous; `results` is null until the reveal.
 */
export type VoteRound = FacilitationVoting;

/** The body of `POST /api/boards/:id/votes/:round/ballot`: one dot added (1) or taken back (-1) on a note. */
export interface DotBody {
  shapeId: string;
  delta: 1 | -1;
}

/** `GET` and `POST /api/boards/:id/votes/:round/ballot`: the asking person's own ballot, and no one else's. */
export interface MyBallot {
  round: string;
  /** Shape id → my dots there. */
  dots: Record<string, number>;
  /** Dots I have placed. */
  used: number;
  /** Dots I may still place (0 once the round is closed or no longer the board's round). */
  left: number;
}

/** Who made a version of a board. */
export interface VersionAuthor {
  /** `person`: someone the server knows by person id; `role`: a connection without a person key; `server`: Accord itself (a vote's results, a rename); `unknown`: stored before history was kept. */
  kind: 'person' | 'role' | 'server' | 'unknown';
  /** The person id, the role, or null. */
  id: string | null;
  /** What to show: the person's name on the board (else "Someone"), the role, or "Accord". */
  name: string;
}

/** One step of a board's history: consecutive changes by one author, each within a minute of the last. */
export interface BoardVersion {
  /** The version the step ends at: what preview and restore take. */
  seq: number;
  /** `edit`: changes people (or the server) made; `restore`: a restore to `restoredFrom`; `start`: the oldest version kept, the board as it was when older history was pruned. */
  kind: 'edit' | 'restore' | 'start';
  /** When the step began and ended. */
  startedAt: string;
  at: string;
  author: VersionAuthor;
  /** Board records (notes, shapes, pages…) the step added, changed or deleted. */
  changes: number;
  /** Of those, the records it deleted. A step that deletes records never holds edits that do not: a wipe is a step of its own. */
  deleted: number;
  /** Stored updates in the step. */
  updates: number;
  /** For a restore, the version it brought back; else null. */
  restoredFrom: number | null;
}

/** `GET /api/boards/:id/history` (facilitator): one page of steps, newest first. */
export interface BoardHistory {
  versions: BoardVersion[];
  /** When older steps exist: pass this as `before` for the next page; null at the oldest version kept. */
  next: number | null;
  /** How many days history is kept (`ACCORD_HISTORY_DAYS`). */
  retentionDays: number;
}

/** The querystring of `GET /api/boards/:id/history`. */
export interface HistoryQuery {
  /** Only history older than this version: the `next` of the page before. */
  before?: string;
}

/** `POST /api/boards/:id/history/:seq/restore` (facilitator): the board is that version again, for everyone. */
export interface RestoredVersion {
  /** The version brought back. */
  restoredFrom: number;
  /** The version the restore made, or null when the board already was that version (nothing changed). */
  seq: number | null;
  /** The version just before the restore: restoring it undoes this one; null when nothing changed. */
  undoSeq: number | null;
  /** Records set back and records deleted. */
  set: number;
  deleted: number;
}
