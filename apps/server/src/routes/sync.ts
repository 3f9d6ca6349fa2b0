import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { contentRoom, facilitationRoom } from '@accord/board';
import type { RelaySocket } from '@accord/relay';
import type { AppContext } from '../context.ts';
import type { Principal } from '../roomPolicy.ts';
import { authorize } from '../access.ts';
import { BOARD_ID_PATTERN } from '../ids.ts';

const params = {
  type: 'object',
  properties: { id: { type: 'string', pattern: BOARD_ID_PATTERN } },
  required: ['id'],
  additionalProperties: false,
} as const;

const querystring = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 200 } },
  additionalProperties: true,
} as const;

/** Who each upgrade request was found to be in its preHandler, read by the websocket handler. */
const granted = new WeakMap<FastifyRequest, Principal>();

interface SyncRequest {
  Params: { id: string };
  Querystring: { token?: string };
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
 * `GET /sync/:id` and `GET /sync/:id/facilitation`: schema and token are checked in hooks, so a
 * bad request is answered with a plain HTTP error and never upgraded. The handler attaches the
 * socket to the relay synchronously, before any await, so no frame can slip past (STYLE 6).
 */
export function syncRoutes(ctx: AppContext) {
  return async function (app: FastifyInstance): Promise<void> {
    const route = (path: string, roomOf: (boardId: string) => string) =>
      app.get<SyncRequest>(
        path,
        {
          websocket: true,
          schema: { params, querystring },
          preHandler: async (req: FastifyRequest<SyncRequest>) => {
            const access = await authorize(ctx.storage, ctx.config.secret, req.params.id, req.query.token);
            granted.set(req, { role: access.role, personId: null });
          },
        },
        (ws, req) => {
          const principal = granted.get(req) ?? { role: 'viewer', personId: null };
          const connection = ctx.relay.connect(relaySocket(ws), roomOf(req.params.id), principal);
          ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => connection.receive(toBytes(data)));
          ws.on('pong', () => connection.pong());
          ws.on('close', () => connection.closed());
          ws.on('error', (err) => req.log.debug({ err }, 'websocket error'));
        },
      );
    route('/sync/:id', contentRoom);
    route('/sync/:id/facilitation', facilitationRoom);
  };
}
