// Public API of @visor/engine-tfjs. Only re-exports.
export {};
