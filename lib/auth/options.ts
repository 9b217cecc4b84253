// next-auth configuration. Sessions are signed JWT cookies (the credentials provider requires them);
// each carries the user's sessionVersion, so a password change signs out every other session.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client.ts";
import { isAppError } from "../errors/app-error.ts";
import { safeRedirectUrl } from "../http/safe-return-path.ts";
import { clientAddressFrom } from "./client-address.ts";
import { oauthProviders } from "./providers.ts";
import { signInWithPassword } from "./sign-in.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    adapter: PrismaAdapter(getDb()) as Adapter,
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            const user = await signInWithPassword({ credentials, clientAddress: clientAddressFrom(request.headers ?? {}) });
            return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth passes the message to the sign-in form; only our own, user-facing ones.
            if (isAppError(error)) throw new Error(error.message);
            throw new Error("Sign-in is unavailable right now. Try again in a moment.");
          }
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // Every callbackUrl next-auth is given (sign-in, OAuth, sign-out) ends up here.
      async redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = { id: token.uid ?? "", name: token.name, email: token.email };
        session.sessionVersion = token.sv ?? 0;
        return session;
      },
    },
  };
}
