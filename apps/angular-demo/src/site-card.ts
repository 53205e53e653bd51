import { Component, inject } from '@angular/core';
import { otherDemoUser } from '@chat-sso/demo-shared';
import { Demo } from './demo';
import { observableSignal } from './observable-signal';
import { SignInForm } from './sign-in-form';

/** The demo site's own session: who is signed in, and the buttons that change it. */
@Component({
  selector: 'section[demoSiteCard]',
  imports: [SignInForm],
  template: `
    <h2>Site</h2>
    @let user = session().user;
    <p>Signed in as <strong data-testid="site-user">{{
        user === undefined ? '…' : user ? user.name : 'nobody'
      }}</strong>
      @if (user) {
        <span class="hint"> {{ user.email }}</span>
      }
    </p>
    @if (user === null) {
      <form demoSignInForm [busy]="session().busy"></form>
    }
    @if (user) {
      <div class="row">
        <button
          type="button"
          data-testid="sign-out"
          [disabled]="session().busy"
          (click)="site.signOut()"
        >Sign out</button>
        <button
          type="button"
          class="secondary"
          data-testid="switch-user"
          [disabled]="session().busy"
          (click)="site.switchUser()"
        >Switch to {{ otherDemoUser(user.username).name }}</button>
      </div>
    }
    @if (session().error; as error) {
      <p class="error" role="alert" data-testid="site-error">{{ error }}</p>
    }
  `,
})
export class SiteCard {
  protected readonly site = inject(Demo).site;
  protected readonly session = observableSignal(this.site);
  protected readonly otherDemoUser = otherDemoUser;
}
