// Public API of @visor/cli: run the command line in-process (tests, embedding).
export { main } from './main.js';
export type { CliIO } from './CliIO.js';
export { builtinPlugins } from './builtinPlugins.js';
export { explainConfig } from './commands/explainConfig.js';
