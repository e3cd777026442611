import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { baseUrlOf } from "@/lib/net/base-url";
import { getPageUser, type CurrentUser } from "./current-user";

/** The incoming page request as a `Request`, so pages resolve their caller exactly like the API routes. */
export async function pageRequest(path = "/"): Promise<Request> {
  const incoming = new Headers(await headers());
  // The origin as the API routes derive it (X-Forwarded-* only behind TRUST_PROXY): Next fills those headers in
  // itself from whatever the client sent.
  const probe = new Request(`http://localhost${path}`, { headers: incoming });
  return new Request(`${baseUrlOf(probe)}${path}`, { headers: incoming });
}

/** The page's caller; nobody signed in (multi-user mode) sends the visitor to /sign-in and back here after. */
export async function requirePageUser(path: string): Promise<CurrentUser> {
  const user = await getPageUser(await pageRequest(path));
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}
