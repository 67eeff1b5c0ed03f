// Typed settings, derived from the option table: the key is the flag in camel case, the type
// follows the option's `type` (an enum's own `values`), and only options without a default may be unset.
import type { OPTIONS } from './options.js';

type Option = (typeof OPTIONS)[number];

type CamelCase<Flag extends string> = Flag extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Flag;

type ValueOf<O extends Option> = O extends { type: 'boolean' }
  ? boolean
  : O extends { type: 'integer' }
    ? number
    : O extends { type: 'list' }
      ? string[]
      : O extends { type: 'enum'; values: readonly (infer Value)[] }
        ? Value
        : string;

export type SettingName = CamelCase<Option['flag']>;

export type Settings = {
  readonly [O in Option as CamelCase<O['flag']>]: O extends { default: string } ? ValueOf<O> : ValueOf<O> | undefined;
};

export function settingName(flag: Option['flag']): SettingName {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as SettingName;
}
