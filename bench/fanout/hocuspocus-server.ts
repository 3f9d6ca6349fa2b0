// Hocuspocus 4 as a benchmark peer: the built-in server, no extensions (memory only), quiet.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 19_500), address: '127.0.0.1', quiet: true });
await server.listen();
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
