import { randomUUID } from 'node:crypto';
import type { PubSub } from '@accord/relay';
import { ROLES, type Role } from '@accord/board';
import { isBoardId } from '@accord/api';

/** What happened to a board that every server instance must act on: its sockets live everywhere. */
export type BoardEvent =
  | { readonly kind: 'deleted'; readonly boardId: string }
  | { readonly kind: 'link-reset'; readonly boardId: string; readonly role: Role; readonly generation: number };

/** Where failures of a peer's event are reported. */
export interface BoardEventsLogger {
  warn(obj: object, msg: string): void;
}

/**
 * The channel of board events on the relay's pub/sub. Room names are board ids (and
 * `<id>/facilitation`), which never hold a colon, so this name can never be a room's.
 */
const BOARD_EVENTS_CHANNEL = 'events:boards';

/** Reads an event another instance published; null when it is not one. */
function readEvent(text: string): { from: string; event: BoardEvent } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as { from?: unknown; event?: { kind?: unknown; boardId?: unknown; role?: unknown; generation?: unknown } } | null;
  const e = v?.event;
  if (typeof v?.from !== 'string' || !e || typeof e.boardId !== 'string' || !isBoardId(e.boardId)) return null;
  if (e.kind === 'deleted') return { from: v.from, event: { kind: 'deleted', boardId: e.boardId } };
  if (e.kind === 'link-reset' && ROLES.includes(e.role as Role) && Number.isSafeInteger(e.generation)) {
    return { from: v.from, event: { kind: 'link-reset', boardId: e.boardId, role: e.role as Role, generation: e.generation as number } };
  }
  return null;
}

/**
 * Board events, handled on this instance at once and, scaled out, on every other instance
 * through the relay's pub/sub (Redis): an instance acts on the events it hears; a lost message
 * leaves that instance's sockets open until they reconnect, when the token no longer opens the
 * board.
 */
export class BoardEvents {
  private readonly handlers = new Set<(event: BoardEvent) => Promise<void> | void>();
  private readonly instance = randomUUID();
  private readonly pubsub: PubSub | undefined;
  private readonly unsubscribe: (() => void) | null;

  constructor(pubsub: PubSub | undefined, log: BoardEventsLogger) {
    this.pubsub = pubsub;
    this.unsubscribe =
      pubsub?.subscribe(BOARD_EVENTS_CHANNEL, (data) => {
        const read = readEvent(new TextDecoder().decode(data));
        if (!read) return log.warn({ bytes: data.length }, 'ignored a malformed board event from pub/sub');
        if (read.from === this.instance) return;
        void this.handle(read.event).catch((err: unknown) => log.warn({ err, event: read.event }, 'acting on a board event from another instance failed'));
      }) ?? null;
  }

  /** Adds what to do on each event. */
  on(handler: (event: BoardEvent) => Promise<void> | void): void {
    this.handlers.add(handler);
  }

  /** Acts on `event` here (resolving once done), and tells the other instances. */
  async publish(event: BoardEvent): Promise<void> {
    this.pubsub?.publish(BOARD_EVENTS_CHANNEL, new TextEncoder().encode(JSON.stringify({ from: this.instance, event })));
    await this.handle(event);
  }

  private async handle(event: BoardEvent): Promise<void> {
    await Promise.all([...this.handlers].map((h) => h(event)));
  }

  close(): void {
    this.unsubscribe?.();
    this.handlers.clear();
  }
}
