// Mistakes in a flat description, collected so that one answer names them all.

export class DashboardProblems extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'DashboardProblems';
    this.problems = problems;
  }
}

/** Throws when there is anything to report. */
export function refuseIfAny(problems: readonly string[]): void {
  if (problems.length > 0) throw new DashboardProblems(problems);
}

/** `a`, `a` or `b`, `a`, `b` or `c`: how a list of choices reads in a message. */
export function listChoices(choices: readonly string[], limit = 8): string {
  const quoted = choices.slice(0, limit).map((choice) => `\`${choice}\``);
  const more = choices.length > limit ? ` (and ${choices.length - limit} more)` : '';
  if (quoted.length <= 1) return `${quoted.join('')}${more}`;
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}${more}`;
}
