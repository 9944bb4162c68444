import { CERTIFICATE_POLICY_NAMES, type CertificatePolicyName } from '../../../shared/domain/permissions.ts';
import { AppError } from '../../../shared/errors.ts';

/** A certificate policy from its number (1-4) or its name (`--certificate` of the push and browse commands). */
export function certificateOf(text: string): CertificatePolicyName {
  const byNumber = CERTIFICATE_POLICY_NAMES[Number(text) - 1];
  const named = CERTIFICATE_POLICY_NAMES.find((n) => n === text);
  const policy = /^[1-4]$/.test(text) ? byNumber : named;
  if (!policy) {
    throw new AppError(
      'VALIDATION',
      `--certificate must be 1-4 or one of ${CERTIFICATE_POLICY_NAMES.join(', ')} (1 card, 2 card + face, 3 card + password, 4 card + password + face).`,
    );
  }
  return policy;
}
