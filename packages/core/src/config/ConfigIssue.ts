import type { YamlPath } from './ConfigSource.js';

/** One problem found in a config: where, what, and what would be accepted. */
export interface ConfigIssue {
  path: YamlPath;
  message: string;
  /** Point at the key (unknown keys) rather than the value. */
  atKey?: boolean;
}
