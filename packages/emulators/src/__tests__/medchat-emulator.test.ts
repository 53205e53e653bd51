// @vitest-environment jsdom
import { base64url } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createVendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle } from '../install-emulator';
import { installMedChatEmulator, type MedChatState } from '../medchat-emulator';
import { ada, lifetime, secrets, sign } from './tokens';
import { fetchFrom, globalsOf } from './vendor-cases';

const medchatapp = () => globalsOf(window).medchatapp;
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const medchatToken = () =>
  sign(
    { name: ada.name, external_id: ada.id, ...lifetime(4 * 3600) },
    base64url.decode(secrets.medchat),
  );

let handle: EmulatorHandle<MedChatState> | undefined;

afterEach(() => {
  handle?.uninstall();
  document.body.replaceChildren();
});

function install(greeting?: string) {
  const cloud = createVendorCloud('medchat', { secret: secrets.medchat });
  handle = installMedChatEmulator({ fetch: fetchFrom(cloud), greeting });
}

function send(text: string) {
  (byTestId('widget-message-input') as HTMLInputElement).value = text;
  byTestId('widget-send')?.click();
}

describe('MedChat emulator', () => {
  it('greets with {{verified-user.verifiedName}} replaced by the verified name, or by nothing', async () => {
    install('Welcome back {{verified-user.verifiedName}}. Ask us anything.');
    expect(byTestId('widget-greeting')?.textContent).toBe('Welcome back . Ask us anything.');
    await medchatapp().registerJWT(await medchatToken());
    expect(byTestId('widget-greeting')?.textContent).toBe(
      'Welcome back Ada Lovelace. Ask us anything.',
    );
    await medchatapp().unVerifyUser();
    expect(handle?.state().greeting).toBe('Welcome back . Ask us anything.');
  });

  it('marks messages verified only while a user is verified', async () => {
    install();
    send('before');
    await medchatapp().registerJWT(await medchatToken());
    send('during');
    await medchatapp().unVerifyUser();
    send('after');
    expect(handle?.state().messages).toEqual([
      { text: 'before', from: 'Anonymous', verified: false },
      { text: 'during', from: ada.name, verified: true },
      { text: 'after', from: 'Anonymous', verified: false },
    ]);
    const items = [...document.querySelectorAll<HTMLElement>('[data-testid="widget-messages"] li')];
    expect(items.map((item) => item.dataset.verified)).toEqual(['false', 'true', 'false']);
    expect(items[1]?.textContent).toBe('Ada Lovelace: during (verified)');
  });

  it('leaves an unawaited registerJWT failure observable but not unhandled', async () => {
    install();
    const pending = medchatapp().registerJWT('x.y.z');
    await handle?.idle();
    expect(handle?.state().error).toContain('User verification failed');
    await expect(pending).rejects.toThrow('User verification failed');
  });
});
