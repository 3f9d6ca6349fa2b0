import type { FastifyBaseLogger } from 'fastify';
import { CloseCode, type Relay } from '@accord/relay';
import { contentRoom, facilitationRoom, type Role } from '@accord/board';
import type { BoardRow, BoardStore } from '@accord/storage';
import type { BoardEvents } from './boardEvents.ts';
import type { Principal } from './roomPolicy.ts';
import { HOURLY_MS, startSweep } from './sweep.ts';

/** A board's rooms: what the relay holds of it and what storage keeps under room names. */
function boardRooms(boardId: string): string[] {
  return [contentRoom(boardId), facilitationRoom(boardId)];
}

/**
 * What a facilitator (or retention) does to a board as a whole: reset a role's link, delete the
 * board. Each acts on the store and on the sockets, on this instance and the others (through
 * `BoardEvents`).
 */
export class BoardControl {
  private readonly boards: BoardStore;
  private readonly events: BoardEvents;

  constructor(boards: BoardStore, relay: Relay<Principal>, events: BoardEvents) {
    this.boards = boards;
    this.events = events;
    events.on(async (event) => {
      const rooms = boardRooms(event.boardId);
      if (event.kind === 'deleted') return relay.closeRooms(rooms, CloseCode.BoardDeleted, 'board deleted');
      // Older generations only: a socket that joined with the new link stays.
      relay.closeConnections(rooms, (p) => p.role === event.role && p.linkGeneration < event.generation, CloseCode.LinkReset, 'link reset');
    });
  }

  /**
   * Resets `role`'s link: from now on only a token of the new generation opens the board, and
   * sockets that joined with an older one are closed (4401). The updated row, or null when the
   * board is gone.
   */
  async resetLink(boardId: string, role: Role): Promise<BoardRow | null> {
    const board = await this.boards.resetBoardLink(boardId, role, Date.now());
    if (board) await this.events.publish({ kind: 'link-reset', boardId, role, generation: board.linkGenerations[role] });
    return board;
  }

  /**
   * Deletes a board: its rooms are closed everywhere (sockets get 4410; the relay drops them
   * without writing anything more and refuses them for a minute), then every row of it goes, in
   * one transaction (`BoardStore.deleteBoard`). False when there was no such board.
   */
  async deleteBoard(boardId: string): Promise<boolean> {
    await this.events.publish({ kind: 'deleted', boardId });
    return this.boards.deleteBoard(boardId, boardRooms(boardId));
  }

  /** Retention: deletes boards nobody opened since `cutoff` (ms), in batches; how many went. */
  async deleteUnopened(cutoff: number, log: FastifyBaseLogger): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = await this.boards.boardsOpenedBefore(cutoff, 100);
      for (const id of ids) if (await this.deleteBoard(id)) deleted++;
      if (ids.length < 100) break;
    }
    if (deleted > 0) log.info({ deleted, openedBefore: new Date(cutoff).toISOString() }, 'retention: deleted boards not opened since');
    return deleted;
  }
}

/**
 * `ACCORD_RETENTION_DAYS`: deletes boards not opened for that many days, once at start and then
 * every hour; returns the stop function. Opening a board (any request or socket with a valid
 * token) moves its last-opened time (see `noteBoardOpened`).
 */
export function startRetention(control: BoardControl, days: number, log: FastifyBaseLogger): () => Promise<void> {
  return startSweep(() => control.deleteUnopened(Date.now() - days * 86_400_000, log), HOURLY_MS, (err) => log.error({ err }, 'retention sweep failed')).stop;
}
