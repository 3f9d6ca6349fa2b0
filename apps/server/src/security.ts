import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import fastifyHelmet from '@fastify/helmet';
import type { Config } from './config.ts';
import { Errors } from './errors.ts';

/** What {@link securityHeaders} is registered with. */
export type SecurityOptions = Pick<Config, 'publicUrl' | 'frameAncestors' | 'imageSources'>;

/**
 * The Content-Security-Policy of every answer: what the app and tldraw need and nothing remote.
 * Scripts, fonts, styles sheets and data only from this server (tldraw's fonts, icons and
 * translations are bundled); inline styles, which tldraw sets on every shape; images from this
 * server, `data:` and `blob:` (tldraw's exports and pasted images before upload) plus
 * `ACCORD_IMAGE_SOURCES`; no plugins, no framing by other sites unless `ACCORD_FRAME_ANCESTORS`
 * names them. `'self'` in `connect-src` covers the same-origin websocket; `data:` and `blob:` there
 * are tldraw reading its own in-memory resources.
 */
function contentSecurityPolicy(opts: SecurityOptions): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...opts.imageSources],
    'font-src': ["'self'", 'data:'],
    // tldraw fetches data: and blob: URLs of its own (icons, exported images): no network involved.
    'connect-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': opts.frameAncestors.length > 0 ? [...opts.frameAncestors] : ["'none'"],
  };
}

/**
 * Security headers on every response (@fastify/helmet): the CSP above, `X-Frame-Options: DENY`
 * unless embedding is allowed, `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`
 * (a share link's token sits in the fragment, which browsers never send, but nothing else of a
 * board's address should leave either), and HSTS only when `ACCORD_PUBLIC_URL` is https — on
 * plain http it would be ignored, and behind a misconfigured proxy it would lock users out.
 */
export const securityHeaders = fp<SecurityOptions>(
  async (app: FastifyInstance, opts: SecurityOptions) => {
    const https = opts.publicUrl?.startsWith('https:') ?? false;
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts) },
      frameguard: opts.frameAncestors.length > 0 ? false : { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
      // Same-origin assets only; the app never needs cross-origin isolation.
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'accord-security-headers', fastify: '5.x' },
);

/**
 * The origin a browser page of this server has: `ACCORD_PUBLIC_URL`'s, else the request's Host
 * (any scheme: behind a TLS-terminating proxy the server cannot tell).
 */
function ownOrigin(publicUrl: string | null, req: FastifyRequest): { origin: string } | { host: string } {
  return publicUrl ? { origin: new URL(publicUrl).origin } : { host: (req.headers.host ?? '').toLowerCase() };
}

/**
 * The onRequest hook of websocket upgrades: a browser always sends `Origin`, so a page of another
 * site (or a sandboxed one, `null`) opening a board's socket with a token it got hold of is
 * refused with 403 before anything else. Clients that are not browsers send no `Origin` and pass.
 */
export function checkOrigin(publicUrl: string | null): onRequestAsyncHookHandler {
  return async (req) => {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    const own = ownOrigin(publicUrl, req);
    let allowed = false;
    try {
      const url = new URL(origin);
      allowed = 'origin' in own ? url.origin === own.origin : url.host.toLowerCase() === own.host && /^https?:$/.test(url.protocol);
    } catch {
      allowed = false;
    }
    if (!allowed) throw Errors.originForbidden(`Boards open only from pages of this server, not from ${origin.slice(0, 100)}`);
  };
}
