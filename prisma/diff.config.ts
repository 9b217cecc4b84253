// Prisma 6 configuration for writing migration SQL with its WebAssembly schema engine (see
// lib/db/cli/prisma-cli.ts). The adapter is never connected: schema-to-schema diffs need no database.
import { PrismaPg } from "@prisma/adapter-pg";

const config = {
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.MARGINALIA_DIFF_SCHEMA,
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
};

export default config;
