/** The tfjs backends Visor can run on. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
