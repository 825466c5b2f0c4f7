import { randomBytes } from "node:crypto";

/** A secret, URL-safe token of `bytes` random bytes (24 by default: 192 bits, 32 characters). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
