import type { FastifyPluginAsync } from 'fastify';
import { MAX_ASSET_BYTES, assetParams, boardParams, uploadedAssetSchema, type UploadedAsset } from '@accord/api';
import { requireRole } from '../access.ts';
import type { AppContext } from '../context.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';

/** What the asset routes are registered with. */
export type AssetRoutesOptions = Pick<AppContext, 'assets'>;

/** Image types accepted, recognised by their leading bytes rather than the client's word. SVG is left out: it can carry script. */
const SIGNATURES: Array<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  { type: 'image/webp', test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50 },
];

/** The real image type of `bytes`, or null when it is none we accept. */
function sniffImageType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null;
}

/**
 * `POST /api/boards/:id/assets` (participant or facilitator; the raw image as the body) and
 * `GET /api/boards/:id/assets/:asset`. The Yjs document only ever holds the URL. Asset URLs are
 * unguessable and need no token, since `<img>` cannot send one.
 */
export const assetRoutes: FastifyPluginAsync<AssetRoutesOptions> = async (app, opts) => {
  app.addContentTypeParser(/^(image\/.*|application\/octet-stream)$/, { parseAs: 'buffer', bodyLimit: MAX_ASSET_BYTES }, (_req, body, done) => done(null, body));

  app.post<{ Params: { id: string } }>(
    '/api/boards/:id/assets',
    { schema: { params: boardParams, response: { 201: uploadedAssetSchema } }, bodyLimit: MAX_ASSET_BYTES, onRequest: app.rateLimitFor('assets'), preHandler: requireRole('participant') },
    async (req, reply) => {
      const body = req.body;
      if (!(body instanceof Buffer) || body.length === 0) throw Errors.unsupportedMediaType('Send the image bytes as the request body with an image/* content type');
      const contentType = sniffImageType(body);
      if (!contentType) throw Errors.unsupportedMediaType('Only PNG, JPEG, GIF and WebP images are accepted');
      const id = newId(16);
      await opts.assets.putAsset({ id, boardId: req.board.id, contentType, bytes: body, createdAt: Date.now() });
      const uploaded: UploadedAsset = { id, contentType, url: `/api/boards/${req.board.id}/assets/${id}` };
      return reply.code(201).send(uploaded);
    },
  );

  app.get<{ Params: { id: string; asset: string } }>('/api/boards/:id/assets/:asset', { schema: { params: assetParams } }, async (req, reply) => {
    const asset = await opts.assets.getAsset(req.params.id, req.params.asset);
    if (!asset) throw Errors.notFound('No such asset');
    return reply
      .header('content-type', asset.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(Buffer.from(asset.bytes));
  });
};
