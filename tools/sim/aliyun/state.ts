// The living platform's view of one site: spaces, face devices (IOT_IDs) bound to them, the users the
// platform knows, and which user's face is on which device (a "permission").

/** User types of the face APIs: `userType` + `userId` identify one face image. */
export const USER_TYPES = ['IDENTITY', 'OPEN', 'YUNDUN', 'PHONE'] as const;

/** One user type. */
export type AliyunUserType = (typeof USER_TYPES)[number];

/** Scope types of the face APIs: every face device bound to a space, or one device. */
export const SCOPE_TYPES = ['SPACE_ID', 'IOT_ID'] as const;

/** One scope type. */
export type AliyunScopeType = (typeof SCOPE_TYPES)[number];

/** A user as the face APIs name one. */
export interface AliyunUserRef {
  userType: AliyunUserType;
  userId: string;
}

/** A space (SPACE_ID) and the project it belongs to. */
export interface AliyunSpaceSpec {
  spaceId: string;
  /** Defaults to the simulator's project. */
  projectId?: string;
}

/** A face device (IOT_ID), the space it is bound to, and whose faces it holds. */
export interface AliyunDeviceSpec {
  iotId: string;
  /** Defaults to the space's project, else the simulator's project. */
  projectId?: string;
  /** The space the device is bound to; none means reachable by IOT_ID only. */
  spaceId?: string;
  permissions?: AliyunUserRef[];
}

/** One face of one user on one device, as {@link PermissionStore.snapshot} lists them. */
export interface AliyunPermission {
  iotId: string;
  spaceId: string | null;
  projectId: string;
  userType: AliyunUserType;
  userId: string;
}

interface Device {
  iotId: string;
  projectId: string;
  spaceId: string | null;
  /** `userType:userId` keys. */
  users: Set<string>;
}

const userKey = (ref: AliyunUserRef): string => `${ref.userType}:${ref.userId}`;

/** Spaces, devices, known users and permissions, with the deletion the API performs. */
export class PermissionStore {
  private readonly spaces = new Map<string, string>();
  private readonly devices = new Map<string, Device>();
  private readonly users = new Set<string>();

  constructor(
    defaultProjectId: string,
    spaces: readonly AliyunSpaceSpec[],
    devices: readonly AliyunDeviceSpec[],
    users: readonly AliyunUserRef[],
  ) {
    for (const space of spaces) this.spaces.set(space.spaceId, space.projectId ?? defaultProjectId);
    for (const spec of devices) {
      const spaceProject = spec.spaceId === undefined ? undefined : this.spaces.get(spec.spaceId);
      if (spec.spaceId !== undefined && spaceProject === undefined) {
        this.spaces.set(spec.spaceId, spec.projectId ?? defaultProjectId);
      }
      this.devices.set(spec.iotId, {
        iotId: spec.iotId,
        projectId: spec.projectId ?? spaceProject ?? defaultProjectId,
        spaceId: spec.spaceId ?? null,
        users: new Set((spec.permissions ?? []).map(userKey)),
      });
    }
    for (const user of users) this.users.add(userKey(user));
  }

  /** The project of a space, or undefined when no such space exists. */
  spaceProject(spaceId: string): string | undefined {
    return this.spaces.get(spaceId);
  }

  /** The project of a device, or undefined when no such device exists. */
  deviceProject(iotId: string): string | undefined {
    return this.devices.get(iotId)?.projectId;
  }

  /** The face devices bound to a space. */
  devicesInSpace(spaceId: string): string[] {
    return [...this.devices.values()].filter((d) => d.spaceId === spaceId).map((d) => d.iotId);
  }

  /** Whether the platform knows this user. */
  hasUser(ref: AliyunUserRef): boolean {
    return this.users.has(userKey(ref));
  }

  /** Whether the user's face is on at least one of `iotIds`. */
  hasFaceOn(ref: AliyunUserRef, iotIds: readonly string[]): boolean {
    const key = userKey(ref);
    return iotIds.some((iotId) => this.devices.get(iotId)?.users.has(key) === true);
  }

  /** Removes the faces of `userIds` from `iotIds`; returns what was actually removed. */
  remove(userType: AliyunUserType, userIds: readonly string[], iotIds: readonly string[]): AliyunPermission[] {
    const removed: AliyunPermission[] = [];
    for (const iotId of iotIds) {
      const device = this.devices.get(iotId);
      if (!device) continue;
      for (const userId of userIds) {
        if (device.users.delete(userKey({ userType, userId }))) removed.push(this.permission(device, userType, userId));
      }
    }
    return removed;
  }

  /** Every permission, sorted by device, user type and user id. */
  snapshot(): AliyunPermission[] {
    const list: AliyunPermission[] = [];
    for (const device of this.devices.values()) {
      for (const key of device.users) {
        const colon = key.indexOf(':');
        list.push(this.permission(device, key.slice(0, colon) as AliyunUserType, key.slice(colon + 1)));
      }
    }
    return list.sort(
      (a, b) => compare(a.iotId, b.iotId) || compare(a.userType, b.userType) || compare(a.userId, b.userId),
    );
  }

  private permission(device: Device, userType: AliyunUserType, userId: string): AliyunPermission {
    return { iotId: device.iotId, spaceId: device.spaceId, projectId: device.projectId, userType, userId };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
