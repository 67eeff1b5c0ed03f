// Where the generator reads and writes, relative to the project root (the working directory of npm scripts).
export const PATHS = {
  toolsets: 'openapi/toolsets.yaml',
  kibanaSpec: 'openapi/kibana.yaml',
  generated: 'src/tools/generated',
} as const;
