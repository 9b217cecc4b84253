"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { submitJson, type SubmitError } from "@/components/ui/submit";
import { safeReturnPath } from "@/lib/http/safe-return-path";

export function SignUpForm({ callbackUrl: requested }: { callbackUrl: string }) {
  // The page checked it already; checked again here because this is where the browser navigates.
  const callbackUrl = safeReturnPath(requested);
  const router = useRouter();
  const [error, setError] = useState<SubmitError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = Object.fromEntries(["name", "email", "password", "joinCode"].map((key) => [key, String(form.get(key) ?? "")]));
    setPending(true);
    setError(null);
    const result = await submitJson("/api/signup", "POST", input);
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      return;
    }
    const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.replace(signedIn?.ok && !signedIn.error ? callbackUrl : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error && Object.keys(error.fields).length === 0 ? error.message : null} />
      <Field label="Name" name="name" autoComplete="name" required maxLength={100} error={error?.fields.name} autoFocus />
      <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={254} error={error?.fields.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        hint="At least 10 characters."
        error={error?.fields.password}
      />
      <Field label="Join code" name="joinCode" required maxLength={64} autoComplete="off" hint="Your instructor gives it to the class." error={error?.fields.joinCode} />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-muted">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
