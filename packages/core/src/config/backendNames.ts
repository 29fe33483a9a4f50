/**
 * A backend as the config names it: `auto`, or one of the names an engine lists in `Engine.backends`
 * (first-party: `onnx`; `tensorflow`, `wasm`, `cpu`). Checked against the loaded engines by resolveConfig.
 */
export type BackendName = string;

/** The backends of the first-party engines, in `auto`'s order of preference. */
export const FIRST_PARTY_BACKENDS = ['onnx', 'tensorflow', 'wasm', 'cpu'] as const;
