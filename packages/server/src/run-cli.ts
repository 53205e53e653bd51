import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isChatSSOError } from '@chat-sso/core';
import { getContract, type SecretEncoding, type TokenContract } from '@chat-sso/core/contracts';
import { type Clock, systemClock } from './clock';
import { formatInspection, inspectToken } from './inspect-token';
import { createIssuer } from './issuer';
import { createKeyring } from './keyring';
import { generateSecret } from './secret';
import { isSecretError } from './secret-error';
import { isTokenError } from './token-error';

/** 0: done / the token is valid; 1: the token is (or would be) invalid; 2: the command was used wrongly. */
export type ExitCode = 0 | 1 | 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Unix seconds; the system clock by default. */
  now?: Clock;
}

export const USAGE = `Usage:
  chat-sso secret [--bytes N] [--encoding base64url|hex]
      Print a new random secret (32 bytes, base64url by default).
  chat-sso sign --vendor V --secret S [--secret-encoding utf8|base64url|hex]
                [--ttl SECONDS] [--kid K] --claims JSON
      Print a token for the vendor: iat is now, exp is iat + ttl (the vendor's default).
  chat-sso inspect TOKEN --vendor V [--secret S] [--secret-encoding E] [--now UNIX] [--json]
      Show the header, the claims and every rule of the vendor's contract,
      and the signature when --secret is given.

Vendors: spartez, tiledesk, medchat, zendesk, generic.
The secret encoding defaults to the vendor's (medchat: base64url, the others: utf8).
Exit status: 0 valid, 1 invalid, 2 usage error.
`;

/** A mistake in how the command was called: one line on stderr, exit 2. */
class UsageError extends Error {}

const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'base64url', 'hex'];

/** Runs a configuration step, turning the library's refusals of bad input into usage errors. */
function configure<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (isSecretError(error) || error instanceof TypeError || error instanceof RangeError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function parse<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: Options,
  positionals = 0,
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: Options; strict: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs explains over several lines; the first sentence of an unknown option says it all.
    const { code, message } = error as Error & { code?: string };
    throw new UsageError(
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? message.split('. ')[0]!
        : message.replace(/\n/g, ' '),
    );
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals])}`);
  }
  return parsed;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function secretEncoding(value: string | undefined): SecretEncoding | undefined {
  if (value === undefined || (SECRET_ENCODINGS as readonly string[]).includes(value)) {
    return value as SecretEncoding | undefined;
  }
  throw new UsageError(
    `--secret-encoding must be utf8, base64url or hex, got ${JSON.stringify(value)}`,
  );
}

function vendorContract(vendor: string | undefined): TokenContract<unknown> {
  return configure(() => getContract(required(vendor, '--vendor')));
}

function parseClaims(json: string): Record<string, unknown> {
  let claims: unknown;
  try {
    claims = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--claims is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new UsageError('--claims must be a JSON object, e.g. {"email":"ada@example.com"}');
  }
  return claims as Record<string, unknown>;
}

function secret(args: readonly string[], io: CliIo): ExitCode {
  const { values } = parse(args, { bytes: { type: 'string' }, encoding: { type: 'string' } });
  const { encoding = 'base64url' } = values;
  if (encoding !== 'base64url' && encoding !== 'hex') {
    throw new UsageError(`--encoding must be base64url or hex, got ${JSON.stringify(encoding)}`);
  }
  const bytes = wholeNumber(values.bytes, '--bytes');
  io.stdout(`${configure(() => generateSecret({ bytes, encoding }))}\n`);
  return 0;
}

async function sign(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parse(args, {
    vendor: { type: 'string' },
    secret: { type: 'string' },
    'secret-encoding': { type: 'string' },
    ttl: { type: 'string' },
    kid: { type: 'string' },
    claims: { type: 'string' },
  });
  const contract = vendorContract(values.vendor);
  const claims = parseClaims(required(values.claims, '--claims'));
  const issuer = configure(() =>
    createIssuer({
      contract,
      secret: required(values.secret, '--secret'),
      encoding: secretEncoding(values['secret-encoding']),
      kid: values.kid,
      ttl: wholeNumber(values.ttl, '--ttl'),
      now: io.now,
    }),
  );
  try {
    io.stdout(`${(await issuer.sign(claims)).token}\n`);
    return 0;
  } catch (error) {
    if (!isTokenError(error)) throw error;
    io.stderr(
      [
        `chat-sso: the token would break ${contract.title}'s rules:`,
        ...error.violations.map((rule) => `  ✘ ${rule.message}`),
        '',
      ].join('\n'),
    );
    return 1;
  }
}

async function inspect(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      vendor: { type: 'string' },
      secret: { type: 'string' },
      'secret-encoding': { type: 'string' },
      now: { type: 'string' },
      json: { type: 'boolean' },
    },
    1,
  );
  const token = required(positionals[0], 'TOKEN (chat-sso inspect TOKEN --vendor V)');
  const contract = vendorContract(values.vendor);
  const encoding = secretEncoding(values['secret-encoding']) ?? contract.secretEncoding;
  const keyring =
    values.secret === undefined
      ? undefined
      : configure(() => createKeyring({ keys: [{ secret: values.secret!, encoding }] }));
  const now = wholeNumber(values.now, '--now') ?? (io.now ?? systemClock)();
  let inspection: Awaited<ReturnType<typeof inspectToken>>;
  try {
    const key = keyring && (await keyring.signingKey()).key;
    inspection = await inspectToken(token, { contract, key, now });
  } catch (error) {
    if (!isChatSSOError(error)) throw error;
    if (values.json) io.stdout(`${JSON.stringify({ valid: false, error: error.message })}\n`);
    else io.stderr(`chat-sso: ${error.message}\n`);
    return 1;
  }
  io.stdout(
    values.json
      ? `${JSON.stringify(inspection, null, 2)}\n`
      : formatInspection(inspection, contract.title),
  );
  return inspection.valid ? 0 : 1;
}

const commands: Record<
  string,
  (args: readonly string[], io: CliIo) => ExitCode | Promise<ExitCode>
> = {
  secret,
  sign,
  inspect,
};

/**
 * The `chat-sso` command line, in-process: arguments in, text out through
 * `io`, an exit code back. Nothing it is given ends in a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (command === 'help' || argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (!run) {
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; expected secret, sign or inspect`,
      );
    }
    return await run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`chat-sso: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
