import { createRequire } from 'node:module';
import type pg from 'pg';

const require = createRequire(import.meta.url);
let loaded: typeof pg | undefined;

/** The PostgreSQL driver, loaded on first use: a command on the embedded database never pays for it. */
export function postgresDriver(): typeof pg {
  loaded ??= require('pg') as typeof pg;
  return loaded;
}
