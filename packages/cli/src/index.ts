// Public API of @visor/cli: run the command line in-process (tests, embedding).
export { main } from './main.js';
export type { CliIO } from './CliIO.js';
export { builtinPlugins } from './builtinPlugins.js';
export { explainConfig } from './commands/explainConfig.js';
export { serveStatic, ISOLATION_HEADERS } from './serve/staticServer.js';
export type { StaticServer } from './serve/staticServer.js';
export { serveCommand, webAppFolder } from './commands/serveCommand.js';
