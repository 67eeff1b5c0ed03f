import type { OutputAsset, OutputChunk, Plugin } from 'rollup';

export function inNodeModules(id: string): boolean;
export function isBundled(source: string): boolean;
export function bundledPackagePlugins(): Plugin[];
export function bundledLicenses(chunks: ReadonlyArray<OutputChunk | OutputAsset>): string;
export function embeddedPackages(code: string): Map<string, string>;
export function undeclaredImports(
  chunks: ReadonlyArray<OutputChunk | OutputAsset>,
  dependencies: Record<string, string>,
  dir: string,
): string[];
