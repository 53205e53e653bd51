import { medchat, spartez, zendesk } from '@chat-sso/core/contracts';
import { forgeToken } from '@chat-sso/hostile-tokens';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../run-cli';
import { generateSecret } from '../secret';
import { createVerifier } from '../verifier';
import { captureCli, inspectArgs, signArgs } from './cli-harness';

const NOW = 1_750_000_000;
const SECRET = 'Cl1S3cR3tV4lu3F0rT3st1ngTh3B1nXy';
const ADA = '{"email":"ada@example.com","displayName":"Ada Lovelace"}';

const cli = (...argv: string[]) => captureCli(argv, () => NOW);

const spartezToken = (claims: object) => forgeToken({ alg: 'HS256', typ: 'JWT' }, claims, SECRET);
const validToken = spartezToken({
  email: 'ada@example.com',
  displayName: 'Ada',
  iat: NOW,
  exp: NOW + 300,
});

describe('chat-sso secret', () => {
  it('prints 32 random bytes as base64url', async () => {
    const { code, stdout, stderr } = await cli('secret');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toBe('');
  });

  it('prints more bytes, in hex', async () => {
    const { code, stdout } = await cli('secret', '--bytes', '48', '--encoding', 'hex');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[0-9a-f]{96}\n$/);
  });
});

describe('chat-sso sign', () => {
  it('prints only a token: iat now, exp after the vendor default lifetime', async () => {
    const { code, stdout, stderr } = await cli(...signArgs('spartez', SECRET, ADA));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verifier = createVerifier({ contract: spartez, secret: SECRET });
    await expect(verifier.verify(stdout.trim(), { now: NOW })).resolves.toMatchObject({
      claims: { email: 'ada@example.com', iat: NOW, exp: NOW + 300 },
    });
  });

  it('sets exp from --ttl, overriding any iat or exp in --claims, and puts --kid in the header', async () => {
    const claims = '{"external_id":"user-1","scope":"user","iat":1,"exp":2}';
    const { code, stdout } = await cli(
      ...signArgs('zendesk', SECRET, claims, '--kid', 'app_1', '--ttl', '600'),
    );
    expect(code).toBe(0);
    const verifier = createVerifier({ contract: zendesk, secret: SECRET, kid: 'app_1' });
    await expect(verifier.verify(stdout.trim(), { now: NOW })).resolves.toMatchObject({
      header: { kid: 'app_1' },
      claims: { iat: NOW, exp: NOW + 600 },
    });
  });

  it('reads the secret in the vendor’s encoding unless --secret-encoding says otherwise', async () => {
    const claims = '{"name":"Ada","external_id":"user-1"}';
    const bytes = generateSecret();
    const byDefault = await cli(...signArgs('medchat', bytes, claims));
    const asText = await cli(...signArgs('medchat', SECRET, claims, '--secret-encoding', 'utf8'));
    const base64urlVerifier = createVerifier({ contract: medchat, secret: bytes });
    const textVerifier = createVerifier({ contract: medchat, secret: SECRET, encoding: 'utf8' });
    await expect(
      base64urlVerifier.verify(byDefault.stdout.trim(), { now: NOW }),
    ).resolves.toBeDefined();
    await expect(textVerifier.verify(asText.stdout.trim(), { now: NOW })).resolves.toBeDefined();
  });

  it('exits 1 and lists every broken rule when the claims break the contract', async () => {
    const { code, stdout, stderr } = await cli(...signArgs('spartez', SECRET, '{"email":"nope"}'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        "chat-sso: the token would break Spartez Support Chat's rules:",
        '  ✘ email "nope" is not an email address',
        '  ✘ displayName is missing',
        '',
      ].join('\n'),
    );
  });
});

