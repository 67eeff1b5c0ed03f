import { PACKAGE_MANIFEST } from './package-root.js';

export const PACKAGE_NAME = PACKAGE_MANIFEST.name;
export const PACKAGE_VERSION = PACKAGE_MANIFEST.version;
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (node ${process.version})`;
