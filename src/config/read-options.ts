// Flags and environment variables → typed settings (flags win over the environment).
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.js';
import { OPTIONS, type OptionFlag, type OptionSpec } from './options.js';
import { type SettingName, type Settings, settingName } from './settings.js';

export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

type OptionValue = string | number | boolean | string[];

export interface ReadOptions {
  settings: Settings;
  /**
   * Where each setting came from, as the user would name it: `--timeout` or `KIBANA_TIMEOUT_MS`
   * (the flag when it was not given), for messages about it.
   */
  sources: Readonly<Record<SettingName, string>>;
  /** Settings the user gave, by flag or environment (not filled from a default). */
  given: ReadonlySet<SettingName>;
  positionals: string[];
  help: boolean;
  version: boolean;
}

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): ReadOptions {
  const { args, assigned } = normaliseArgs(argv);
  const parsed = parseFlags(args);
  const settings: Partial<Record<SettingName, OptionValue>> = {};
  const sources = {} as Record<SettingName, string>;
  const given = new Set<SettingName>();
  for (const spec of OPTIONS as readonly OptionSpec[]) {
    const name = settingName(spec.flag as OptionFlag);
    const picked = pickRaw(spec, assigned.get(spec.flag) ?? parsed.values[spec.flag], env);
    sources[name] = picked?.source ?? `--${spec.flag}`;
    if (!picked) continue;
    settings[name] = convert(spec, picked.raw, picked.source);
    if (!picked.defaulted) given.add(name);
  }
  return {
    // The one place where converted values meet their types: convert() follows each option's type.
    settings: settings as Settings,
    sources,
    given,
    positionals: parsed.positionals,
    help: parsed.values.help === true,
    version: parsed.values.version === true,
  };
}

const BOOLEAN_FLAGS = new Set((OPTIONS as readonly OptionSpec[]).filter((spec) => spec.type === 'boolean').map((spec) => spec.flag));
const VALUE_FLAGS = new Set((OPTIONS as readonly OptionSpec[]).filter((spec) => spec.type !== 'boolean').map((spec) => spec.flag));

/**
 * What parseArgs would misread: `--tls-insecure=false` (a boolean flag with a value, which parseArgs
 * refuses) is taken out as an assigned value, and `--retries -3` (a value that looks like a flag) is
 * joined into `--retries=-3`, so that the value's own check names what is wrong with it.
 */
function normaliseArgs(argv: string[]): { args: string[]; assigned: Map<string, string> } {
  const args: string[] = [];
  const assigned = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const assignment = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (assignment && BOOLEAN_FLAGS.has(assignment[1]!)) {
      assigned.set(assignment[1]!, assignment[2]!);
      continue;
    }
    const next = argv[i + 1];
    if (arg.startsWith('--') && VALUE_FLAGS.has(arg.slice(2)) && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i += 1;
      continue;
    }
    args.push(arg);
  }
  return { args, assigned };
}

function parseFlags(argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const spec of OPTIONS as readonly OptionSpec[]) {
    options[spec.flag] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new ConfigError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  // parseArgs names an option as '--timeout', '--timeout <value>' or '-h, --help'.
  const option = /'(?:-\w, )?(-{1,2}[^' ,]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option ${option ?? ''}; run kibana-mcp --help for the list`.replace('  ', ' ');
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (option !== undefined && message.includes('does not take an argument')) return `${option} takes no value`;
    return option === undefined
      ? 'an option expects a value'
      : `${option} expects a value (${option} VALUE, or ${option}=VALUE for one that starts with "-")`;
  }
  return message.split('\n')[0] ?? message;
}

function pickRaw(
  spec: OptionSpec,
  flagValue: unknown,
  env: NodeJS.ProcessEnv,
): { raw: string; source: string; defaulted?: true } | undefined {
  if (flagValue !== undefined) return { raw: String(flagValue), source: `--${spec.flag}` };
  const envValue = spec.env ? env[spec.env] : undefined;
  if (spec.env && envValue !== undefined && envValue !== '') return { raw: envValue, source: spec.env };
  if (spec.default !== undefined) return { raw: spec.default, source: `--${spec.flag}`, defaulted: true };
  return undefined;
}

function convert(spec: OptionSpec, raw: string, source: string): OptionValue {
  const fail = (expected: string): never => {
    const shown = spec.secret ? '' : `, got "${raw}"`;
    throw new ConfigError(`${source}: expected ${expected}${shown}`);
  };
  switch (spec.type) {
    case 'string':
      if (raw.trim() === '') return fail('a non-empty value');
      return spec.token && raw.trim() !== raw
        ? fail(
            'a value without leading or trailing whitespace (a trailing newline?): an HTTP header cannot carry it, so every request would be refused',
          )
        : raw;
    case 'version':
      return /^\d+\.\d+\.\d+$/.test(raw) ? raw : fail('a Kibana version X.Y.Z, such as 9.3.0');
    case 'boolean': {
      const normalised = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(normalised)) return true;
      if (['false', '0', 'no'].includes(normalised)) return false;
      return fail('true or false');
    }
    case 'integer': {
      const value = Number(raw);
      const inRange = Number.isInteger(value) && value >= (spec.min ?? -Infinity) && value <= (spec.max ?? Infinity);
      return inRange && /^\s*-?\d+\s*$/.test(raw) ? value : fail(`a whole number from ${spec.min} to ${spec.max}`);
    }
    case 'enum':
      return spec.values?.includes(raw) ? raw : fail(`one of ${spec.values?.join(', ')}`);
    case 'list': {
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      return items.length > 0 ? items : fail('a comma-separated list');
    }
  }
}
