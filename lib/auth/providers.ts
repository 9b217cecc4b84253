// Which sign-in methods are on: email + password always; GitHub and Google when their credentials
// are configured. The sign-in page lists exactly these.
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { Provider } from "next-auth/providers/index";

export interface OAuthProviderInfo {
  id: "github" | "google";
  name: string;
}

export function configuredOAuthProviders(env: Record<string, string | undefined> = process.env): OAuthProviderInfo[] {
  const providers: OAuthProviderInfo[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) providers.push({ id: "github", name: "GitHub" });
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) providers.push({ id: "google", name: "Google" });
  return providers;
}

export function oauthProviders(env: Record<string, string | undefined> = process.env): Provider[] {
  return configuredOAuthProviders(env).map(({ id }) =>
    id === "github"
      ? GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! })
      : GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET! }),
  );
}
