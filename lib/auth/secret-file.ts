// Secrets a local installation keeps in files under .data/ (the session secret, the embedded database's
// password): made random, written with mode 0600, and refused at start when empty or short, never used.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const MIN_SECRET_LENGTH = 32;

export interface SecretFileDescription {
  /** What the file holds, to start the message: "The session secret". */
  what: string;
  /** What to do about a bad file. */
  fix: string;
}

/** The secret in `file`, or null when there is no such file. Throws, saying what to do, when it is empty or short. */
export function readSecretFile(file: string, description: SecretFileDescription): string | null {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const secret = content.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    const problem = secret.length === 0 ? "is empty" : `is only ${secret.length} characters long (at least ${MIN_SECRET_LENGTH} are needed)`;
    throw new Error(`${description.what} in ${file} ${problem}, so it is not used. ${description.fix}`);
  }
  // A copy made with a loose umask (or restored from a backup) is tightened to its owner again.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return secret;
}

export function generateSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Writes a new random secret to `file` (mode 0600, all at once: never a half-written file) and returns it. */
export function writeSecretFile(file: string, secret: string = generateSecret()): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return secret;
}
