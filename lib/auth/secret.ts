// The key that signs session cookies. Production must provide NEXTAUTH_SECRET; a demo installation
// (embedded database) generates one on first start and keeps it under .data/ so sessions survive restarts.
import path from "node:path";
import { MIN_SECRET_LENGTH, readSecretFile, writeSecretFile } from "./secret-file.ts";

export function resolveAuthSecret(options: { dataDir: string; demo: boolean; production: boolean }): string {
  const configured = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error("NEXTAUTH_SECRET must be at least 32 characters long (try: openssl rand -base64 32).");
    return configured;
  }
  if (options.production && !options.demo) {
    throw new Error("NEXTAUTH_SECRET is not set. Production needs a stable secret of 32+ characters (try: openssl rand -base64 32).");
  }
  const file = path.join(options.dataDir, "auth-secret");
  const stored = readSecretFile(file, {
    what: "The session secret",
    fix: "Delete the file to have a new one made on the next start (everyone then signs in again), or set NEXTAUTH_SECRET.",
  });
  return stored ?? writeSecretFile(file);
}
