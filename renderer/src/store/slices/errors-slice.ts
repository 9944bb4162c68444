import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import { HOST_LOST_DETAILS } from '../../api/ws-client.ts';
import type { Section } from '../sections.ts';
import type { AppState } from '../app-store.ts';

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

/** Whether an error concerns every view (the connection to the app's host is gone). */
export function isGlobalError(error: ErrorPayload): boolean {
  const details = error.details as { transport?: unknown } | undefined;
  return error.code === 'NETWORK' && details?.transport === HOST_LOST_DETAILS.transport;
}

/** Creates the {@link ErrorsSlice}. */
export const createErrorsSlice: StateCreator<AppState, [], [], ErrorsSlice> = (set, get) => ({
  error: null,
  errorSection: null,
  scopedErrors: {},
  showError: (error) => set({ error, errorSection: isGlobalError(error) ? null : get().section }),
  dismissError: () => set({ error: null, errorSection: null }),
  showErrorIn: (scope, error) => set((state) => ({ scopedErrors: { ...state.scopedErrors, [scope]: error } })),
  clearErrorIn: (scope) =>
    set((state) => {
      if (!(scope in state.scopedErrors)) return {};
      const { [scope]: _cleared, ...rest } = state.scopedErrors;
      return { scopedErrors: rest };
    }),
});
