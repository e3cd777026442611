/**
 * What to say for an Auth.js error: from the sign-in page's query (?error=…&code=…, after a redirect) or from
 * `signIn(…, { redirect: false })`. Never says whether an email has an account.
 */
export function signInErrorMessage(error: string | null | undefined, code?: string | null): string | null {
  if (code === "rate_limited") return "Too many attempts: wait 15 minutes before you try again.";
  if (!error) return null;
  switch (error) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "OAuthAccountNotLinked":
      return "This email already belongs to an account: sign in with its password.";
    case "AccessDenied":
      return "Access denied: this account may not sign in here.";
    case "Configuration":
      return "Sign-in is not set up correctly on this studio: ask its administrator.";
    case "Verification":
      return "That sign-in link has expired or was already used.";
    default:
      return "Sign-in failed. Please try again.";
  }
}
