import { Field } from './Field.tsx';

/** Props of {@link CredentialFields}: the two values, their labels, and the username's inline problem. */
export interface CredentialFieldsProps {
  username: string;
  password: string;
  onUsername: (value: string) => void;
  onPassword: (value: string) => void;
  usernameLabel: string;
  passwordLabel: string;
  /** Shown under the username (e.g. a password given without one); null when none. */
  usernameProblem: string | null;
}

/**
 * A username and a password field for a terminal's local API, side by side: the username never autofilled, the
 * password a new one (a browser must not offer the laptop's saved passwords for a terminal).
 */
export function CredentialFields(props: CredentialFieldsProps) {
  return (
    <div className="field-row">
      <Field
        label={props.usernameLabel}
        value={props.username}
        autoComplete="off"
        problem={props.usernameProblem}
        onChange={(event) => props.onUsername(event.target.value)}
      />
      <Field
        label={props.passwordLabel}
        type="password"
        value={props.password}
        autoComplete="new-password"
        onChange={(event) => props.onPassword(event.target.value)}
      />
    </div>
  );
}
