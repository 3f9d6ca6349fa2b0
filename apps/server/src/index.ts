export { build } from './app.ts';
export type { BuildOptions } from './app.ts';
export { loadConfig, ConfigError } from './config.ts';
export type { Config } from './config.ts';
export { AccordError, Errors } from './errors.ts';
export { signToken, parseToken, verifyToken } from './tokens.ts';
