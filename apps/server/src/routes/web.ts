import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { clientConfigSchema, type ClientConfig } from '@accord/api';
import { Errors } from '../errors.ts';

/** What the web routes are registered with. */
export interface WebRoutesOptions {
  /** Handed to the web app at run time (`TLDRAW_LICENSE_KEY`). */
  tldrawLicenseKey: string | null;
  /** Directory of the built web app, or null to serve none. */
  webRoot: string | null;
}

/**
 * `GET /api/config` (runtime settings for the web app: the tldraw licence key reaches the client
 * without a rebuild) and, when the web app is built, the SPA itself with an index.html fallback
 * for client-side routes such as `/b/:id`.
 */
export const webRoutes: FastifyPluginAsync<WebRoutesOptions> = async (app, { tldrawLicenseKey, webRoot }) => {
  app.get('/api/config', { schema: { response: { 200: clientConfigSchema } } }, async (_req, reply): Promise<ClientConfig> => {
    reply.header('cache-control', 'no-store');
    return { tldrawLicenseKey };
  });

  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    // Hashed bundle files never change; index.html must always be fresh.
    await app.register(fastifyStatic, {
      root: webRoot,
      index: ['index.html'],
      setHeaders: (reply, path) => void reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const isApi = path.startsWith('/api/') || path.startsWith('/sync/');
    // Client-side routes (/b/:id) get the app; a missing file (/assets/x.js) gets a real 404.
    const isFile = /\.[A-Za-z0-9]+$/.test(path);
    if (hasWeb && req.method === 'GET' && !isApi && !isFile) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    reply.send(Errors.notFound(`No route for ${req.method} ${req.url.split('?')[0]}`));
  });
};
