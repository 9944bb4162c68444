import type { ErrorPayload } from '../../../../shared/errors.ts';
import type { Section } from '../sections.ts';

/**
 * Errors where they happen. `error` is the one banner of the section that was shown when it happened (it is
 * cleared when the technician goes to another section, except a lost host connection, which concerns every
 * view); `scopedErrors` are errors tied to one action (a form, a bulk bar, a terminal's label), shown beside it
 * and cleared by that action's next success or by dismissing them.
 */
export interface ErrorsSlice {
  error: ErrorPayload | null;
  /** The section the banner's error happened in; null for an error that concerns every view. */
  errorSection: Section | null;
  scopedErrors: Readonly<Record<string, ErrorPayload>>;
  showError(error: ErrorPayload): void;
  dismissError(): void;
  /** Shows an error beside the action named `scope` (e.g. `devices.bulk`, `label:SERIAL`). */
  showErrorIn(scope: string, error: ErrorPayload): void;
  /** Clears the error beside `scope` (its action succeeded, or the technician dismissed it). */
  clearErrorIn(scope: string): void;
}
