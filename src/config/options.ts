// Every setting the CLI accepts: its flag, its environment variable and its default.
// The help text and the README's configuration table are both read off this list.

export type OptionType = 'string' | 'boolean' | 'integer' | 'enum' | 'list' | 'version';

export interface OptionSpec {
  /** Long flag without dashes. */
  flag: string;
  env?: string;
  type: OptionType;
  /** Shown in help as the flag's value. */
  placeholder?: string;
  values?: readonly string[];
  min?: number;
  max?: number;
  default?: string;
  secret?: boolean;
  /** A credential sent in an HTTP header, where surrounding whitespace cannot travel: refused rather than sent. */
  token?: boolean;
  help: string;
}

export const OPTIONS = [
  {
    flag: 'kibana-url',
    env: 'KIBANA_URL',
    type: 'string',
    placeholder: 'URL',
    help: 'Kibana base URL; may carry a sub-path (https://host/kibana).',
  },
  {
    flag: 'api-key',
    env: 'KIBANA_API_KEY',
    type: 'string',
    placeholder: 'KEY',
    secret: true,
    token: true,
    help: 'API key: the encoded value, or id:api_key (encoded for you).',
  },
  { flag: 'username', env: 'KIBANA_USERNAME', type: 'string', placeholder: 'NAME', help: 'Basic auth user name (with --password).' },
  {
    flag: 'password',
    env: 'KIBANA_PASSWORD',
    type: 'string',
    placeholder: 'PASSWORD',
    secret: true,
    help: 'Basic auth password (with --username).',
  },
  {
    flag: 'bearer-token',
    env: 'KIBANA_BEARER_TOKEN',
    type: 'string',
    placeholder: 'TOKEN',
    secret: true,
    token: true,
    help: 'Bearer token (OAuth/OIDC access token or an Elasticsearch token).',
  },
  {
    flag: 'space',
    env: 'KIBANA_SPACE',
    type: 'string',
    placeholder: 'ID',
    default: 'default',
    help: 'Default space for space-aware tools.',
  },
  { flag: 'ca-cert', env: 'KIBANA_CA_CERT', type: 'string', placeholder: 'PATH', help: 'PEM file of certificate authorities to trust.' },
  {
    flag: 'tls-insecure',
    env: 'KIBANA_TLS_INSECURE',
    type: 'boolean',
    default: 'false',
    help: 'Skip TLS certificate verification (unsafe; warns on stderr).',
  },
  {
    flag: 'timeout',
    env: 'KIBANA_TIMEOUT_MS',
    type: 'integer',
    placeholder: 'MS',
    min: 100,
    max: 600_000,
    default: '30000',
    help: 'Time limit of one Kibana request, in milliseconds.',
  },
  {
    flag: 'connect-timeout',
    env: 'KIBANA_CONNECT_TIMEOUT_MS',
    type: 'integer',
    placeholder: 'MS',
    min: 100,
    max: 120_000,
    default: '10000',
    help: 'Time limit to connect to Kibana, in milliseconds.',
  },
  {
    flag: 'retries',
    env: 'KIBANA_RETRIES',
    type: 'integer',
    placeholder: 'N',
    min: 0,
    max: 10,
    default: '2',
    help: 'Extra attempts: GETs on 429/502/503/504, network errors and timeouts; PUT/DELETE only when Kibana surely did nothing (429, 503, refused).',
  },
  {
    flag: 'call-timeout',
    env: 'KIBANA_MCP_CALL_TIMEOUT_MS',
    type: 'integer',
    placeholder: 'MS',
    min: 1_000,
    max: 3_600_000,
    default: '50000',
    help: "Time limit of one whole tool call, in milliseconds: version check, space check, every attempt and retry, the user's confirmation; keep it under the client's own (60 s in most).",
  },
  {
    flag: 'kibana-version',
    env: 'KIBANA_MCP_KIBANA_VERSION',
    type: 'version',
    placeholder: 'X.Y.Z',
    help: 'Serve the tools of this Kibana version without asking Kibana (default: read from GET /api/status at start).',
  },
  {
    flag: 'toolsets',
    env: 'KIBANA_MCP_TOOLSETS',
    type: 'list',
    placeholder: 'LIST',
    help: 'Toolsets to expose, comma-separated, or "all"; "default" in the list stands for the default toolsets (see list-tools).',
  },
  {
    flag: 'tier',
    env: 'KIBANA_MCP_TIER',
    type: 'enum',
    placeholder: 'TIER',
    values: ['read', 'write', 'destructive'],
    default: 'write',
    help: 'Highest tier of tools registered: read, write, or destructive (deletes too).',
  },
  {
    flag: 'include',
    env: 'KIBANA_MCP_INCLUDE',
    type: 'list',
    placeholder: 'NAMES',
    help: 'Extra tools to expose by name, from any toolset (the tier still applies).',
  },
  { flag: 'exclude', env: 'KIBANA_MCP_EXCLUDE', type: 'list', placeholder: 'NAMES', help: 'Tools to hide by name.' },
  {
    flag: 'spec',
    env: 'KIBANA_MCP_SPEC',
    type: 'string',
    placeholder: 'FILE|kibana',
    help: "OpenAPI spec (JSON or YAML) the full-API tools serve instead of the shipped catalogue; 'kibana' reads the connected Kibana's (GET /api/oas).",
  },
  {
    flag: 'allow-internal',
    env: 'KIBANA_MCP_ALLOW_INTERNAL',
    type: 'boolean',
    default: 'false',
    help: "Let call_kibana_api call the catalogue's /internal/ operations (Kibana's own; they change without notice).",
  },
  {
    flag: 'max-result-chars',
    env: 'KIBANA_MCP_MAX_RESULT_CHARS',
    type: 'integer',
    placeholder: 'N',
    min: 1_000,
    max: 1_000_000,
    default: '20000',
    help: 'Cap on the text of one tool result; longer results are cut with a notice.',
  },
  {
    flag: 'confirm',
    env: 'KIBANA_MCP_CONFIRM',
    type: 'enum',
    placeholder: 'WHEN',
    values: ['auto', 'always', 'never'],
    default: 'auto',
    help: 'Confirming destructive calls: auto (ask when the client can be asked, else run), always (refuse what cannot be asked), never.',
  },
  {
    flag: 'confirm-secret',
    env: 'KIBANA_MCP_CONFIRM_SECRET',
    type: 'string',
    placeholder: 'SECRET',
    secret: true,
    help: 'Key (32+ characters) that signs confirmation rounds; the same on every instance behind one load balancer. Random per process when unset.',
  },
  {
    flag: 'import-dir',
    env: 'KIBANA_MCP_IMPORT_DIR',
    type: 'string',
    placeholder: 'PATH',
    help: 'Directory of .ndjson export files that import_saved_objects_file may import (served only with it, beside import_saved_objects); nothing outside it is read.',
  },
  {
    flag: 'http',
    env: 'KIBANA_MCP_HTTP',
    type: 'boolean',
    default: 'false',
    help: 'Serve Streamable HTTP (stateless, POST /mcp) instead of stdio.',
  },
  {
    flag: 'host',
    env: 'MCP_HTTP_HOST',
    type: 'string',
    placeholder: 'ADDRESS',
    default: '127.0.0.1',
    help: 'Address to bind with --http; other than loopback needs --http-token or --passthrough-auth.',
  },
  {
    flag: 'port',
    env: 'MCP_HTTP_PORT',
    type: 'integer',
    placeholder: 'PORT',
    min: 0,
    max: 65_535,
    default: '3000',
    help: 'Port to bind with --http (0 picks a free one).',
  },
  {
    flag: 'http-token',
    env: 'MCP_HTTP_TOKEN',
    type: 'string',
    placeholder: 'TOKEN',
    secret: true,
    token: true,
    help: 'Bearer token HTTP callers must send; the server uses its own Kibana credentials.',
  },
  {
    flag: 'passthrough-auth',
    env: 'MCP_PASSTHROUGH_AUTH',
    type: 'boolean',
    default: 'false',
    help: "Forward each HTTP caller's Authorization header to Kibana; no Kibana credentials configured.",
  },
  {
    flag: 'allowed-hosts',
    env: 'MCP_ALLOWED_HOSTS',
    type: 'list',
    placeholder: 'NAMES',
    help: 'Host names HTTP callers may use besides localhost/127.0.0.1/[::1] and the bound address.',
  },
  {
    flag: 'allowed-origins',
    env: 'MCP_ALLOWED_ORIGINS',
    type: 'list',
    placeholder: 'ORIGINS',
    help: 'Browser origins (scheme://host:port) allowed besides those on allowed hosts.',
  },
  {
    flag: 'demo',
    env: 'KIBANA_MCP_DEMO',
    type: 'boolean',
    default: 'false',
    help: 'Use a built-in sandbox Kibana (in memory, seeded) for serve and check: no Kibana or credentials needed.',
  },
  {
    flag: 'demo-version',
    env: 'KIBANA_MCP_DEMO_VERSION',
    type: 'enum',
    placeholder: 'VERSION',
    // The versions the sandbox is tested as (src/sandbox/versions.ts; not imported, so that a start loads no sandbox code).
    values: ['8.18.2', '9.3.0', '9.4.0'],
    default: '8.18.2',
    help: 'Kibana version the sandbox simulates, for --demo and the sandbox command: 8.18.2, 9.3.0 or 9.4.0.',
  },
  {
    flag: 'demo-port',
    env: 'KIBANA_MCP_DEMO_PORT',
    type: 'integer',
    placeholder: 'PORT',
    min: 0,
    max: 65_535,
    default: '0',
    help: 'Port of the sandbox --demo starts on loopback (0 picks a free one).',
  },
  {
    flag: 'sandbox-port',
    env: 'KIBANA_MCP_SANDBOX_PORT',
    type: 'integer',
    placeholder: 'PORT',
    min: 0,
    max: 65_535,
    default: '5680',
    help: 'Port of the sandbox command (0 picks a free one).',
  },
  {
    flag: 'sandbox-allow-remote',
    env: 'KIBANA_MCP_SANDBOX_ALLOW_REMOTE',
    type: 'boolean',
    default: 'false',
    help: 'Let the sandbox command bind --host beyond loopback (unsafe: its credentials are public; warns on stderr).',
  },
  {
    flag: 'log-level',
    env: 'KIBANA_MCP_LOG_LEVEL',
    type: 'enum',
    placeholder: 'LEVEL',
    values: ['error', 'warn', 'info', 'debug'],
    default: 'info',
    help: 'Logging on stderr.',
  },
] as const satisfies readonly OptionSpec[];

export type OptionFlag = (typeof OPTIONS)[number]['flag'];
