import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { can } from "@/lib/policies";
import { AuthCard } from "@/components/auth/auth-card";
import { JoinForm } from "@/components/auth/join-form";

export const metadata: Metadata = { title: "Join the course" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where an account that is not in the course yet (a first GitHub or Google sign-in) enters the join code. */
export default async function JoinPage({ searchParams }: Props) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl);
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/join?callbackUrl=${encodeURIComponent(callbackUrl)}`)}`);
  if (!can(actor, "course:join")) redirect(callbackUrl);
  return (
    <AuthCard title="Join the course" intro="Enter the join code your instructor gave the class.">
      <JoinForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
