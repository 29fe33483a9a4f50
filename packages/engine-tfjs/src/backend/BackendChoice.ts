/** What the user asks for in `backend:` (config) or `--backend` (CLI). `auto` picks the fastest available. */
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
