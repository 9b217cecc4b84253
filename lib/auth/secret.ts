// The key that signs session cookies. Production must provide NEXTAUTH_SECRET; a demo installation
// (embedded database) generates one on first start and keeps it under .data/ so sessions survive restarts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function resolveAuthSecret(options: { dataDir: string; demo: boolean; production: boolean }): string {
  const configured = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error("NEXTAUTH_SECRET must be at least 32 characters long (try: openssl rand -base64 32).");
    return configured;
  }
  if (options.production && !options.demo) {
    throw new Error("NEXTAUTH_SECRET is not set. Production needs a stable secret of 32+ characters (try: openssl rand -base64 32).");
  }
  const file = path.join(options.dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
