import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { removeDir, tempDir } from './test/helpers.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function runCli(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [cli], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('environment validation', () => {
  it('stops with one clear line on a bad PORT', () => {
    const dir = tempDir();
    const res = runCli({ PORT: 'eighty', ACCORD_DATA_DIR: dir });
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual(['accord: PORT must be a whole number from 0 to 65535, got "eighty"']);
    removeDir(dir);
  });

  it('stops with one clear line on an unwritable ACCORD_DATA_DIR', () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const res = runCli({ ACCORD_DATA_DIR: join(file, 'sub') });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^accord: ACCORD_DATA_DIR ".*sub" is not a writable directory/);
    removeDir(dir);
  });

  it('rejects malformed URLs, short secrets and unknown log levels', () => {
    const dir = tempDir();
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_PUBLIC_URL: 'not a url' })).toThrow(/ACCORD_PUBLIC_URL/);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_SECRET: 'short' })).toThrow(/32/);
    expect(() => loadConfig({ ACCORD_DATA_DIR: dir, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    removeDir(dir);
  });

  it('keeps history ACCORD_HISTORY_DAYS days, 30 by default, and refuses anything but 1 to 3650 whole days', () => {
    const dir = tempDir();
    expect(loadConfig({ ACCORD_DATA_DIR: dir }).historyDays).toBe(30);
    expect(loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_HISTORY_DAYS: '7' }).historyDays).toBe(7);
    expect(loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_HISTORY_DAYS: '3650' }).historyDays).toBe(3650);
    for (const bad of ['0', '-1', '1.5', 'thirty', '3651', ' 7']) {
      expect(() => loadConfig({ ACCORD_DATA_DIR: dir, ACCORD_HISTORY_DAYS: bad })).toThrow(/^ACCORD_HISTORY_DAYS must be a whole number of days from 1 to 3650/);
    }
    removeDir(dir);
  });

  it('resolves a relative ACCORD_DATA_DIR from where the command was typed (INIT_CWD)', () => {
    const root = tempDir();
    const config = loadConfig({ INIT_CWD: root });
    expect(config.dataDir).toBe(join(root, 'data'));
    expect(loadConfig({ INIT_CWD: root, ACCORD_DATA_DIR: 'elsewhere' }).dataDir).toBe(join(root, 'elsewhere'));
    removeDir(root);
  });

  it('generates a secret in the data dir when ACCORD_SECRET is unset, and keeps it', () => {
    const dir = tempDir();
    const first = loadConfig({ ACCORD_DATA_DIR: dir });
    const second = loadConfig({ ACCORD_DATA_DIR: dir });
    expect(first.secret.equals(second.secret)).toBe(true);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    removeDir(dir);
  });
});