describe('chat-sso inspect', () => {
  it('shows header, claims, every rule and the signature, and exits 0 for a valid token', async () => {
    const { code, stdout, stderr } = await cli(
      ...inspectArgs(validToken, 'spartez', '--secret', SECRET),
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('header\n  {\n    "alg": "HS256",\n    "typ": "JWT"\n  }\n');
    expect(stdout).toContain('    "displayName": "Ada",');
    expect(stdout).toContain(
      'rules of Spartez Support Chat, at 1750000000 (2025-06-15T15:06:40.000Z)',
    );
    expect(stdout.match(/^ {2}✔ /gm)).toHaveLength(spartez.rules.length + 1);
    expect(stdout).toContain('signature\n  ✔ the signature matches the secret\n');
    expect(stdout.endsWith('valid\n')).toBe(true);
  });

  it('says the signature is unchecked without --secret, and still exits 0', async () => {
    const { code, stdout } = await cli(...inspectArgs(validToken, 'spartez'));
    expect(code).toBe(0);
    expect(stdout).toContain('  - not checked: pass --secret to check it\n');
  });

  it('exits 1 and marks each broken rule, checked at --now', async () => {
    const later = String(NOW + 3600);
    const { code, stdout } = await cli(...inspectArgs(validToken, 'spartez', '--now', later));
    expect(code).toBe(1);
    expect(stdout).toContain('  ✘ the token expired 55 min ago\n');
    expect(stdout.endsWith('invalid: 1 problem\n')).toBe(true);
  });

  it('exits 1 when the signature does not match the secret', async () => {
    const { code, stdout } = await cli(
      ...inspectArgs(
        validToken,
        'spartez',
        '--secret',
        generateSecret(),
        '--secret-encoding',
        'base64url',
      ),
    );
    expect(code).toBe(1);
    expect(stdout).toContain('  ✘ the signature does not match (bad_signature)\n');
  });

  it('prints a JSON report with --json', async () => {
    const token = spartezToken({
      email: 'ada@example.com',
      iat: NOW * 1000,
      exp: NOW * 1000 + 300_000,
    });
    const { code, stdout } = await cli(
      ...inspectArgs(token, 'spartez', '--secret', SECRET, '--json'),
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'valid',
      'vendor',
      'now',
      'header',
      'claims',
      'rules',
      'signature',
    ]);
    expect(report).toMatchObject({
      valid: false,
      vendor: 'spartez',
      now: NOW,
      header: { alg: 'HS256', typ: 'JWT' },
      claims: { email: 'ada@example.com' },
      signature: { ok: true, message: 'the signature matches the secret' },
    });
    expect(report.rules).toHaveLength(spartez.rules.length);
    expect(
      report.rules
        .filter((rule: { ok: boolean }) => !rule.ok)
        .map((rule: { rule: string }) => rule.rule),
    ).toEqual(['iat.seconds', 'exp.seconds', 'displayName.text']);
    expect((await cli(...inspectArgs(token, 'spartez', '--json'))).stdout).toContain(
      '"signature": null',
    );
  });

  it('exits 1 with one line for a token it cannot read, as JSON with --json', async () => {
    const human = await cli(...inspectArgs('not.a-token', 'spartez'));
    expect(human).toEqual({
      code: 1,
      stdout: '',
      stderr: 'chat-sso: the token is malformed: it does not have three dot-separated parts\n',
    });
    const json = await cli(...inspectArgs('not.a-token', 'spartez', '--json'));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      valid: false,
      error: 'the token is malformed: it does not have three dot-separated parts',
    });
  });
});

describe('chat-sso usage errors', () => {
  const sign = signArgs('spartez', SECRET, ADA);
  it.each([
    [['sign', '--secret', SECRET, '--claims', ADA], 'missing --vendor'],
    [['sign', '--vendor', 'spartez', '--claims', ADA], 'missing --secret'],
    [['sign', '--vendor', 'spartez', '--secret', SECRET], 'missing --claims'],
    [
      signArgs('intercom', SECRET, ADA),
      'unknown vendor "intercom"; expected one of spartez, tiledesk, medchat, zendesk, generic',
    ],
    [signArgs('spartez', SECRET, '{email:'), /^--claims is not valid JSON: /],
    [
      signArgs('spartez', SECRET, '[1]'),
      '--claims must be a JSON object, e.g. {"email":"ada@example.com"}',
    ],
    [
      signArgs('spartez', 'too-short', ADA),
      /^the secret is 9 bytes; HS256 needs at least 32 random bytes/,
    ],
    [signArgs('spartez', 'x'.repeat(40), ADA), /^the secret is a well-known or repeated value/],
    [signArgs('medchat', 'not base64!', ADA), /^the secret is not base64url/],
    [[...sign, '--ttl', 'soon'], '--ttl must be a whole number, got "soon"'],
    [[...sign, '--ttl', '7200'], 'ttl is 7200; it must be whole seconds from 1 to 3600'],
    [
      [...sign, '--secret-encoding', 'base32'],
      '--secret-encoding must be utf8, base64url or hex, got "base32"',
    ],
    [[...sign, '--verbose'], "Unknown option '--verbose'"],
    [signArgs('zendesk', SECRET, '{}'), 'Zendesk messaging needs a kid naming the signing key'],
    [['secret', '--bytes', '16'], 'a secret has 32 to 1024 random bytes; got 16'],
    [['secret', '--encoding', 'base64'], '--encoding must be base64url or hex, got "base64"'],
    [['inspect', '--vendor', 'spartez'], 'missing TOKEN (chat-sso inspect TOKEN --vendor V)'],
    [['inspect', validToken], 'missing --vendor'],
    [['inspect', validToken, 'extra', '--vendor', 'spartez'], 'unexpected argument "extra"'],
    [
      inspectArgs(validToken, 'spartez', '--now', 'yesterday'),
      '--now must be a whole number, got "yesterday"',
    ],
    [inspectArgs(validToken, 'spartez', '--secret', 'short'), /^the secret is 5 bytes/],
    [['mint'], 'unknown command "mint"; expected secret, sign or inspect'],
  ])('%j exits 2 with one line on stderr', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^chat-sso: [^\n]+\n$/);
    const line = stderr.slice('chat-sso: '.length, -1);
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(stderr).not.toMatch(/\bat .+:\d+/);
  });

  it('prints the usage with --help and exits 0', async () => {
    expect(await cli('--help')).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(await cli('sign', '--help')).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  it('prints the usage on stderr and exits 2 without a command', async () => {
    expect(await cli()).toEqual({ code: 2, stdout: '', stderr: USAGE });
  });
});
