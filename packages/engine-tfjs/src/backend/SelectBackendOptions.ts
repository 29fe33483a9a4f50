/** Seams for `selectBackend`; production code passes nothing. */
export interface SelectBackendOptions {
  /**
   * Loads `@tensorflow/tfjs-node` (which registers the 'tensorflow' backend as a side effect).
   * Defaults to a dynamic `import()`; tests inject a fake because tfjs-node is not installed here.
   */
  importTfjsNode?: () => Promise<unknown>;
}
