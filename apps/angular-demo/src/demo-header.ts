import { Component } from '@angular/core';
import { type DemoAppId, demoApps } from '@chat-sso/demo-shared';

const current: DemoAppId = 'angular';

@Component({
  selector: 'header[demoHeader]',
  template: `
    <h1>chat-sso demo · {{ label }}</h1>
    <nav aria-label="Demo apps">
      <a href="/">All demos</a>
      @for (app of apps; track app.id) {
        <a [href]="app.path + search" [attr.aria-current]="app.id === current ? 'page' : null">{{
          app.label
        }}</a>
      }
    </nav>
  `,
})
export class DemoHeader {
  protected readonly apps = demoApps;
  protected readonly current = current;
  protected readonly label = demoApps.find(({ id }) => id === current)!.label;
  /** The other apps open with the same vendor and faults. */
  protected readonly search = window.location.search;
}
