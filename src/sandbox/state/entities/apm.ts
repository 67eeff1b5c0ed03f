// APM agent keys (Elasticsearch API keys for APM agents), service annotations and source maps.

export interface AgentKey {
  id: string;
  name: string;
  privileges: string[];
  created: string;
  createdBy: string;
}

export interface Annotation {
  id: string;
  '@timestamp': string;
  message?: string;
  service: { name: string; version: string; environment?: string };
  tags: string[];
  created: string;
}

export interface SourceMapArtifact {
  id: string;
  identifier: string;
  relative_url: string;
  type: 'sourcemap';
  packageName: 'apm';
  created: string;
  compressionAlgorithm: 'zlib';
  encryptionAlgorithm: 'none';
  decodedSha256: string;
  decodedSize: number;
  encodedSha256: string;
  encodedSize: number;
  body: { serviceName: string; serviceVersion: string; bundleFilepath: string; sourceMap: Record<string, unknown> };
}
