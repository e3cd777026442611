import "server-only";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { getPageUser } from "@/lib/auth/current-user";
import { pageRequest } from "@/lib/auth/page-user";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { findAccount } from "@/lib/usage/users";

/** Who the top bar shows: the signed-in person, or the embedded install's local owner. */
export interface PageAccount {
  mode: "single-user" | "multi-user";
  name: string | null;
  email: string | null;
  role: "user" | "admin";
}

/**
 * The account of the page being rendered, once per request; null when nobody is signed in (the sign-in pages).
 * A failure here (a database hiccup) shows a top bar without the account rather than breaking every page.
 */
export const pageAccount = cache(async (): Promise<PageAccount | null> => {
  try {
    const user = await getPageUser(await pageRequest());
    if (!user) return null;
    const row = await findAccount(user.id);
    return { mode: env().AUTH_MODE, name: row?.name ?? null, email: row?.email ?? null, role: user.role };
  } catch (error) {
    // Next's own signals (dynamic rendering, redirects) must pass through.
    unstable_rethrow(error);
    log.warn("top bar: could not resolve the account", { error: (error as Error).message });
    return null;
  }
});
