import { Component, inject, input } from '@angular/core';
import { signInFields, signInHint } from '@chat-sso/demo-shared';
import { Demo } from './demo';

@Component({
  selector: 'form[demoSignInForm]',
  host: { '(submit)': 'signIn($event)' },
  template: `
    @for (field of fields; track field.id) {
      <div class="field">
        <label [for]="field.id">{{ field.label }}</label>
        <input
          [id]="field.id"
          [name]="field.id"
          [type]="field.type"
          [attr.data-testid]="field.id"
          [attr.autocomplete]="field.autocomplete"
        />
      </div>
    }
    <button type="submit" data-testid="sign-in" [disabled]="busy()">Sign in</button>
    <p class="hint">{{ hint }}</p>
  `,
})
export class SignInForm {
  readonly busy = input.required<boolean>();
  protected readonly fields = signInFields;
  protected readonly hint = signInHint;
  private readonly site = inject(Demo).site;

  protected signIn(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void this.site.signIn(String(form.get('username')), String(form.get('password')));
  }
}
