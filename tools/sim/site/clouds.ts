import { resolve } from 'node:path';
import { childEnv, controlChild } from './control.ts';
import type { Site } from './site.ts';

/** The simulated clouds. */
export type CloudName = 'tuya' | 'aliyun';

/** A running cloud as the technician needs to know it. */
export interface CloudInfo {
  name: CloudName;
  /** `http://127.0.0.1:port`, reachable from the laptop side only. */
  origin: string;
  credentials: Record<string, string>;
  /** Alibaba only: the spaces and face devices the simulated platform knows, and a few users with faces there. */
  catalogue?: AliyunCatalogue;
}

/** What the simulated Alibaba platform holds: spaces with their devices, devices in no space, some users. */
export interface AliyunCatalogue {
  spaces: { spaceId: string; iotIds: string[] }[];
  unboundDevices: string[];
  /** A few users with a face on some device, as `userType:userId`. */
  sampleUsers: string[];
}

/** The simulated clouds of a site. */
export interface SiteClouds {
  clouds: CloudInfo[];
  /** Takes a cloud offline (connections refused) or back online on the same port. */
  setOnline(name: CloudName, online: boolean): Promise<void>;
  stop(): Promise<void>;
}

const CLOUD_MAIN = resolve(import.meta.dirname, 'cloud-main.ts');

/**
 * Starts the Tuya and Alibaba Cloud simulators on 127.0.0.1 on the laptop side of `site` (inside its
 * namespace, so only the app in there reaches them), sharing the site's population.
 */
export async function startClouds(site: Site, seed: string): Promise<SiteClouds> {
  const args = [
    CLOUD_MAIN,
    `--seed=${seed}`,
    `--population-seed=${site.population.seed}`,
    `--population=${site.population.size}`,
  ];
  const child = controlChild<CloudInfo[]>(
    site.runInLaptop(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: childEnv() }),
    'clouds',
  );
  try {
    const clouds = await child.ready;
    return {
      clouds,
      setOnline: (name, online) => child.call('setOnline', { name, online }),
      stop: () => child.stop(),
    };
  } catch (error) {
    child.process.kill('SIGKILL');
    throw error;
  }
}
