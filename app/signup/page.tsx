import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl);
  if (await getCurrentActor()) redirect(callbackUrl);
  return (
    <AuthCard title="Join the seminar" intro="You need the course's join code from your instructor.">
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
