import { Component, inject, PLATFORM_ID, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ada, startTestSiteEachTest } from '@chat-sso/test-site';
import { describe, expect, it } from 'vitest';
import { ChatSSO, provideChatSSO } from '../index';

@Component({
  selector: 'app-chat-status',
  template: `{{ chat.status() }} {{ chat.user()?.name ?? 'nobody' }}`,
})
class ChatStatusComponent {
  readonly chat = inject(ChatSSO);
}

const current = startTestSiteEachTest({ vendor: 'spartez', user: ada });

describe('ChatSSO on the server platform', () => {
  it('renders idle, never starts the store, never touches window', async () => {
    let windowReads = 0;
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: PLATFORM_ID, useValue: 'server' },
        provideChatSSO({
          ...current.site.options,
          // The store reaches the page only through this; a started store would call it.
          env: {
            window: () => {
              windowReads += 1;
              return undefined;
            },
          },
        }),
      ],
    });
    const fixture = TestBed.createComponent(ChatStatusComponent);
    const { chat } = fixture.componentInstance;

    await chat.login();
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).textContent).toBe('idle nobody');
    expect(chat.isAuthenticated()).toBe(false);
    expect(windowReads).toBe(0);
    expect(current.widget.state().user).toBeNull();
    expect(await current.site.vendorLog()).toEqual([]);
  });
});
