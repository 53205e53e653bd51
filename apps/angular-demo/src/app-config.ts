import { type ApplicationConfig, provideZonelessChangeDetection } from '@angular/core';
import { provideChatSSO } from '@chat-sso/angular';
import { chatSSOOptions, type PageOptions } from '@chat-sso/demo-shared';
import { Demo } from './demo';

/** The page's vendor comes from its URL: one chat-sso store and one set of demo parts for it. */
export function appConfig(page: PageOptions): ApplicationConfig {
  return {
    providers: [
      provideZonelessChangeDetection(),
      provideChatSSO(chatSSOOptions(page)),
      { provide: Demo, useFactory: () => new Demo(page) },
    ],
  };
}
