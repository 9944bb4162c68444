import { useId, type InputHTMLAttributes } from 'react';

/** Props of {@link Field}: an input's own attributes plus its label and an optional inline problem. */
export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the input and announced with it; marks the input invalid. */
  problem?: string | null;
  /** A short example shown under the input while there is no problem. */
  hint?: string;
}

/** A labelled text input with its inline validation message (`aria-invalid`, `aria-describedby`). */
export function Field({ label, problem, hint, ...input }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = problem ?? hint;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={problem ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        {...input}
      />
      {note && (
        <p id={noteId} className={problem ? 'field-problem' : 'field-hint'}>
          {note}
        </p>
      )}
    </div>
  );
}
