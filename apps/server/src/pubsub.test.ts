import { describe, expect, it } from 'vitest';
import { RedisPubSub } from './pubsub.ts';

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
