import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import type { RelaySocket } from '@accord/relay';
import { boardParams, syncQuerySchema } from '@accord/api';
import type { AppContext } from '../context.ts';
import { requireRole } from '../access.ts';
import { contentRoom, facilitationRoom } from '@accord/board';
import { checkOrigin } from '../security.ts';

/** What the sync routes are registered with. */
export type SyncRoutesOptions = Pick<AppContext, 'relay' | 'config'>;

interface SyncRequest {
  Params: { id: string };
  Querystring: { token?: string; person?: string };
}

/** Adapts a `ws` WebSocket to the relay's minimal socket. */
function relaySocket(ws: WebSocket): RelaySocket {
  return {
    send: (data) => ws.send(data, { binary: true }),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => ws.ping(),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * `GET /sync/:id` and `GET /sync/:id/facilitation`: the page's `Origin` (403 for another site's),
 * the connect rate (429), schema and token (`?token=`) are checked before the upgrade, so a bad
 * request is answered with a plain HTTP error and never upgraded. The
 * handler attaches the socket to the relay synchronously, before any await, so no frame can slip
 * past (STYLE 6).
 */
export const syncRoutes: FastifyPluginAsync<SyncRoutesOptions> = async (app, opts) => {
  const route = (path: string, roomOf: (boardId: string) => string) =>
    app.get<SyncRequest>(
      path,
      {
        websocket: true,
        schema: { params: boardParams, querystring: syncQuerySchema },
        onRequest: [checkOrigin(opts.config.publicUrl), app.rateLimitFor('connect')],
        preHandler: requireRole('viewer', 'query'),
      },
      (ws, req) => {
        const connection = opts.relay.connect(relaySocket(ws), roomOf(req.params.id), { role: req.role, personId: req.personId, linkGeneration: req.linkGeneration });
        ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => connection.receive(toBytes(data)));
        ws.on('pong', () => connection.pong());
        ws.on('close', () => connection.closed());
        ws.on('error', (err) => req.log.debug({ err }, 'websocket error'));
      },
    );
  route('/sync/:id', contentRoom);
  route('/sync/:id/facilitation', facilitationRoom);
};
