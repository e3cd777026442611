import "server-only";
import { redirect } from "next/navigation";
import { getPageUser } from "@/lib/auth/current-user";
import { pageRequest } from "@/lib/auth/page-user";
import { env } from "@/lib/env";
import { safeCallbackUrl } from "./callback-url";

/**
 * The way into the sign-in and sign-up pages: single-user mode has nobody to sign in (to the gallery), and a
 * visitor already signed in (a bookmark, the back button) goes on. Returns where to go after, made safe.
 */
export async function enterAuthPage(path: "/sign-in" | "/sign-up", requestedCallback: string): Promise<string> {
  if (env().AUTH_MODE === "single-user") redirect("/");
  const callbackUrl = safeCallbackUrl(requestedCallback);
  if (await getPageUser(await pageRequest(path))) redirect(callbackUrl);
  return callbackUrl;
}

/** A link to the other auth page that keeps where to go after. */
export const authPageHref = (path: "/sign-in" | "/sign-up", callbackUrl: string) =>
  callbackUrl === "/" ? path : `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
