import type { DeviceExportFormat, SiteDefaults } from '../../../../shared/domain/device-actions.ts';
import type { ProbeKind } from '../../../../shared/domain/terminal.ts';
import type { CredentialsInput } from './devices.ts';

/** How a bulk action on the ticked terminals ended: how many it did and how many failed. */
export interface BulkOutcome {
  done: number;
  failed: number;
}

/**
 * The Devices view's actions on ticked terminals (like SADP's), location labels and the site default
 * credentials. Every error shows beside the action that caused it and the action's next success clears it.
 */
export interface DeviceActionsSlice {
  /** Null until loaded (Settings). */
  siteDefaults: SiteDefaults | null;
  loadSiteDefaults(): Promise<void>;
  /** Saves the site default of a kind (sent only to trusted terminals of that kind without their own). */
  saveSiteDefault(kind: ProbeKind, credentials: CredentialsInput): Promise<boolean>;
  /** Sets (blank clears) a terminal's location label. */
  setTerminalLabel(serial: string, label: string): Promise<boolean>;
  /** Saves the same credentials for every ticked terminal, then checks them. */
  setCheckedCredentials(credentials: CredentialsInput): Promise<BulkOutcome | null>;
  /** Forgets the ticked terminals' own credentials so the site default applies; answers kinds with no default. */
  useSiteDefaultForChecked(): Promise<{ cleared: number; kindsWithoutDefault: ProbeKind[] } | null>;
  /** Probes the ticked terminals now. */
  checkChecked(): Promise<BulkOutcome | null>;
  /** Removes the ticked terminals from the inventory. */
  forgetChecked(): Promise<BulkOutcome | null>;
  /** Exports the ticked terminals (all when none is ticked) as CSV or an Excel workbook; answers how many rows. */
  exportTerminals(format?: DeviceExportFormat): Promise<number | null>;
}
