import {
  type SignInFieldId,
  type SiteSession,
  signInFields,
  signInHint,
} from '@chat-sso/demo-shared';
import { useState } from 'react';

export function SignInForm({ site, busy }: { site: SiteSession; busy: boolean }) {
  const [values, setValues] = useState<Record<SignInFieldId, string>>({
    username: '',
    password: '',
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void site.signIn(values.username, values.password);
      }}
    >
      {signInFields.map((field) => (
        <div className="field" key={field.id}>
          <label htmlFor={field.id}>{field.label}</label>
          <input
            id={field.id}
            type={field.type}
            data-testid={field.id}
            autoComplete={field.autocomplete}
            value={values[field.id]}
            onChange={(event) => setValues({ ...values, [field.id]: event.target.value })}
          />
        </div>
      ))}
      <button type="submit" data-testid="sign-in" disabled={busy}>
        Sign in
      </button>
      <p className="hint">{signInHint}</p>
    </form>
  );
}
