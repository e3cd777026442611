"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { ApiError, apiFetch, messageOf } from "@/components/api/client";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { safeCallbackUrl } from "./callback-url";
import { PasswordField } from "./password-field";
import { signInErrorMessage } from "./sign-in-errors";

export const minPasswordLength = 10;
const maxPasswordLength = 200;

type Field = "email" | "password" | "name";

/** The field a 400's details point at ({path: ["email"]}), if any. */
function fieldOf(error: unknown): Field | null {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null;
  const path = (error.details[0] as { path?: unknown[] } | undefined)?.path?.[0];
  return path === "email" || path === "password" || path === "name" ? path : null;
}

/** Email, name and password → POST /api/auth/sign-up → signed in with the same credentials → the gallery. */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const ids = { email: useId(), name: useId(), password: useId(), rule: useId(), error: useId() };
  const inputs = { email: useRef<HTMLInputElement>(null), name: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: Field | null; status?: number } | null>(null);
  const target = safeCallbackUrl(callbackUrl);
  const longEnough = password.length >= minPasswordLength;
  const signInHref = target === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(target)}`;

  const fail = (message: string, field: Field | null, status?: number) => {
    setError({ message, field, status });
    setBusy(false);
    if (field) inputs[field].current?.focus();
  };

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!longEnough) return fail(`Use at least ${minPasswordLength} characters for your password.`, "password");
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/auth/sign-up", { method: "POST", json: { email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) } });
    } catch (e) {
      const status = e instanceof ApiError ? e.status : undefined;
      return fail(messageOf(e), status === 409 ? "email" : fieldOf(e), status);
    }
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false, redirectTo: target });
      if (result?.error || !result?.ok) {
        return fail(`Your account is ready, but signing in failed: ${signInErrorMessage(result?.error ?? "CredentialsSignin", result?.code)}`, null);
      }
      window.location.assign(target);
    } catch {
      fail("Your account is ready, but Image Studio could not be reached to sign you in. Sign in once you are back online.", null);
    }
  };

  const invalid = (field: Field) => (error?.field === field ? true : undefined);
  const describedBy = (field: Field, ...more: string[]) => [...more, error?.field === field ? ids.error : ""].filter(Boolean).join(" ") || undefined;

  return (
    <div className="flex flex-col gap-5">
      {error && (
        <div id={ids.error} role="alert" data-testid="sign-up-error" className="flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <p>
            {error.message}
            {error.status === 409 && (
              <>
                {" "}
                <Link href={signInHref} className="font-medium underline underline-offset-2">
                  Sign in
                </Link>
              </>
            )}
          </p>
        </div>
      )}
      <form onSubmit={submit} className="flex flex-col gap-4">
        <div>
          <label htmlFor={ids.email} className={labelClass}>
            Email
          </label>
          <input
            ref={inputs.email}
            id={ids.email}
            name="email"
            type="email"
            data-testid="sign-up-email"
            autoComplete="email"
            inputMode="email"
            autoFocus
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={invalid("email")}
            aria-describedby={describedBy("email")}
            className={`${inputClass} w-full`}
          />
        </div>
        <div>
          <label htmlFor={ids.name} className={labelClass}>
            Name <span className="font-normal text-subtle">(optional)</span>
          </label>
          <input
            ref={inputs.name}
            id={ids.name}
            name="name"
            type="text"
            data-testid="sign-up-name"
            autoComplete="name"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={invalid("name")}
            aria-describedby={describedBy("name")}
            className={`${inputClass} w-full`}
          />
        </div>
        <PasswordField
          id={ids.password}
          inputRef={inputs.password}
          testId="sign-up-password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          maxLength={maxPasswordLength}
          value={password}
          onChange={setPassword}
          invalid={Boolean(invalid("password"))}
          describedBy={describedBy("password", ids.rule)}
        >
          <p
            id={ids.rule}
            data-testid="password-rule"
            data-met={longEnough}
            className={`mt-1.5 flex items-center gap-1.5 text-xs ${longEnough ? "text-success" : "text-muted"}`}
          >
            {longEnough ? <CheckIcon className="size-3.5" /> : <span className="inline-block size-3.5 rounded-full border border-current" aria-hidden="true" />}
            At least {minPasswordLength} characters
            {password.length > 0 && !longEnough && <span className="text-subtle tabular-nums">({password.length}/{minPasswordLength})</span>}
          </p>
        </PasswordField>
        <button type="submit" data-testid="sign-up-submit" disabled={busy} className={buttonClass("primary", "md", "w-full")}>
          {busy && <Spinner />} {busy ? "Creating your account…" : "Create account"}
        </button>
      </form>
    </div>
  );
}
