import { randomInt } from "node:crypto";
import { ZPassword } from "@/lib/schemas/password";

// No 0/O, 1/l/I: read off a screen and typed by hand.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
const LENGTH = 14;

/**
 * A one-time password (shown once, changed at the first sign-in): 14 characters from an
 * unambiguous alphabet (≈ 81 bits), drawn until it meets the password rules (ZPassword).
 */
export function oneTimePassword(): string {
  for (;;) {
    let pw = "";
    for (let i = 0; i < LENGTH; i++) pw += ALPHABET[randomInt(ALPHABET.length)];
    if (ZPassword.safeParse(pw).success) return pw;
  }
}
