import "server-only";
import { env } from "@/lib/env";
import { appSecret } from "@/lib/secrets";

/**
 * The secret our outgoing webhooks are signed with, "whsec_<base64>": WEBHOOK_SECRET when set (rotate it there),
 * otherwise derived from the instance secret, so it is stable across restarts and shared by every instance that
 * shares AUTH_SECRET.
 */
export function webhookSigningSecret(): string {
  return env().WEBHOOK_SECRET ?? `whsec_${appSecret("webhooks").toString("base64")}`;
}
