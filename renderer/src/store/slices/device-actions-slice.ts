import type { StateCreator } from 'zustand';
import type { DeviceExportFormat } from '../../../../shared/domain/device-actions.ts';
import type { ErrorPayload } from '../../../../shared/errors.ts';
import type { ContractApi } from '../../api/contract-api.ts';
import type { Result } from '../../../../shared/result.ts';
import type { AppState } from '../state/app-state.ts';
import type { BulkOutcome, DeviceActionsSlice } from '../state/device-actions.ts';

/** Where the bulk bar's errors show (errors-slice `showErrorIn`). */
export const BULK_SCOPE = 'devices.bulk';

/** The MIME type of each export format (the browser's download uses it). */
const EXPORT_TYPES: Record<DeviceExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Where the site-default form's errors show. */
export const SITE_DEFAULTS_SCOPE = 'settings.siteDefaults';

/** Where a terminal's label form shows its error. */
export function labelScope(serial: string): string {
  return `label:${serial}`;
}

/** Creates the {@link DeviceActionsSlice}. */
export function createDeviceActionsSlice(api: ContractApi): StateCreator<AppState, [], [], DeviceActionsSlice> {
  return (set, get) => {
    const checked = (): string[] => {
      const { checkedSerials, terminals } = get();
      return Object.keys(checkedSerials).filter((serial) => serial in terminals);
    };
    /** Runs a call; on failure shows its error in `scope` and answers null, on success clears the scope. */
    const attempt = async <T>(scope: string, call: Promise<Result<T>>): Promise<T | null> => {
      const result = await call;
      if (!result.ok) {
        get().showErrorIn(scope, result.error);
        return null;
      }
      get().clearErrorIn(scope);
      return result.value;
    };
    /** Runs `each` on every ticked terminal; the first error shows beside the bulk bar. */
    const eachChecked = async (
      each: (serial: string) => Promise<Result<unknown>>,
    ): Promise<{ outcome: BulkOutcome; serials: string[] }> => {
      const serials = checked();
      let firstError: ErrorPayload | null = null;
      let done = 0;
      for (const serial of serials) {
        const result = await each(serial);
        if (result.ok) done++;
        else firstError ??= result.error;
      }
      if (firstError) get().showErrorIn(BULK_SCOPE, firstError);
      else get().clearErrorIn(BULK_SCOPE);
      return { outcome: { done, failed: serials.length - done }, serials };
    };
    const refresh = async (serials: string[]): Promise<boolean> => {
      if (serials.length === 0) return true;
      const fresh = await attempt(BULK_SCOPE, api.devices.check({ serials }));
      fresh?.forEach((terminal) => get().receiveTerminal(terminal));
      return fresh !== null;
    };

    return {
      siteDefaults: null,

      async loadSiteDefaults() {
        const value = await attempt(SITE_DEFAULTS_SCOPE, api.devices.siteDefaults());
        if (value) set({ siteDefaults: value });
      },

      async saveSiteDefault(kind, credentials) {
        const saved = await attempt(SITE_DEFAULTS_SCOPE, api.devices.setCredentials({ target: { kind }, credentials }));
        if (!saved) return false;
        await get().loadSiteDefaults();
        return true;
      },

      async setTerminalLabel(serial, label) {
        const terminal = await attempt(labelScope(serial), api.devices.setLabel({ serial, label }));
        if (terminal) get().receiveTerminal(terminal);
        return terminal !== null;
      },

      async setCheckedCredentials(credentials) {
        const { outcome, serials } = await eachChecked((serial) =>
          api.devices.setCredentials({ target: { serial }, credentials }),
        );
        if (outcome.failed === 0) await refresh(serials);
        return outcome;
      },

      async useSiteDefaultForChecked() {
        const serials = checked();
        if (serials.length === 0) return null;
        const value = await attempt(BULK_SCOPE, api.devices.useSiteDefault({ serials }));
        if (value) await refresh(serials);
        return value;
      },

      async checkChecked() {
        const serials = checked();
        if (serials.length === 0) return null;
        return (await refresh(serials)) ? { done: serials.length, failed: 0 } : null;
      },

      async forgetChecked() {
        const { outcome } = await eachChecked(async (serial) => {
          const result = await api.devices.forget({ serial });
          if (result.ok) get().removeTerminal(serial);
          return result;
        });
        return outcome;
      },

      async exportTerminals(format = 'csv') {
        const serials = checked();
        const file = await attempt(
          BULK_SCOPE,
          api.devices.export({ format, ...(serials.length > 0 ? { serials } : {}) }),
        );
        if (!file) return null;
        const saved = await get().saveFile({
          fileName: file.fileName,
          content: file.content,
          type: EXPORT_TYPES[format],
          ...(file.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
        });
        return saved ? file.rows : null;
      },
    };
  };
}
