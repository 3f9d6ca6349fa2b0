import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

const cli = fileURLToPath(new URL('../../apps/server/src/cli.ts', import.meta.url));
let nextPort = 8790 + Math.floor(Math.random() * 100);

/** Specs open boards and sockets far faster than people do, all from 127.0.0.1: generous limits of their own. */
const E2E_RATE_LIMITS = Object.fromEntries(['CREATE', 'IMPORT', 'ASSETS', 'RECORDS', 'CONNECT'].map((door) => [`ACCORD_RATE_LIMIT_${door}`, '1000/1m']));

export interface Tokens {
  facilitator: string;
  participant: string;
  viewer: string;
}

/** The real Accord server (web app, API, relay) in a child process, restartable on the same port and data. */
export class AccordServer {
  readonly port = nextPort++;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
  readonly url = `http://127.0.0.1:${this.port}`;
  private proc: ChildProcess | null = null;
  private output = '';

  async start(): Promise<void> {
    this.proc = spawn(process.execPath, [cli], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', ACCORD_DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ACCORD_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e', ...E2E_RATE_LIMITS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.proc.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
    this.proc = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Whether any file of the server's data directory (database, write-ahead log) holds these bytes: Yjs stores text as plain UTF-8. */
  storedAnywhere(text: string): boolean {
    const needle = Buffer.from(text, 'utf8');
    return readdirSync(this.dataDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .some((e) => readFileSync(join(e.parentPath, e.name)).includes(needle));
  }

  async createBoard(title: string, template?: string): Promise<{ id: string; tokens: Tokens; links: Tokens }> {
    const res = await fetch(`${this.url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, template }) });
    if (res.status !== 201) throw new Error(`create board: ${res.status}`);
    return (await res.json()) as { id: string; tokens: Tokens; links: Tokens };
  }
}

/** A real server for the tests of one spec file: started before them, stopped after. */
export function serverPerFile(): AccordServer {
  const server = new AccordServer();
  test.beforeAll(() => server.start());
  test.afterAll(() => server.stop());
  return server;
}
