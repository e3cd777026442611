// `npm run admin -- <command>`: operator commands for a deployment (and for scripted checks). Migrates the
// database first, like `npm start`, so it works on a fresh install too. Exit code 0 on success, 1 on failure,
// 2 on a usage error.
// @ts-expect-error: a plain ESM script shared with the start command
import { applyMigrations } from "./migrate.mjs";

const usage = `Usage: npm run admin -- <command>

  user:create EMAIL PASSWORD [--admin]     create an account (password: 10–200 characters)
  user:list                                every account with its role and limits
  user:role EMAIL admin|user               change an account's role
  user:limits EMAIL [--budget USD|default] [--rate N|default]
                                           per-user daily budget (US dollars) and generations per minute
  key:create EMAIL NAME SCOPES             a new API key (SCOPES comma-separated: read,write,generate);
                                           the key alone is printed on the last line
  key:list EMAIL                           the account's keys (prefix only)
  key:revoke PREFIX                        revoke a key by its prefix (isk_…) or id; it stops working at once`;

class UsageError extends Error {}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const flags = new Map<string, string | true>();
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--admin") flags.set("admin", true);
    else if (a === "--budget" || a === "--rate") flags.set(a.slice(2), rest[++i] ?? "");
    else if (a.startsWith("--")) throw new UsageError(`Unknown option ${a}`);
    else args.push(a);
  }
  if (!command || command === "help" || command === "--help") {
    console.log(usage);
    return;
  }
  await applyMigrations(undefined, { quiet: true });
  const { db, disconnectDb } = await import("@/lib/db");
  const { createAccount } = await import("@/lib/auth/accounts");
  const { createApiKey, listApiKeys, revokeApiKey, scopesFrom } = await import("@/lib/auth/api-keys");
  const { AppError } = await import("@/lib/errors");
  const userByEmail = async (email: string | undefined) => {
    if (!email) throw new UsageError("EMAIL is required");
    const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw new AppError("not_found", `No account with the email ${email}`);
    return user;
  };
  const need = (n: number) => {
    if (args.length < n) throw new UsageError(`${command} needs ${n} argument${n === 1 ? "" : "s"}`);
  };
  try {
    switch (command) {
      case "user:create": {
        need(2);
        const account = await createAccount({ email: args[0], password: args[1], role: flags.has("admin") ? "admin" : "user" });
        console.log(`Created ${account.role} ${account.email} (${account.id})`);
        break;
      }
      case "user:list": {
        const users = await db().user.findMany({ orderBy: { createdAt: "asc" } });
        for (const u of users) {
          console.log([u.id, u.email ?? "-", u.role, `budget=${u.dailyBudgetUsd ?? "default"}`, `rate=${u.rateLimitPerMinute ?? "default"}`].join("\t"));
        }
        break;
      }
      case "user:role": {
        need(2);
        if (args[1] !== "admin" && args[1] !== "user") throw new UsageError("the role is admin or user");
        const user = await userByEmail(args[0]);
        await db().user.update({ where: { id: user.id }, data: { role: args[1] } });
        console.log(`${user.email} is now ${args[1]}`);
        break;
      }
      case "user:limits": {
        need(1);
        const user = await userByEmail(args[0]);
        const number = (name: string, value: string | true | undefined, integer: boolean) => {
          if (value === undefined) return undefined;
          if (value === "default") return null;
          const n = Number(value);
          if (value === true || !Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) throw new UsageError(`--${name} takes ${integer ? "a whole number ≥ 1" : "an amount ≥ 0"} or "default"`);
          return n;
        };
        const data = { dailyBudgetUsd: number("budget", flags.get("budget"), false), rateLimitPerMinute: number("rate", flags.get("rate"), true) };
        const updated = await db().user.update({ where: { id: user.id }, data });
        console.log(`${updated.email}: budget=${updated.dailyBudgetUsd ?? "default"} rate=${updated.rateLimitPerMinute ?? "default"}`);
        break;
      }
      case "key:create": {
        need(3);
        const user = await userByEmail(args[0]);
        const { key, apiKey } = await createApiKey(user.id, args[1], scopesFrom(args[2]));
        console.log(`Created key "${apiKey.name}" (${apiKey.prefix}) for ${user.email} with scopes ${apiKey.scopes.join(",")}. It is shown only now:`);
        console.log(key);
        break;
      }
      case "key:list": {
        need(1);
        const user = await userByEmail(args[0]);
        for (const k of await listApiKeys(user.id)) {
          console.log([k.prefix, k.name, k.scopes.join(","), k.revokedAt ? `revoked ${k.revokedAt}` : "active", `last used ${k.lastUsedAt ?? "never"}`].join("\t"));
        }
        break;
      }
      case "key:revoke": {
        need(1);
        const key = await revokeApiKey(null, args[0]);
        console.log(`Revoked ${key.prefix} ("${key.name}")`);
        break;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } finally {
    await disconnectDb();
  }
}

// Exit as soon as the command is done: the schema engine that applied the migrations leaves a 10 s timer behind
// (on PostgreSQL), which would otherwise hold every command for 10 s.
main(process.argv.slice(2)).then(() => process.stdout.write("", () => process.exit(0)), (error: Error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  console.error(error.message);
  process.exit(1);
});
