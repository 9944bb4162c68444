import type { AxiosInstance } from 'axios';
import type { Credentials } from '../secrets/secret-store.ts';
import type { ItemResult, ProbeResult, RemovalIdKind } from './results.ts';

/** Which face to remove: by face id or by registration photo id (the photo id wins when both are given). */
export type FaceSelector = { faceId: string } | { registerImageId: string };

/** The faces a person still has after a face removal. */
export interface FacesLeft {
  faceIds: string[];
  registerImageIds: string[];
  total: number;
}

/** The outcome of a face removal: the item result (id = the face or photo id) and the faces left, when known. */
export interface FaceRemovalResult {
  result: ItemResult;
  /** Null when the person or the face was already absent. */
  facesLeft: FacesLeft | null;
}

/**
 * Removes one face of a person without deleting the person. Answers the item result (id = the face or photo
 * id) with its evidence, and the faces the person has left. Throws DriverError when the request as a whole failed.
 */
export type RemoveFace = (
  identityId: string,
  selector: FaceSelector,
  signal?: AbortSignal,
) => Promise<FaceRemovalResult>;

/**
 * What every session of a kind can do, known without a session (so plans and discovery can ask before
 * connecting). Each driver declares its own; `registry.test.ts` checks them against `shared/domain/capabilities.ts`,
 * which the renderer reads.
 */
export interface DriverCapabilities {
  /** The id kinds `removePeople` takes (Sophon: identity_id; BAS-IP: link_id and uid). */
  readonly removeBy: readonly RemovalIdKind[];
  /** Whether sessions remove single faces (`TerminalSession.removeFace` is then present). */
  readonly removeSingleFaces: boolean;
  /** Whether sessions list people (`listPeople`, `countPeople`). */
  readonly listPeople: boolean;
  /**
   * Whether reading or removing needs a login (BAS-IP). False where the API is open on the LAN and credentials
   * are only checked (Sophon): such a terminal's credentials state is `not-required`.
   */
  readonly loginRequired: boolean;
}

/** What an identification with the technician's credentials found (see {@link Identify.verify}). */
export interface Verification {
  /** The device, when it answered recognisably as this kind; `apiVersion` null when it could not be seen. */
  result: (Omit<ProbeResult, 'apiVersion'> & { apiVersion: string | null }) | null;
  /** What the device said of the credentials: accepted, refused in its own words, or null (no word). */
  credentials: 'ok' | 'rejected' | null;
}

/**
 * How discovery identifies a kind, over an HTTP client that discovery provides (so it can record what was
 * asked and answered). `probe` is the driver's own credential-free probe; `verify` the read-only calls made
 * with the technician's credentials (a login, the device info, one page of people).
 */
export interface Identify {
  /** Whether a login lets this kind tell more of itself (serial, model) than the credential-free probe. */
  readonly tellsMoreAfterLogin: boolean;
  /** Lower-case words a DNS-SD TXT `vendor` (or `manufacturer`) value contains for this kind. */
  readonly txtVendorNames: readonly string[];
  /** The credential-free probe; null when the device is not of this kind. Throws only the abort reason. */
  probe(http: AxiosInstance, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult | null>;
  /** Read-only identification with credentials. Throws only the abort reason. */
  verify(http: AxiosInstance, credentials: Credentials, timeoutMs: number, signal?: AbortSignal): Promise<Verification>;
}
