import { z } from "zod";
import { checkCsrf } from "@/lib/api/csrf";
import { readJson } from "@/lib/api/request";
import { publicRoute } from "@/lib/api/route";
import { clientAddressOf, signUp } from "@/lib/auth/accounts";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";

const body = z
  .object({
    email: z.string({ error: "email is required" }).max(254),
    password: z.string({ error: "password is required" }).max(200, "Passwords must be at most 200 characters long."),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

// POST /api/auth/sign-up — {email, password, name?} → 201 account (multi-user mode with ALLOW_SIGN_UP); then sign in
export const POST = publicRoute(async ({ req, baseUrl }) => {
  const refused = checkCsrf(req, baseUrl);
  if (refused) throw refused;
  // Per client address behind a trusted proxy; otherwise one budget for the whole instance (100 an hour).
  const address = clientAddressOf(req);
  const limit = await hitRateLimit({ key: `sign-up:${address ?? "any"}`, limit: address ? 10 : 100, windowSeconds: 3600 });
  if (!limit.allowed) throw new AppError("rate_limited", "Too many sign-ups from this address: try again later.", { retryAfter: limit.retryAfter });
  const account = await signUp(body.parse(await readJson(req)));
  return Response.json(account, { status: 201 });
});
