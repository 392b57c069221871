import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** A new client secret: 32 random bytes, base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** `scrypt$<salt>$<hash>`; only this is stored, never the secret. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** Constant-time comparison; a malformed stored hash never verifies. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptAsync(secret, Buffer.from(salt, "base64url"), expected.length || KEY_LENGTH);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let unmatchable: Promise<string> | undefined;

/**
 * Spends the time of one verification without a stored hash, so an unknown or revoked client
 * answers as slowly as a known one with a wrong secret and timing tells no client id apart.
 */
export async function verifyAgainstNothing(secret: string): Promise<false> {
  unmatchable ??= hashSecret(generateSecret());
  await verifySecret(secret, await unmatchable);
  return false;
}
