import type { TLAssetStore } from 'tldraw';
import { api } from '../lib/api.ts';

/**
 * Images pasted or dropped are uploaded to the server and stored with the board; the Yjs
 * document only ever holds their URL.
 */
export function serverAssetStore(boardId: string, token: string): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      const uploaded = await api.uploadAsset(boardId, token, file, abortSignal);
      return { src: uploaded.url };
    },
    resolve(asset) {
      return asset.props.src;
    },
  };
}
