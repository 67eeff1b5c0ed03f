import type { OutputAsset, OutputChunk, Plugin } from 'rollup';

export function isBundled(source: string): boolean;
export function bundledPackagePlugins(): Plugin[];
export function bundledLicenses(chunks: ReadonlyArray<OutputChunk | OutputAsset>): string;
