import { buildApp } from './app.js';
import { announceSeed, openContext } from './cli/context.js';

/** `pbis start` / `npm start`: migrate, seed an empty database, serve the API and the web UI. */
export async function startServer(): Promise<void> {
  const started = Date.now();
  const ctx = await openContext({ demoOnEmpty: true });
  announceSeed(ctx.report, (s) => console.log(s));
  const app = await buildApp({ database: ctx.database, config: ctx.config });
  const close = async (signal: string) => {
    console.log(`${signal}: stopping PBIS`);
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  const port = (app.server.address() as { port: number } | null)?.port ?? ctx.config.port;
  console.log(
    `PBIS is running at http://localhost:${port} (${ctx.database.describe}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
