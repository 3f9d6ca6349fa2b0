import type { Storage } from '@accord/storage';
import type { Relay } from '@accord/relay';
import type { Config } from './config.ts';
import type { Principal } from './roomPolicy.ts';

/** What every route needs; built once in `build()`. */
export interface AppContext {
  readonly config: Config;
  readonly storage: Storage;
  readonly relay: Relay<Principal>;
}
