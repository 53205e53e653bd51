/** The inputs of every demo's sign-in form; each `id` is also the input's test id and form name. */
export const signInFields = [
  { id: 'username', label: 'Username', type: 'text', autocomplete: 'username' },
  { id: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
] as const;

export type SignInFieldId = (typeof signInFields)[number]['id'];
