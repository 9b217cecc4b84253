import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withBodyLimit } from "@/lib/http/body-limit";

// next-auth's own endpoint reads its body itself (a sign-in form: email, password, CSRF token, callbackUrl).
const handler = withBodyLimit(
  (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => NextAuth(authOptions())(request, context),
  { maxBytes: 16 * 1024 },
);

export { handler as GET, handler as POST };
