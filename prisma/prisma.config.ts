// Prisma CLI configuration (generate only: migrations are applied by lib/db/migrate.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
