import { generateSigningKey } from '@arya/api';

/** Prints a new Ed25519 signing key as one line of JWK JSON, ready for JWT_PRIVATE_KEY. Keep it secret. */
console.log(JSON.stringify(await generateSigningKey()));
