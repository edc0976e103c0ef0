import type { FastifyPluginAsync } from 'fastify';
import type { ImportKind } from './imports/pipeline.js';

/** What the app passes to every module's routes (registered under /api/v1). */
export interface ModuleRouteOptions {
  /** Sign-in attempts allowed per address per minute (429 beyond); read by the auth module. */
  loginRateLimit: number;
}

/**
 * One feature on the server side, declared in its own folder (`modules/<name>/module.ts`) and
 * registered by one line in modules/index.ts: its routes (each declares its access), the file
 * kinds it imports and exports, and the tables it owns (backed up and restored in this order).
 * What the user sees of it — pages, navigation, home-page cards, Thai and English words — is
 * declared by its web side (apps/web/src/features/<name>/module.ts), whose cards read ordinary
 * routes of this one.
 */
export interface ServerModule {
  name: string;
  routes: FastifyPluginAsync<ModuleRouteOptions>;
  importKinds?: readonly ImportKind<never>[];
  /** The tables it owns, in foreign-key load order (a table after the tables it references). */
  tables?: readonly string[];
}
