import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import { HOST_LOST_DETAILS } from '../../api/ws-client.ts';
import type { AppState } from '../state/app-state.ts';
import type { ErrorsSlice } from '../state/errors.ts';

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
