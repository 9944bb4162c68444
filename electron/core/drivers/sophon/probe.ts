import { DriverError, type Endpoint, type ProbeResult } from '../driver.ts';
import { createSophonApi } from './api.ts';
import { IdentitiesPageSchema } from './answers.ts';

/** The API version this driver speaks (the `/sophon/v2/` paths). */
export const SOPHON_API_VERSION = 'v2';

/**
 * Read-only, credential-free probe: one `getidentities` call for a single person. An answer with the Sophon
 * shape (an `identities` array and `pagination.total_count`) identifies a Sophon v2 terminal; anything else
 * (another device's 404 or HTML, other JSON, an error, a refused connection, a timeout) answers null.
 * Fields the driver does not use may carry numbers where the examples show strings (`user_type`, a
 * person's `type`): they do not make a Sophon terminal unrecognisable (issue 15).
 * Serial, model and firmware are null: the API has no device-info operation (discovery reads them from the
 * mDNS TXT record). Throws only the abort reason when `signal` aborts.
 */
export async function probeSophon(
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult | null> {
  const api = createSophonApi(endpoint, timeoutMs);
  let json: Record<string, unknown>;
  try {
    json = await api.call('getidentities', { page_limit: 1, page_index: 0 }, signal);
  } catch (error) {
    if (error instanceof DriverError) return null;
    throw error; // the caller aborted
  }
  const page = IdentitiesPageSchema.safeParse(json);
  if (!page.success) return null;
  return {
    kind: 'sophon',
    apiVersion: SOPHON_API_VERSION,
    serial: null,
    model: null,
    firmware: null,
    name: null,
    peopleCount: page.data.pagination.total_count,
    capacity: null,
  };
}
