import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { configuredOAuthProviders } from "@/lib/auth/providers";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await getCurrentActor()) redirect(callbackUrl);
  const notice = params.changed ? "Your password was changed. Sign in with the new one." : params.error ? "That sign-in did not work. Try again." : null;
  return (
    <AuthCard title="Sign in to Marginalia" intro="Read the seminar's papers together.">
      {notice ? (
        <p role="status" className="mb-4 rounded-lg bg-accent-soft px-3 py-2 text-sm text-accent">
          {notice}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} oauth={configuredOAuthProviders()} />
    </AuthCard>
  );
}
