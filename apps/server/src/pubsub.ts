import { Redis } from 'ioredis';
import type { PubSub } from '@accord/relay';

/** Where pub/sub failures are reported (pino and Fastify's `app.log` are compatible). */
export interface PubSubLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Relay frames between server instances over Redis pub/sub (scaled out). Each room is a channel
 * `accord:room:<name>`; the relay tags frames with its instance id and ignores its own. One
 * connection publishes, one subscribes, as Redis requires. Failures are logged at warn, never
 * thrown at the relay: what a lost frame carried is durable, and reaches an instance when it next
 * loads the room.
 */
export class RedisPubSub implements PubSub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: PubSubLogger;
  private readonly handlers = new Map<string, Set<(data: Uint8Array) => void>>();

  constructor(url: string, log: PubSubLogger) {
    this.log = log;
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    // ioredis reconnects by itself; unheard, these events would only reach its console fallback.
    this.pub.on('error', (err: unknown) => log.warn({ err, connection: 'publish' }, 'redis connection error'));
    this.sub.on('error', (err: unknown) => log.warn({ err, connection: 'subscribe' }, 'redis connection error'));
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
    this.pub
      .publish(CHANNEL_PREFIX + room, Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      .catch((err: unknown) => this.log.warn({ err, room }, 'pub/sub publish failed; instances with this room loaded miss the change until they reload it'));
  }

  subscribe(room: string, onMessage: (data: Uint8Array) => void): () => void {
    let set = this.handlers.get(room);
    if (!set) {
      this.handlers.set(room, (set = new Set()));
      this.sub
        .subscribe(CHANNEL_PREFIX + room)
        .catch((err: unknown) => this.log.warn({ err, room }, 'pub/sub subscribe failed; this instance misses changes made elsewhere until it reloads the room'));
    }
    set.add(onMessage);
    return () => {
      set.delete(onMessage);
      if (set.size === 0) {
        this.handlers.delete(room);
        this.sub.unsubscribe(CHANNEL_PREFIX + room).catch((err: unknown) => this.log.warn({ err, room }, 'pub/sub unsubscribe failed'));
      }
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

const CHANNEL_PREFIX = 'accord:room:';
