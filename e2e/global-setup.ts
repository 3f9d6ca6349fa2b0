import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds the web app once, so the server under test serves what `pnpm start` would. */
export default function globalSetup(): void {
  const web = fileURLToPath(new URL('../apps/web', import.meta.url));
  const vite = fileURLToPath(new URL('../apps/web/node_modules/vite/bin/vite.js', import.meta.url));
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
}
