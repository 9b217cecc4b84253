import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/page-guard";
import { getAccount } from "@/lib/members/get-account";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const actor = await requireMember("/account");
  const account = await getAccount({ actor });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Your account</h1>
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-xl border border-rule bg-white p-5 text-sm">
        <dt className="text-muted">Name</dt>
        <dd>{account.name}</dd>
        <dt className="text-muted">Email</dt>
        <dd>{account.email ?? "—"}</dd>
        <dt className="text-muted">Role</dt>
        <dd>{account.role === "INSTRUCTOR" ? "Instructor" : "Student"}</dd>
        <dt className="text-muted">Team</dt>
        <dd>{account.teamName ?? "No team yet"}</dd>
      </dl>
      {account.hasPassword ? (
        <section aria-labelledby="password-heading" className="mt-10">
          <h2 id="password-heading" className="text-lg font-semibold">
            Change password
          </h2>
          <div className="mt-4 rounded-xl border border-rule bg-white p-5">
            <ChangePasswordForm />
          </div>
        </section>
      ) : null}
    </div>
  );
}
