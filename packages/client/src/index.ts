export { createAryaClient, type AryaClient, type AryaClientOptions, type AryaTokens } from './client';
export {
  createAccessTokenVerifier,
  InvalidAccessTokenError,
  type AccessTokenVerifierOptions,
  type VerifiedAccessToken,
} from './verify';
