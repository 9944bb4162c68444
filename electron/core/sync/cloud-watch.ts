import type { CloudName } from '../../../shared/domain/cloud.ts';
import type { CloudConfigService } from '../cloud/cloud-config.ts';
import { aliyunProbe, tuyaProbe } from '../cloud/cloud-probes.ts';
import type { ConnectivityMonitor } from './connectivity.ts';

/**
 * Keeps the connectivity monitor watching the clouds that are configured: a cloud gets a probe once its
 * settings and secrets are complete, and loses it when they are removed (the cloud settings tell every
 * change). The probe asks for the connection afresh each time, so new credentials are used at once. Alibaba
 * Cloud with a user iotToken has no cheap authenticated call (only the project has /cloud/token): it is not
 * probed, and its reachability comes from its jobs' own calls. Returns a function that stops watching.
 */
export function watchConfiguredClouds(
  config: Pick<CloudConfigService, 'get' | 'tuya' | 'aliyun' | 'onChange'>,
  monitor: ConnectivityMonitor,
  onError: (error: unknown) => void = () => {},
): () => void {
  const registered = new Map<CloudName, () => void>();
  let stopped = false;

  const refresh = async (cloud: CloudName): Promise<void> => {
    const current = await config.get();
    const wanted =
      cloud === 'tuya'
        ? current.tuya.configured
        : current.aliyun.configured && current.aliyun.settings.auth === 'project';
    registered.get(cloud)?.();
    registered.delete(cloud);
    if (!wanted || stopped) return;
    const probe =
      cloud === 'tuya'
        ? { cloud, probe: async (signal: AbortSignal) => tuyaProbe((await config.tuya()).client).probe(signal) }
        : { cloud, probe: async (signal: AbortSignal) => aliyunProbe((await config.aliyun()).client).probe(signal) };
    registered.set(cloud, monitor.register(probe));
  };

  const update = (cloud: CloudName): void => void refresh(cloud).catch(onError);
  update('tuya');
  update('aliyun');
  const stopListening = config.onChange(update);
  return () => {
    stopped = true;
    stopListening();
    for (const unregister of registered.values()) unregister();
    registered.clear();
  };
}
