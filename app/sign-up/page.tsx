import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard, TextLink } from "@/components/account/auth-card";
import { authPageHref, enterAuthPage } from "@/components/account/auth-page";
import { SignUpForm } from "@/components/account/sign-up-form";
import { buttonClass } from "@/components/ui/styles";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create an account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// Sign-up (multi-user mode with ALLOW_SIGN_UP): the form, or — sign-up closed — a sentence saying whom to ask.
export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const callbackUrl = await enterAuthPage("/sign-up", one((await searchParams).callbackUrl));
  const config = env();
  const signInHref = authPageHref("/sign-in", callbackUrl);

  if (!config.ALLOW_SIGN_UP) {
    return (
      <AuthCard title="Sign-up is closed" subtitle="This studio does not take new accounts on its own.">
        <p data-testid="sign-up-closed" className="text-sm leading-6 text-muted">
          Ask the studio&apos;s administrator to create an account for you. If you already have one, sign in.
        </p>
        <Link href={signInHref} className={buttonClass("primary", "md", "mt-6 w-full")}>
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your account"
      subtitle="Your own gallery, API keys and daily budget."
      footer={
        <>
          Already have an account? <TextLink href={signInHref} testId="sign-in-link">Sign in</TextLink>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
