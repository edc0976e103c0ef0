import type { FastifyPluginAsync } from 'fastify';
import type { ImportKind } from './imports/pipeline.js';

/** What the app passes to every module's routes (registered under /api/v1). */
export interface ModuleRouteOptions {
  /** Sign-in attempts allowed per address per minute (429 beyond); read by the auth module. */
  loginRateLimit: number;
}

/** A home-page card whose data the module serves: the web's card reads `endpoint`. */
export interface HomeCard {
  id: string;
  /** GET path under /api/v1 that answers the card's data (in the caller's scope). */
  endpoint: string;
}

/**
 * One feature on the server side, declared in its own folder (`modules/<name>/module.ts`) and
 * registered by one line in modules/index.ts: its routes (each declares its access), the file
 * kinds it imports and exports, the tables it owns (backed up and restored in this order) and
 * its i18n namespace on the web.
 */
export interface ServerModule {
  name: string;
  routes: FastifyPluginAsync<ModuleRouteOptions>;
  importKinds?: readonly ImportKind<never>[];
  /** The tables it owns, in foreign-key load order (a table after the tables it references). */
  tables?: readonly string[];
  homeCards?: readonly HomeCard[];
  i18nNamespace?: string;
}
