import { Redis } from 'ioredis';
import type { PubSub } from '@accord/relay';

/**
 * Relay frames between server instances over Redis pub/sub (scaled out). Each room is a channel
 * `accord:room:<name>`; the relay tags frames with its instance id and ignores its own. One
 * connection publishes, one subscribes, as Redis requires.
 */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(data: Uint8Array) => void>>();

  constructor(url: string) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const room = channel.toString().slice(CHANNEL_PREFIX.length);
      for (const h of this.handlers.get(room) ?? []) h(new Uint8Array(message));
    });
  }

  /** Resolves once both connections answer, so a bad URL fails at start, not at the first edit. */
  async ready(): Promise<void> {
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  publish(room: string, data: Uint8Array): void {
    void this.pub.publish(CHANNEL_PREFIX + room, Buffer.from(data.buffer, data.byteOffset, data.byteLength)).catch(() => {});
  }

  subscribe(room: string, onMessage: (data: Uint8Array) => void): () => void {
    let set = this.handlers.get(room);
    if (!set) {
      this.handlers.set(room, (set = new Set()));
      void this.sub.subscribe(CHANNEL_PREFIX + room).catch(() => {});
    }
    set.add(onMessage);
    return () => {
      set.delete(onMessage);
      if (set.size === 0) {
        this.handlers.delete(room);
        void this.sub.unsubscribe(CHANNEL_PREFIX + room).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

const CHANNEL_PREFIX = 'accord:room:';
