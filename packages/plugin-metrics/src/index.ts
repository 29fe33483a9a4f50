// Public API of @visor/plugin-metrics. Only re-exports.
export {};
