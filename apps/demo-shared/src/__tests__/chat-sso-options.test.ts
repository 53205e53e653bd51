import { describe, expect, it } from 'vitest';
import { chatSSOOptions, chatTokenUrl } from '../chat-sso-options';
import { readPageOptions } from '../page-options';

describe('chatSSOOptions', () => {
  it('picks the vendor widget adapter and the vendor token endpoint', () => {
    expect(chatSSOOptions(readPageOptions('?vendor=medchat')).widget.name).toBe('MedChat');
    expect(chatSSOOptions(readPageOptions('?vendor=zendesk')).widget.name).toBe(
      'Zendesk messaging',
    );
    expect(chatTokenUrl('tiledesk')).toBe('/api/chat-token/tiledesk');
  });

  it('asks for short tokens on ?ttl= and renews a third of their life before expiry', () => {
    const options = chatSSOOptions(readPageOptions('?vendor=spartez&ttl=30'));
    expect(options.refreshBefore).toBe(10);
    expect(chatTokenUrl('spartez', 30)).toBe('/api/chat-token/spartez?ttl=30');
  });

  it('never asks the identity provider behind OpenWeb for a lifetime', () => {
    expect(chatTokenUrl('openweb', 30)).toBe('/api/chat-token/openweb');
  });
});
