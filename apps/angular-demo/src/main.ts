import { bootstrapApplication } from '@angular/platform-browser';
import { readPageOptions } from '@chat-sso/demo-shared';
import { App } from './app';
import { appConfig } from './app-config';

bootstrapApplication(App, appConfig(readPageOptions(window.location.search))).catch(
  (error: unknown) => console.error(error),
);
