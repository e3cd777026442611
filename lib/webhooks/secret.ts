import "server-only";
import { createHmac } from "node:crypto";
import { localUserId } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { appSecret } from "@/lib/secrets";

/**
 * The secret a user's outgoing webhooks are signed with, "whsec_<base64>". The instance's: WEBHOOK_SECRET when set
 * (rotate it there), otherwise derived from the instance secret, so it is stable across restarts and shared by every
 * instance that shares AUTH_SECRET. The local owner of a single-user install signs with it as is; every other user
 * gets their own, derived from it, so no user can sign webhooks in another's name.
 */
export function webhookSigningSecret(ownerId: string): string {
  const instance = env().WEBHOOK_SECRET ?? `whsec_${appSecret("webhooks").toString("base64")}`;
  if (ownerId === localUserId) return instance;
  const key = Buffer.from(instance.slice("whsec_".length), "base64");
  return `whsec_${createHmac("sha256", key).update(`user:${ownerId}`).digest("base64")}`;
}
