import type { Party } from '@accord/board';
import { isPersonKey } from '@accord/api';
import type { Role } from './api.ts';

/** What this browser remembers: its person (name, colour, id) and the boards it opened. */

const BOARDS_KEY = 'accord.boards.v1';
const ME_KEY = 'accord.me.v1';

export interface KnownBoard {
  id: string;
  title: string;
  role: Role;
  token: string;
  lastOpened: number;
}

export interface Me {
  id: string;
  name: string;
  color: string;
  /** Their side of the trifecta (EM, PM, business), when they gave one: votes are tallied by it. */
  party?: Party | null;
}

/** tldraw-friendly cursor colours with enough contrast on white. */
export const PERSON_COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599', '#e8590c', '#5f3dc4', '#c2255c', '#2b8a3e'];

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function isKnownBoard(b: unknown): b is KnownBoard {
  const x = b as KnownBoard;
  return !!x && typeof x.id === 'string' && typeof x.title === 'string' && typeof x.token === 'string' && typeof x.lastOpened === 'number' && ['facilitator', 'participant', 'viewer'].includes(x.role);
}

/** Boards this browser created or joined, most recently opened first. */
export function knownBoards(): KnownBoard[] {
  const list = read<unknown[]>(BOARDS_KEY, []);
  return (Array.isArray(list) ? list.filter(isKnownBoard) : []).sort((a, b) => b.lastOpened - a.lastOpened);
}

/** Remembers (or refreshes) a board; a stronger role is never replaced by a weaker one. */
export function rememberBoard(board: KnownBoard): void {
  const rank = { facilitator: 0, participant: 1, viewer: 2 };
  const others = knownBoards().filter((b) => b.id !== board.id);
  const prev = knownBoards().find((b) => b.id === board.id);
  const keep = prev && rank[prev.role] < rank[board.role] ? { ...board, role: prev.role, token: prev.token } : board;
  localStorage.setItem(BOARDS_KEY, JSON.stringify([keep, ...others].slice(0, 200)));
}

export function forgetBoard(id: string): void {
  localStorage.setItem(BOARDS_KEY, JSON.stringify(knownBoards().filter((b) => b.id !== id)));
}

const PERSON_KEY = 'accord.personKey.v1';

/**
 * This browser's secret person key: sent to the server with every board request (and on the
 * websocket), which derives the person id everyone sees from it. Made once, kept for good.
 */
export function personKey(): string {
  const kept = localStorage.getItem(PERSON_KEY);
  if (isPersonKey(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const fresh = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  localStorage.setItem(PERSON_KEY, fresh);
  return fresh;
}

/** This browser's person; the name is empty until asked. The id is replaced by the server's once a board is open. */
export function me(): Me {
  const stored = read<Partial<Me>>(ME_KEY, {});
  if (stored.id && typeof stored.name === 'string' && stored.color) return stored as Me;
  const fresh: Me = {
    id: crypto.randomUUID(),
    name: '',
    color: PERSON_COLORS[Math.floor(Math.random() * PERSON_COLORS.length)]!,
  };
  localStorage.setItem(ME_KEY, JSON.stringify(fresh));
  return fresh;
}

export function saveMe(next: Me): void {
  localStorage.setItem(ME_KEY, JSON.stringify(next));
}

/** Whether the timer chimes at zero on this browser (on unless turned off). */
export const timerSound = {
  get: (): boolean => localStorage.getItem('accord.timerSound') !== 'off',
  set: (on: boolean): void => localStorage.setItem('accord.timerSound', on ? 'on' : 'off'),
};

/** Whether this browser shows the timer's full-width progress bar (off unless turned on). */
export const timerBar = {
  get: (): boolean => localStorage.getItem('accord.timerBar') === 'on',
  set: (on: boolean): void => localStorage.setItem('accord.timerBar', on ? 'on' : 'off'),
};

/** Template options chosen on the home page, kept until the new board inserts its template. */
export const pendingTemplate = {
  set(boardId: string, options: object): void {
    sessionStorage.setItem(`accord.pendingTemplate.${boardId}`, JSON.stringify(options));
  },
  take(boardId: string): Record<string, unknown> | null {
    const key = `accord.pendingTemplate.${boardId}`;
    const raw = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    try {
      return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  },
};

/** Boards the server said are full (size limit), for this tab's session: they open read-only. */
export const fullBoards = {
  add(boardId: string): void {
    sessionStorage.setItem(`accord.full.${boardId}`, '1');
  },
  has(boardId: string): boolean {
    return sessionStorage.getItem(`accord.full.${boardId}`) === '1';
  },
};
