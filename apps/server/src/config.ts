import { accessSync, constants, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve, join } from 'node:path';
import { ConfigError, parseCount, parseFrameAncestors, parseImageSources, parseRateLimits, parseTrustProxy, type RateLimits, type TrustProxy } from './configParse.ts';

export { ConfigError } from './configParse.ts';
export type { Door, RateLimits } from './configParse.ts';

/** Server settings, read from the environment once at start (ARCHITECTURE.md, "Run"). */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The HMAC key for capability tokens. */
  readonly secret: Buffer;
  /** Origin used to build share links, e.g. `https://accord.example.com`; null = from the request. */
  readonly publicUrl: string | null;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly tldrawLicenseKey: string | null;
  readonly logLevel: string;
  /** `ACCORD_TRUST_PROXY`: which proxies' `X-Forwarded-*` headers are believed (Fastify's `trustProxy`); false by default. */
  readonly trustProxy: TrustProxy;
  /** `ACCORD_RATE_LIMIT_<DOOR>`: requests per client address per window at each door; null turns one off. */
  readonly rateLimits: RateLimits;
  /** `ACCORD_FRAME_ANCESTORS`: origins that may frame the app (CSP `frame-ancestors`); empty = none. */
  readonly frameAncestors: readonly string[];
  /** `ACCORD_IMAGE_SOURCES`: sources images may load from besides the server itself (CSP `img-src`); empty = none. */
  readonly imageSources: readonly string[];
  /** `ACCORD_RETENTION_DAYS`: boards not opened for this many days are deleted; null keeps them. */
  readonly retentionDays: number | null;
  /** `ACCORD_MAX_BOARD_MIB`: the largest a board's content (one room's state) may grow, MiB. */
  readonly maxBoardMiB: number;
  /** How many days a board's history (every version, for preview and restore) is kept: `ACCORD_HISTORY_DAYS`. */
  readonly historyDays: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

/** Default of `ACCORD_HISTORY_DAYS`: a month of versions per board. */
const DEFAULT_HISTORY_DAYS = 30;
const MAX_HISTORY_DAYS = 3650;

function parseHistoryDays(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_HISTORY_DAYS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_HISTORY_DAYS) {
    throw new ConfigError(`ACCORD_HISTORY_DAYS must be a whole number of days from 1 to ${MAX_HISTORY_DAYS}, got "${raw}"`);
  }
  return Number(raw);
}

function parseUrl(name: string, raw: string | undefined, protocols: string[]): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${url.protocol}//"`);
  }
  return raw.replace(/\/+$/, '');
}

function prepareDataDir(raw: string | undefined, base: string): string {
  const dir = resolve(base, raw && raw !== '' ? raw : './data');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(`ACCORD_DATA_DIR "${dir}" is not a writable directory (${reason})`);
  }
  return dir;
}

/** The secret from `ACCORD_SECRET`, else the one kept in the data dir, else a new one written there. */
function loadSecret(raw: string | undefined, dataDir: string): Buffer {
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('ACCORD_SECRET must be at least 32 characters');
    return Buffer.from(raw, 'utf8');
  }
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length < 32) throw new ConfigError(`${file} holds a secret shorter than 32 characters`);
    return Buffer.from(kept, 'utf8');
  }
  const fresh = randomBytes(32).toString('base64url');
  writeFileSync(file, `${fresh}\n`, { mode: 0o600 });
  return Buffer.from(fresh, 'utf8');
}

/** Reads and validates the environment; throws `ConfigError` with one clear line on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT);
  const logLevel = env.LOG_LEVEL && env.LOG_LEVEL !== '' ? env.LOG_LEVEL : 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  // Relative paths are taken from where the command was typed: pnpm runs package scripts inside
  // the package but records the caller's directory in INIT_CWD, so `pnpm start` keeps ./data at the root.
  const dataDir = prepareDataDir(env.ACCORD_DATA_DIR, env.INIT_CWD && env.INIT_CWD !== '' ? env.INIT_CWD : process.cwd());
  return {
    port,
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    dataDir,
    secret: loadSecret(env.ACCORD_SECRET, dataDir),
    publicUrl: parseUrl('ACCORD_PUBLIC_URL', env.ACCORD_PUBLIC_URL, ['http:', 'https:']),
    databaseUrl: parseUrl('ACCORD_DATABASE_URL', env.ACCORD_DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: parseUrl('ACCORD_REDIS_URL', env.ACCORD_REDIS_URL, ['redis:', 'rediss:']),
    tldrawLicenseKey: env.TLDRAW_LICENSE_KEY && env.TLDRAW_LICENSE_KEY !== '' ? env.TLDRAW_LICENSE_KEY : null,
    logLevel,
    trustProxy: parseTrustProxy(env.ACCORD_TRUST_PROXY),
    rateLimits: parseRateLimits(env),
    frameAncestors: parseFrameAncestors(env.ACCORD_FRAME_ANCESTORS),
    imageSources: parseImageSources(env.ACCORD_IMAGE_SOURCES),
    retentionDays: parseCount('ACCORD_RETENTION_DAYS', env.ACCORD_RETENTION_DAYS, null),
    maxBoardMiB: parseCount('ACCORD_MAX_BOARD_MIB', env.ACCORD_MAX_BOARD_MIB, 64) ?? 64,
    historyDays: parseHistoryDays(env.ACCORD_HISTORY_DAYS),
  };
}
