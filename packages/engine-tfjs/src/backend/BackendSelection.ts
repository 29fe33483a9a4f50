/** The backend `selectBackend` made active, and why (shown in the run report and `--verbose` output). */
export interface BackendSelection {
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** One line, e.g. "auto: tfjs-node not installed; wasm ready". */
  reason: string;
}
