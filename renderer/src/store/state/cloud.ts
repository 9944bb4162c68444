import type { CloudConfig, CloudName, CloudTestResult, SetCloudConfig } from '../../../../shared/domain/cloud.ts';
import type { ErrorPayload } from '../../../../shared/errors.ts';

/** Where a cloud's connection test is: running, passed (with what was checked), or failed (with why). */
export type CloudTestState =
  { status: 'running' } | { status: 'ok'; result: CloudTestResult } | { status: 'failed'; error: ErrorPayload };

/** The cloud accounts as the Settings view shows them (secrets only as saved / not set). */
export interface CloudSlice {
  cloudConfig: CloudConfig | null;
  cloudTests: Partial<Record<CloudName, CloudTestState>>;
  loadCloudConfig(): Promise<void>;
  /** Saves one cloud's settings and secrets; false (after showing the error) when refused. */
  saveCloudConfig(request: SetCloudConfig): Promise<boolean>;
  /** Tests a cloud's saved account; the result is kept per cloud (not in the error banner). */
  testCloud(cloud: CloudName): Promise<void>;
}
