import { isIP } from 'node:net';

// Parsers of the settings `loadConfig` reads (ARCHITECTURE.md, "Run"); each throws a
// `ConfigError` whose message is one line naming the variable and what it must be.

/** A setting that stops the server from starting; the CLI prints its message as one line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const unset = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

/** A whole number ≥ 1, or `fallback` when unset. */
export function parseCount(name: string, raw: string | undefined, fallback: number | null): number | null {
  if (unset(raw)) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) throw new ConfigError(`${name} must be a whole number of at least 1, got "${raw}"`);
  return Number(raw);
}

/** Fastify's `trustProxy`: false, true (any proxy), a hop count, or the addresses / CIDR ranges of the proxies. */
export type TrustProxy = boolean | number | string[];

const CIDR = /^(.+)\/(\d{1,3})$/;

/**
 * `ACCORD_TRUST_PROXY`: unset, `false` or `off` → trust no proxy (the socket's address is the
 * client's, `X-Forwarded-*` is ignored); `true` → any; a number → that many hops; otherwise a
 * comma-separated list of proxy addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`).
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (unset(raw) || raw === 'false' || raw === 'off') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const m = CIDR.exec(entry);
    const address = m ? m[1]! : entry;
    const bits = m ? Number(m[2]) : 0;
    const family = isIP(address);
    if (family === 0 || bits > (family === 4 ? 32 : 128)) {
      throw new ConfigError(`ACCORD_TRUST_PROXY must be false, true, a hop count or a comma-separated list of proxy addresses or CIDR ranges, got "${entry}"`);
    }
  }
  return entries;
}

/** The doors whose requests are limited per client address. */
export type Door = 'create' | 'import' | 'assets' | 'records' | 'connect';

/** At most `max` requests per `windowMs` per client address. */
interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** A limit per door; null where the setting is `off`. */
export type RateLimits = Readonly<Record<Door, RateLimit | null>>;

/**
 * Defaults per client address: boards (create, restore) 30/10 min, imports 10/10 min, image
 * uploads 120/min, decision records 30/min, websocket connects 120/min (each open board holds two
 * sockets, and reconnects count).
 */
const DEFAULT_RATE_LIMITS: RateLimits = {
  create: { max: 30, windowMs: 10 * 60_000 },
  import: { max: 10, windowMs: 10 * 60_000 },
  assets: { max: 120, windowMs: 60_000 },
  records: { max: 30, windowMs: 60_000 },
  connect: { max: 120, windowMs: 60_000 },
};

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `<count>/<window>`, the window a number with s, m or h (`30/10m`), or `off`. */
function parseRateLimit(name: string, raw: string): RateLimit | null {
  if (raw === 'off') return null;
  const m = /^(\d+)\/(\d*)(s|m|h)$/.exec(raw);
  const max = Number(m?.[1]);
  const windowMs = Number(m?.[2] || '1') * UNITS[m?.[3] ?? 's']!;
  if (!m || max < 1 || windowMs < 1000) throw new ConfigError(`${name} must be <count>/<window> such as 30/10m (window in s, m or h) or off, got "${raw}"`);
  return { max, windowMs };
}

/** `ACCORD_RATE_LIMIT_CREATE`, `…_IMPORT`, `…_ASSETS`, `…_RECORDS`, `…_CONNECT`; unset ones keep {@link DEFAULT_RATE_LIMITS}. */
export function parseRateLimits(env: NodeJS.ProcessEnv): RateLimits {
  const out = { ...DEFAULT_RATE_LIMITS };
  for (const door of Object.keys(DEFAULT_RATE_LIMITS) as Door[]) {
    const name = `ACCORD_RATE_LIMIT_${door.toUpperCase()}`;
    const raw = env[name];
    if (!unset(raw)) out[door] = parseRateLimit(name, raw.trim());
  }
  return out;
}

/** A CSP source that is an origin: `https://host[:port]`. */
function parseOrigin(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must list origins such as https://intranet.example.com, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin !== raw.replace(/\/$/, '')) throw new ConfigError(`${name} must list origins such as https://intranet.example.com, got "${raw}"`);
  return url.origin;
}

/** `ACCORD_FRAME_ANCESTORS`: space- or comma-separated origins allowed to frame the app; `'self'` allowed too. */
export function parseFrameAncestors(raw: string | undefined): string[] {
  if (unset(raw)) return [];
  return raw.split(/[\s,]+/).filter(Boolean).map((s) => (s === "'self'" ? s : parseOrigin('ACCORD_FRAME_ANCESTORS', s)));
}

/** `ACCORD_IMAGE_SOURCES`: extra CSP `img-src` sources: origins, or `https:` for any secure origin. */
export function parseImageSources(raw: string | undefined): string[] {
  if (unset(raw)) return [];
  return raw.split(/[\s,]+/).filter(Boolean).map((s) => (s === 'https:' ? s : parseOrigin('ACCORD_IMAGE_SOURCES', s)));
}
