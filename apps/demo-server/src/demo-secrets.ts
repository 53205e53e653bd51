import { generateSecret } from '@chat-sso/server';
import { readJsonFile, writeJsonFile } from './json-file';

/** Every secret the demo signs with; each kind of token has its own. */
export interface DemoSecrets {
  spartez: string;
  tiledesk: string;
  /** MedChat hands out its secret base64url-encoded; `generateSecret` writes exactly that. */
  medchat: string;
  zendesk: string;
  /** Signs the access tokens of `/system/auth`, never a chat token. */
  access: string;
}

const names: (keyof DemoSecrets)[] = ['spartez', 'tiledesk', 'medchat', 'zendesk', 'access'];

/**
 * The demo's secrets, generated on first start and kept in the data dir, so
 * a restart keeps signed-in pages working. Never printed or logged.
 */
export async function loadDemoSecrets(file: string): Promise<DemoSecrets> {
  const stored = ((await readJsonFile(file)) ?? {}) as Partial<DemoSecrets>;
  const missing = names.filter((name) => typeof stored[name] !== 'string');
  const secrets = { ...stored };
  for (const name of missing) secrets[name] = generateSecret();
  if (missing.length > 0) await writeJsonFile(file, secrets);
  return secrets as DemoSecrets;
}
