/** One line that says why a database did not answer and what to check, without a stack trace. */
export function describeConnectionError(databaseUrl: string, error: unknown): string {
  let where = "the database";
  try {
    const url = new URL(databaseUrl);
    where = `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "DATABASE_URL is not a valid postgresql:// connection string.";
  }
  const code = (error as { code?: string }).code;
  const reason =
    code === "ECONNREFUSED"
      ? "nothing is listening there"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "that host name does not resolve"
        : code === "28P01" || code === "28000"
          ? "the user name or password was refused"
          : code === "3D000"
            ? "that database does not exist"
            : code === "ETIMEDOUT"
              ? "the connection timed out"
              : ((error as Error).message ?? "unknown error");
  return `Cannot connect to PostgreSQL at ${where}: ${reason}. Check DATABASE_URL, or unset it to use the embedded database.`;
}
