import { describe, expect, it } from "vitest";
import { configuredOAuthProviders, oauthProviders } from "./providers.ts";

describe("OAuth providers follow their environment variables", () => {
  const cases: Array<[string, Record<string, string>, string[]]> = [
    ["none configured", {}, []],
    ["GitHub only", { GITHUB_ID: "id", GITHUB_SECRET: "secret" }, ["github"]],
    ["GitHub id without secret", { GITHUB_ID: "id" }, []],
    ["Google only", { GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" }, ["google"]],
    ["both", { GITHUB_ID: "a", GITHUB_SECRET: "b", GOOGLE_CLIENT_ID: "c", GOOGLE_CLIENT_SECRET: "d" }, ["github", "google"]],
  ];
  it.each(cases)("%s", (_name, env, expected) => {
    expect(configuredOAuthProviders(env).map((provider) => provider.id)).toEqual(expected);
    expect(oauthProviders(env).map((provider) => provider.id)).toEqual(expected);
  });
});
