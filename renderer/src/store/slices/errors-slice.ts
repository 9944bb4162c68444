import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import type { AppState } from '../app-store.ts';

/** The error currently shown to the user, if any. */
export interface ErrorsSlice {
  error: ErrorPayload | null;
  showError(error: ErrorPayload): void;
  dismissError(): void;
}

/** Creates the {@link ErrorsSlice}. */
export const createErrorsSlice: StateCreator<AppState, [], [], ErrorsSlice> = (set) => ({
  error: null,
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
});
