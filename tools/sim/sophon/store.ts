import { createPrng, type Prng } from '../common/prng.ts';
import type { SimPerson } from '../common/people.ts';
import type { USER_TYPES } from './constants.ts';
import { SophonError } from './errors.ts';

/** One `user_type` value. */
export type UserType = (typeof USER_TYPES)[number];

/** A face of a person: its feature id and the id of the registration photo it came from (one to one). */
export interface SophonFace {
  faceId: string;
  registerImageId: string;
}

/** A person (`identity`) in the device's person database. */
export interface SophonIdentity {
  identityId: string;
  identityName: string;
  userType: UserType;
  /** Permission groups the person is bound to. */
  permissionIds: string[];
  extUserInfo: Record<string, unknown>;
  /** In registration order; addface appends. */
  faces: SophonFace[];
}

/** A permission group. */
export interface SophonPermission {
  permissionId: string;
  permissionName: string;
  description: string;
}

/**
 * The device's state: the person database (in insertion order, which is the paging order of
 * getidentities) and the permission groups. Group membership is kept on the person (`permissionIds`), so
 * deleting a person unbinds it from every group at once. Ids are deterministic: the faces of a generated
 * person derive from the seed and the person's id, later ids from one seeded sequence.
 */
export class SophonStore {
  readonly identities = new Map<string, SophonIdentity>();
  readonly permissions = new Map<string, SophonPermission>();
  private readonly prng: Prng;

  constructor(seed: number | string, people: readonly SimPerson[]) {
    this.prng = createPrng(`${seed}/sophon/new-ids`);
    for (const person of people) {
      const faces = createPrng(`${seed}/sophon/faces/${person.identityId}`);
      this.identities.set(person.identityId, {
        identityId: person.identityId,
        identityName: person.name,
        userType: 'employee',
        permissionIds: [],
        extUserInfo: { visit_card_number: person.cardNumber },
        faces: Array.from({ length: person.faceCount }, () => ({
          faceId: faces.uuid(),
          registerImageId: faces.uuid(),
        })),
      });
    }
  }

  /** A new face with fresh ids. */
  newFace(): SophonFace {
    return { faceId: this.prng.uuid(), registerImageId: this.prng.uuid() };
  }

  /** A fresh identity id, for createidentity without one (the device generates a UUID). */
  newIdentityId(): string {
    return this.prng.uuid();
  }

  /** A fresh permission id: a short UUID, as the vendor document recommends ("270ec5e6"). */
  newPermissionId(): string {
    let id: string;
    do id = this.prng.uuid().slice(0, 8);
    while (this.permissions.has(id));
    return id;
  }

  /** The person with `identityId`, or ID_NOT_FOUND. */
  requireIdentity(identityId: string): SophonIdentity {
    const identity = this.identities.get(identityId);
    if (!identity) throw new SophonError('ID_NOT_FOUND', identityId);
    return identity;
  }

  /** Removes a person (its faces, photos and group bindings go with it); false when unknown. */
  deleteIdentity(identityId: string): boolean {
    return this.identities.delete(identityId);
  }

  /** Checks that every permission id exists; the first unknown one is ID_NOT_FOUND. */
  requirePermissions(permissionIds: readonly string[]): void {
    for (const id of permissionIds) if (!this.permissions.has(id)) throw new SophonError('ID_NOT_FOUND', id);
  }

  /** The permission group named `name`, if any. */
  permissionByName(name: string): SophonPermission | undefined {
    for (const permission of this.permissions.values()) if (permission.permissionName === name) return permission;
    return undefined;
  }

  /** Removes a permission group and unbinds every person from it. */
  deletePermission(permissionId: string): void {
    this.permissions.delete(permissionId);
    for (const identity of this.identities.values()) {
      if (identity.permissionIds.includes(permissionId)) {
        identity.permissionIds = identity.permissionIds.filter((id) => id !== permissionId);
      }
    }
  }

  /** Total faces over all people. */
  faceCount(): number {
    let total = 0;
    for (const identity of this.identities.values()) total += identity.faces.length;
    return total;
  }
}
