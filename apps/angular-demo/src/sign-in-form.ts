import { Component, type ElementRef, inject, input, viewChild } from '@angular/core';
import { signInHint } from '@chat-sso/demo-shared';
import { Demo } from './demo';

@Component({
  selector: 'form[demoSignInForm]',
  host: { '(submit)': 'signIn($event)' },
  template: `
    <div class="field">
      <label for="username">Username</label>
      <input #username id="username" type="text" data-testid="username" autocomplete="username" />
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input
        #password
        id="password"
        type="password"
        data-testid="password"
        autocomplete="current-password"
      />
    </div>
    <button type="submit" data-testid="sign-in" [disabled]="busy()">Sign in</button>
    <p class="hint">{{ hint }}</p>
  `,
})
export class SignInForm {
  readonly busy = input.required<boolean>();
  protected readonly hint = signInHint;
  private readonly site = inject(Demo).site;
  private readonly username = viewChild.required<ElementRef<HTMLInputElement>>('username');
  private readonly password = viewChild.required<ElementRef<HTMLInputElement>>('password');

  protected signIn(event: Event): void {
    event.preventDefault();
    void this.site.signIn(this.username().nativeElement.value, this.password().nativeElement.value);
  }
}
