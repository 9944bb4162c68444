import type { BrowsingState } from '../../../../shared/domain/discovery.ts';
import type { JobProgress } from '../../../../shared/domain/job.ts';
import type { NetworkAdapter } from '../../../../shared/domain/status.ts';

/** How terminals are found: mDNS browsing on chosen adapters, and subnet sweeps. */
export interface DiscoverySlice {
  /** The computer's IPv4 adapters (network:adapters). */
  adapters: NetworkAdapter[];
  /** The adapters the technician ticked; null until they touch the picker (the default applies). */
  chosenAdapters: string[] | null;
  browsing: BrowsingState;
  /** The latest progress of the current (or last) subnet sweep. */
  sweep: JobProgress | null;
  receiveAdapters(adapters: NetworkAdapter[]): void;
  receiveBrowsing(browsing: BrowsingState): void;
  /** Follows `jobs:progress`; only sweeps matter here, and a running sweep is not replaced by another's events. */
  receiveJobProgress(progress: JobProgress): void;
  chooseAdapters(names: string[]): void;
  /** Starts mDNS browsing on these adapters (all site adapters when the list is empty). */
  startDiscovery(adapters: string[]): Promise<void>;
  stopDiscovery(): Promise<void>;
  /** Starts sweeping a subnet; false (after showing the error) when the core refused. */
  startSweep(cidr: string): Promise<boolean>;
  cancelSweep(): Promise<void>;
}
