import type { AssetStore, BallotStore, BoardStore, HistoryStore, RecordStore, RoomStore } from '@accord/storage';
import type { Relay } from '@accord/relay';
import type { Config } from './config.ts';
import type { Principal } from './roomPolicy.ts';

/**
 * Everything routes are built from, once, in `build()`: each route plugin is registered with the
 * part it needs (a `Pick` of this), never the whole store.
 */
export interface AppContext {
  readonly config: Config;
  readonly relay: Relay<Principal>;
  /** Room logs: seeding a new board's content, freezing rooms into a record. */
  readonly rooms: RoomStore;
  /** Rooms' history: versions to list, preview and restore; retention. */
  readonly history: HistoryStore;
  readonly boards: BoardStore;
  readonly records: RecordStore;
  readonly assets: AssetStore;
  /** Dot-vote ballots, which no client reads: the vote routes. */
  readonly ballots: BallotStore;
}
