// Every environment variable the server reads, parsed and checked in one place.
import { z } from "zod";
import { TRUST_PROXY_PROBLEM } from "../auth/client-address.ts";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SEED_DEMO: z.enum(["0", "1", ""]).optional(),
  NODE_ENV: z.string().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRUST_PROXY: z.string().trim().regex(/^\d{0,2}$/, TRUST_PROXY_PROBLEM).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .refine((value) => value.split(",").every((part) => !part.trim() || /^https?:\/\/[^/\s]+$/.test(part.trim())), "ALLOWED_ORIGINS must be a comma-separated list of origins such as https://seminar.example.edu")
    .optional(),
  JOIN_CODE: z.string().max(64, "JOIN_CODE can be at most 64 characters").optional(),
});

export type ServerConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
