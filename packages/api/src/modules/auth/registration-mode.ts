import type { ApiConfig } from '../../config';
import { AppError } from '../../errors';

export type RegistrationMode = NonNullable<ApiConfig['REGISTRATION_MODE']>;

/** The configured mode; unset means closed in production and open elsewhere (see config.ts for why). */
export function registrationMode(config: Pick<ApiConfig, 'REGISTRATION_MODE' | 'NODE_ENV'>): RegistrationMode {
  return config.REGISTRATION_MODE ?? (config.NODE_ENV === 'production' ? 'closed' : 'open');
}

/** Checked before anything else a sign-up does (limits, hashing, SMS), so a closed server spends nothing on it. */
export function assertRegistrationOpen(config: Pick<ApiConfig, 'REGISTRATION_MODE' | 'NODE_ENV'>): void {
  if (registrationMode(config) === 'closed') throw new AppError('FORBIDDEN', 'auth.registrationClosed');
}
