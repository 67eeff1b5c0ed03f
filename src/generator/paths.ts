// Where the generator reads and writes, relative to the project root (the working directory of npm scripts).
export const PATHS = {
  toolsets: 'openapi/toolsets.yaml',
  specs: 'openapi/specs.yaml',
  /** The upstream specs openapi/specs.yaml names (not part of the project). */
  specsDir: '../shared/openapi',
  facts: 'openapi/facts',
  catalogue: 'openapi/catalogue',
  generated: 'src/tools/generated',
} as const;

/** The facts document of one spec, inside `PATHS.facts`. */
export function factsFile(specId: string): string {
  return `${specId}.yaml`;
}

/** The catalogue document of one spec (or of the listed-only operations), inside `PATHS.catalogue`. */
export function catalogueFile(id: string): string {
  return `${id}.json`;
}
