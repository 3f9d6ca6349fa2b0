import { build } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';

/** Starts Accord: validates the environment, listens, and shuts down cleanly on SIGTERM/SIGINT (R8). */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`accord: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const app = await build({ config });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: flushing storage and closing sockets');
    // A hung close must not keep an orchestrator waiting forever.
    setTimeout(() => {
      app.log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(`accord: cannot listen on ${config.host}:${config.port} (${code ?? String(err)})`);
    process.exit(1);
  }
}

await main();
