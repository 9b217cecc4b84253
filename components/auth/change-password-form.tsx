"use client";

import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { submitJson, type SubmitError } from "@/components/ui/submit";

export function ChangePasswordForm() {
  const [error, setError] = useState<SubmitError | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await submitJson("/api/account/password", "POST", {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    if (result.ok) {
      await signOut({ callbackUrl: "/signin?changed=1" });
      return;
    }
    setPending(false);
    setError(result.error);
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required maxLength={200} error={error?.fields.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={10} maxLength={200} hint="At least 10 characters. You will sign in again with it." error={error?.fields.newPassword} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
