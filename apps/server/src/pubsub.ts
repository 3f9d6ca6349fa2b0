import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PubSub } from '@accord/relay';

/** Where pub/sub failures are reported (pino and Fastify's `app.log` are compatible). */
export interface PubSubLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

/** Options of `RedisPubSub`. */
export interface RedisPubSubOptions {
  /**
   * Names this instance's two connections `accord-pub-<name>` and `accord-sub-<name>` (CLIENT
   * LIST shows them; tests kill them by name). Default: random.
   */
  name?: string;
}

/**
 * Relay frames between server instances over Redis pub/sub (scaled out). Each room is a channel
 * `accord:v2:room:<name>` (v2: frames carry log stretches; older instances use another channel);
 * the relay tags frames with its instance id and ignores its own. One connection publishes, one
 * subscribes, as Redis requires. Delivery is at most once: when the subscriber connection drops
 * the relay is told (`onStatus(false)`); ioredis reconnects by itself, every channel is subscribed
 * again, and then the relay is told (`onStatus(true)`) and catches up from storage (R10). Failures
 * are logged at warn once per outage, never thrown at the relay.
 */
export class RedisPubSub implements PubSub {
  readonly name: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: PubSubLogger;
  private readonly handlers = new Map<string, Set<(data: Uint8Array) => void>>();
  private readonly listeners = new Set<(connected: boolean) => void>();
  /** Whether the relay was last told the subscriptions are live. */
  private subscribed = false;
  private everUp = false;
  private publishFailing = false;
  private closing = false;

  constructor(url: string, log: PubSubLogger, opts: RedisPubSubOptions = {}) {
    this.log = log;
    this.name = opts.name ?? randomBytes(6).toString('hex');
    // Publishing while disconnected fails at once instead of queueing frames that would arrive
    // late and in bulk; receivers notice the missing stretch and read it from storage.
    this.pub = new Redis(url, { connectionName: `accord-pub-${this.name}`, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Resubscribing is ours (on `ready`), so the relay hears "live" only once it is true.
    this.sub = new Redis(url, { connectionName: `accord-sub-${this.name}`, autoResubscribe: false, maxRetriesPerRequest: 3 });
    // ioredis reconnects by itself; unheard, these events would only reach its console fallback.
    this.pub.on('error', (err: unknown) => log.warn({ err, connection: 'publish' }, 'redis connection error'));
    this.sub.on('error', (err: unknown) => log.warn({ err, connection: 'subscribe' }, 'redis connection error'));
    this.sub.on('close', () => this.setSubscribed(false));
    this.sub.on('ready', () => void this.resubscribe());
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const room = channel.toString().slice(CHANNEL_PREFIX.length);
      for (const h of this.handlers.get(room) ?? []) h(new Uint8Array(message));
    });
  }

  /** Resolves once both connections answer, so a bad URL fails at start, not at the first edit. */
  async ready(): Promise<void> {
    await Promise.all([this.pub, this.sub].map((r) => (r.status === 'ready' ? undefined : new Promise<void>((resolve, reject) => {
      r.once('ready', resolve);
      r.once('error', reject);
    }))));
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  /** Both connections are up (for readiness). */
  get connected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready' && this.subscribed;
  }

  publish(room: string, data: Uint8Array): void {
    this.pub.publish(CHANNEL_PREFIX + room, Buffer.from(data.buffer, data.byteOffset, data.byteLength)).then(
      () => {
        if (!this.publishFailing) return;
        this.publishFailing = false;
        this.log.info?.({}, 'pub/sub publishing again');
      },
      (err: unknown) => {
        if (this.publishFailing) return;
        this.publishFailing = true;
        this.log.warn({ err, room }, 'pub/sub publish failed; other instances read what they miss from storage (logged once until publishing works again)');
      },
    );
  }

  subscribe(room: string, onMessage: (data: Uint8Array) => void): () => void {
    let set = this.handlers.get(room);
    if (!set) {
      set = new Set();
      this.handlers.set(room, set);
      this.sub
        .subscribe(CHANNEL_PREFIX + room)
        .catch((err: unknown) => this.log.warn({ err, room }, 'pub/sub subscribe failed; subscribed again when the connection is back, and the room is caught up from storage meanwhile'));
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

  onStatus(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The subscriber connection is (back) up: subscribe every channel again, then say so. */
  private async resubscribe(): Promise<void> {
    const channels = [...this.handlers.keys()].map((room) => CHANNEL_PREFIX + room);
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (err) {
      // The connection dropped again: its next `ready` tries again.
      this.log.warn({ err }, 'pub/sub resubscribe failed');
      return;
    }
    this.setSubscribed(true);
  }

  private setSubscribed(up: boolean): void {
    if (this.closing || (!up && !this.subscribed)) return;
    this.subscribed = up;
    if (!up) this.log.warn({}, 'pub/sub subscriber connection lost; reconnecting');
    else if (this.everUp) this.log.info?.({ channels: this.handlers.size }, 'pub/sub subscriber connection back');
    this.everUp ||= up;
    for (const l of this.listeners) l(up);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.handlers.clear();
    this.listeners.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

const CHANNEL_PREFIX = 'accord:v2:room:';
