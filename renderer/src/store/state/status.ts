import type { AppStatus } from '../../../../shared/domain/status.ts';

/** What the status bar shows, as last heard from the core. */
export interface StatusSlice {
  status: AppStatus | null;
  receiveStatus(status: AppStatus): void;
}
