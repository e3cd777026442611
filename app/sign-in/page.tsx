import type { Metadata } from "next";
import { AuthCard, TextLink } from "@/components/account/auth-card";
import { authPageHref, enterAuthPage } from "@/components/account/auth-page";
import { SignInForm } from "@/components/account/sign-in-form";
import { signInErrorMessage } from "@/components/account/sign-in-errors";
import { oauthProviders } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// The sign-in page (Auth.js `pages.signIn` and `pages.error`): ?callbackUrl= is where to go after, ?error=&code=
// what went wrong on the way here. Single-user mode has nobody to sign in: straight to the gallery.
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = await enterAuthPage("/sign-in", one(params.callbackUrl));
  const config = env();
  const signUpHref = authPageHref("/sign-up", callbackUrl);
  return (
    <AuthCard
      title="Sign in to Image Studio"
      subtitle="Your images, keys and limits are your own."
      footer={
        config.ALLOW_SIGN_UP ? (
          <>
            New here? <TextLink href={signUpHref} testId="sign-up-link">Create an account</TextLink>
          </>
        ) : (
          "No account yet? Ask this studio's administrator for one."
        )
      }
    >
      <SignInForm
        providers={oauthProviders()}
        callbackUrl={callbackUrl}
        initialError={signInErrorMessage(one(params.error) || null, one(params.code) || null)}
      />
    </AuthCard>
  );
}
