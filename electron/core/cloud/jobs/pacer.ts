import type { AliyunClient } from '../aliyun/client.ts';

/** Waits `ms` (abortable); tests pass their own. */
export type PaceSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The app's own throttle for Alibaba Cloud: at most `requestsPerSecond` calls start per second (evenly spaced),
 * so a removal job stays under the gateway's quota instead of living on "403 Request Limited" answers. The
 * client still backs off when the gateway throttles anyway (other apps share the quota).
 */
export function pacedClient(
  client: AliyunClient,
  requestsPerSecond: () => number,
  now: () => number = Date.now,
  sleep: PaceSleep = realSleep,
): AliyunClient {
  let next = 0;
  const gate = async (signal?: AbortSignal): Promise<void> => {
    const gap = 1000 / Math.max(1, requestsPerSecond());
    const at = now();
    const start = Math.max(at, next);
    next = start + gap;
    if (start > at) await sleep(start - at, signal);
  };
  return {
    origin: client.origin,
    async call(path, apiVer, params, signal) {
      await gate(signal);
      return client.call(path, apiVer, params, signal);
    },
    cloudToken: (signal) => client.cloudToken(signal),
  };
}
