/** The version of the plugin API this core implements; plugins declare a semver range for it. */
export const VISOR_API_VERSION = '2.0.0';
