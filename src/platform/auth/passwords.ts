import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (m=19 MiB, t=2, p=1). Algorithm 2 = argon2id.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * Verified against when the account does not exist (or is locked), so that every answer costs one
 * argon2id verification and takes the same time. It is the hash of a random password that was
 * thrown away, made with the same parameters as real hashes; being a constant, even the first
 * unknown-account attempt after start-up is not slower than a real one.
 */
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$FGNecaaW0YKPG+wQYLVbJA$Sbntrni3ibogJbgGo4V+9wVi957Ip0MgTONWhMPWDM8';

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(DECOY_HASH, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
