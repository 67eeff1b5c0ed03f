// Where the package is: the nearest directory above this module with our package.json. Modules are
// bundled into dist/ at other depths than their place in src/, so files are found from here.
import { readFileSync } from 'node:fs';

interface Manifest {
  name: string;
  version: string;
}

const NAME = 'kibana-mcp';

function findPackage(): { root: URL; manifest: Manifest } {
  for (let root = new URL('./', import.meta.url); ; ) {
    const manifest = readManifest(new URL('package.json', root));
    if (manifest?.name === NAME) return { root, manifest };
    const parent = new URL('../', root);
    // At the top a parent is the directory itself (`/`, or `C:/` on Windows).
    if (parent.href === root.href) throw new Error(`no package.json of ${NAME} above ${import.meta.url}`);
    root = parent;
  }
}

function readManifest(file: URL): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

const found = findPackage();

/** The package's root directory (ends with a slash). */
export const PACKAGE_ROOT = found.root;
export const PACKAGE_MANIFEST: Readonly<Manifest> = found.manifest;
