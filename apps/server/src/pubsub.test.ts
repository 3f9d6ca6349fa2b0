import { describe, expect, it } from 'vitest';
import { RedisPubSub } from './pubsub.ts';
import { killPubSubConnections } from './test/cluster.ts';
import { redisUrl, servicesProblem, servicesRequired } from './test/services.ts';

/** Nothing listens on port 1: every command fails once its retries are spent. */
const UNREACHABLE = 'redis://127.0.0.1:1';

function recordingLogger() {
  const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return { warnings, log: { warn: (obj: object, msg: string) => void warnings.push({ obj: obj as Record<string, unknown>, msg }) } };
}

async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RedisPubSub', () => {
  it('logs connection errors, failed publishes and failed subscribes at warn, with the room, and throws nothing at the relay', async () => {
    const { warnings, log } = recordingLogger();
    const bus = new RedisPubSub(UNREACHABLE, log);
    try {
      expect(() => bus.publish('board-pub', new Uint8Array([1, 2]))).not.toThrow();
      const stop = bus.subscribe('board-sub', () => {});
      await until(() => ['publish', 'subscribe'].every((c) => warnings.some((w) => w.obj.connection === c)), 'connection errors');
      await until(() => warnings.some((w) => w.obj.room === 'board-pub') && warnings.some((w) => w.obj.room === 'board-sub'), 'command failures');
      expect(warnings.find((w) => w.obj.room === 'board-pub')!.msg).toMatch(/publish failed/);
      expect(warnings.find((w) => w.obj.room === 'board-sub')!.msg).toMatch(/subscribe failed/);
      expect(warnings.every((w) => w.obj.err instanceof Error)).toBe(true);
      stop();
    } finally {
      await bus.close();
    }
  });
});

const problem = await servicesProblem();
if (problem && !servicesRequired) console.warn(`RedisPubSub tests against Redis skipped: ${problem}; set ACCORD_REQUIRE_SERVICES=1 to fail instead`);

describe('RedisPubSub against a real Redis', () => {
  it.skipIf(!!problem && !servicesRequired)('says when its subscriptions drop and when they are back, and delivers again after', async () => {
    if (problem) throw new Error(`services required but unavailable: ${problem}`);
    const name = `status-${Date.now().toString(36)}`;
    const { log } = recordingLogger();
    const listener = new RedisPubSub(redisUrl, log, { name });
    const talker = new RedisPubSub(redisUrl, log);
    try {
      await Promise.all([listener.ready(), talker.ready()]);
      const statuses: boolean[] = [];
      listener.onStatus((up) => statuses.push(up));
      const got: number[] = [];
      listener.subscribe('board-status', (data) => got.push(data[0]!));
      await until(() => listener.connected, 'subscribed');
      talker.publish('board-status', new Uint8Array([1]));
      await until(() => got.includes(1), 'first frame');
      expect(await killPubSubConnections([name])).toBe(1);
      await until(() => statuses.join() === 'false,true', 'down, then back');
      talker.publish('board-status', new Uint8Array([2]));
      await until(() => got.includes(2), 'a frame after the reconnect');
      expect(listener.connected).toBe(true);
    } finally {
      await Promise.all([listener.close(), talker.close()]);
    }
  });
});
