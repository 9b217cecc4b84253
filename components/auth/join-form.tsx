"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { submitJson } from "@/components/ui/submit";
import { safeReturnPath } from "@/lib/http/safe-return-path";

export function JoinForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await submitJson("/api/join", "POST", { joinCode: String(new FormData(event.currentTarget).get("joinCode") ?? "") });
    if (result.ok) {
      router.replace(safeReturnPath(callbackUrl));
      router.refresh();
    }
    else {
      setPending(false);
      setError(result.error.message);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Join code" name="joinCode" required maxLength={64} autoComplete="off" autoFocus />
      <SubmitButton pending={pending}>Join the course</SubmitButton>
    </form>
  );
}
