/** A weight found in the file, under the name tfjs gives the variable it belongs to. */
export interface StoredWeight {
  /** tfjs's name for it: `<layer>/<weight>` (the innermost layer, also inside nested models). */
  name: string;
  /** Where it is in the HDF5 file. */
  h5Path: string;
  shape: number[];
  /** The layer it belongs to, as `outer/inner` for nested models, for messages. */
  layer: string;
}

/** Name prefix of a stored weight that belongs to no layer of the config (it can match no tfjs variable). */
export const UNOWNED = '\u0000unowned:';
