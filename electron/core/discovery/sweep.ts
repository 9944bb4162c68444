import { subnetAddresses, type Subnet } from './address.ts';

/** Settings of a subnet sweep. */
export interface SweepOptions {
  /** Most addresses probed at the same time. */
  concurrency: number;
  signal: AbortSignal;
  /** Called after each address with how many are done. */
  onProgress(done: number, total: number, found: number): void;
}

/**
 * Probes every address of `subnet` (and none outside it) with `probe`, at most `concurrency` at a time.
 * Stops starting new probes as soon as the signal aborts. Returns what the probes found, in address order.
 */
export async function sweepSubnet<T>(
  subnet: Subnet,
  probe: (address: string, signal: AbortSignal) => Promise<T | null>,
  options: SweepOptions,
): Promise<T[]> {
  const addresses = [...subnetAddresses(subnet)];
  const results: (T | null)[] = new Array<T | null>(addresses.length).fill(null);
  let next = 0;
  let done = 0;
  let found = 0;
  const worker = async (): Promise<void> => {
    while (next < addresses.length && !options.signal.aborted) {
      const index = next++;
      const address = addresses[index] as string;
      try {
        results[index] = await probe(address, options.signal);
      } catch {
        results[index] = null;
      }
      done++;
      if (results[index] !== null) found++;
      options.onProgress(done, addresses.length, found);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, addresses.length)) }, worker));
  options.signal.throwIfAborted();
  return results.filter((r): r is T => r !== null);
}
