import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from './app.ts';
import { removeDir, tempDir, testConfig } from './test/helpers.ts';

let app: FastifyInstance;
let dir: string;
let web: string;

beforeAll(async () => {
  dir = tempDir();
  web = tempDir('accord-web-');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Accord</title>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = await build({ config: testConfig(dir), logger: false, webRoot: web });
});
afterAll(async () => {
  await app.close();
  removeDir(dir);
  removeDir(web);
});

describe('serving the web app', () => {
  it('serves the app for client-side routes and files with their own type', async () => {
    const page = await app.inject('/b/abcdefghijkl');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const js = await app.inject('/assets/app-abc123.js');
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('serves files built after start, and a real 404 for missing files', async () => {
    writeFileSync(join(web, 'assets', 'later-def456.js'), 'console.log(2)');
    expect((await app.inject('/assets/later-def456.js')).statusCode).toBe(200);
    const missing = await app.inject('/assets/gone-000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ACCORD_NOT_FOUND');
  });
});
