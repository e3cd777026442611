import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getPageUser, type CurrentUser } from "./current-user";

/** The incoming page request as a `Request`, so pages resolve their caller exactly like the API routes. */
export async function pageRequest(path = "/"): Promise<Request> {
  const incoming = await headers();
  const host = incoming.get("host") ?? "localhost";
  const proto = incoming.get("x-forwarded-proto") ?? "http";
  return new Request(`${proto}://${host}${path}`, { headers: new Headers(incoming) });
}

/** The page's caller; nobody signed in (multi-user mode) sends the visitor to /sign-in and back here after. */
export async function requirePageUser(path: string): Promise<CurrentUser> {
  const user = await getPageUser(await pageRequest(path));
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return user;
}
