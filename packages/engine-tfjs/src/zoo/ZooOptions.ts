/** Options of the reference architectures. */
export interface ZooOptions {
  /** Input size [height, width, channels]. Default [224, 224, 3]. */
  inputShape?: [number, number, number];
  /** Number of output classes of the `predictions` layer. Default 1000. */
  classes?: number;
  /** Seed for a deterministic random initialisation (same seed → same weights). Default: unseeded. */
  seed?: number;
}
