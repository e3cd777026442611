// Part 2 of bench/scale.ts: gallery list latency (GET /api/v1/images route handler, 100 per page) for the first page,
// a middle page and the last one with 100,000 images of one owner in PostgreSQL (keyset pagination).
import { loadAverage, ms, percentile, table } from "./stats";
import type { ScaleStudio } from "./scale-studio";

const int = (name: string, fallback: number, min: number) => Math.max(min, Math.floor(Number(process.env[name] ?? fallback)) || fallback);
const totalImages = int("BENCH_SCALE_IMAGES", 100_000, 1_000);
const listRuns = int("BENCH_SCALE_LIST_RUNS", 200, 20);
const pageSize = 100;
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

// ── 2. Gallery list, first page vs page 1,000 ─────────────────────────────────────────────────────────────────

export async function galleryList(studio: ScaleStudio) {
  const { db, user, baseUrl, schema } = studio;
  const { GET: listRoute } = await import("@/app/api/v1/images/route");
  const { encodeCursor, afterCursor } = await import("@/lib/db-cursor");

  // A real stored image as the template of every seeded row (prompt, placeholder, params: a row of real width).
  let template = await db().image.findFirst({ where: { ownerId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!template) {
    const { default: sharp } = await import("sharp");
    const data = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
    template = await studio.images.storeImage({
      ownerId: user.id,
      kind: "generated",
      format: "png",
      hasAlpha: false,
      width: 256,
      height: 256,
      data,
      fields: { prompt: "a lighthouse on a cliff at dusk", provider: "local", model: "local-v1", seed: 1, searchText: "a lighthouse on a cliff at dusk" },
    });
  }
  const existing = await db().image.count({ where: { ownerId: user.id } });
  const toSeed = Math.max(0, totalImages - existing);

  // Seeding: one INSERT … SELECT per 5,000 rows, copied from the template in SQL (the rows share its storage
  // keys: a list reads no file). Distinct prompts; dates spread over 100 days, older than every real row, with
  // every 4 rows sharing a millisecond (as images of one batch can), so ties on createdAt are broken by id.
  const columns = (
    await db().$queryRawUnsafe<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Image' ORDER BY ordinal_position`,
      schema,
    )
  ).map((c) => c.column_name);
  const oldest = await db().image.findFirst({ where: { ownerId: user.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const newest = (oldest?.createdAt.getTime() ?? Date.now()) - 1000;
  const spanMs = 100 * 24 * 3600 * 1000;
  const override: Record<string, string> = {
    id: `'img_bench' || lpad(g::text, 7, '0')`,
    prompt: `t."prompt" || ', take ' || g`,
    effectivePrompt: `t."effectivePrompt" || ', take ' || g`,
    searchText: `lower(coalesce(t."prompt", 'image') || ', take ' || g)`,
    seed: `g`,
    jobId: `NULL`,
    createdAt: `(to_timestamp(${newest / 1000}) AT TIME ZONE 'UTC') - ((g / 4) * 4)::bigint * ${Math.max(1, Math.floor(spanMs / Math.max(1, toSeed)))} * interval '1 millisecond'`,
  };
  const seedStarted = performance.now();
  for (let from = 1; from <= toSeed; from += 5000) {
    const to = Math.min(toSeed, from + 4999);
    await db().$executeRawUnsafe(
      `INSERT INTO "Image" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map((c) => override[c] ?? `t."${c}"`).join(", ")}
       FROM "Image" t, generate_series(${from}, ${to}) AS g WHERE t.id = $1`,
      template.id,
    );
  }
  await db().$executeRawUnsafe(`ANALYZE "Image"`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const total = await db().image.count({ where: { ownerId: user.id } });

  /** The keyset cursor of the row just before page `page` (1-based), found by walking keys in SQL. */
  const cursorOf = async (page: number) => {
    if (page === 1) return undefined;
    const [row] = await db().$queryRawUnsafe<Array<{ createdAt: Date | string; id: string }>>(
      `SELECT "createdAt", id FROM "Image" WHERE "ownerId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET ${(page - 1) * pageSize - 1} LIMIT 1`,
      user.id,
    );
    const key = { createdAt: asDate(row.createdAt), id: row.id };
    return { key, cursor: encodeCursor(key) };
  };
  const deepPage = Math.floor(total / pageSize); // 1,000 with 100,000 images
  const midPage = Math.max(2, Math.round(deepPage / 2));
  const pages = [1, midPage, deepPage];
  const cursors = new Map(await Promise.all(pages.map(async (p) => [p, await cursorOf(p)] as const)));

  const request = async (page: number) => {
    const c = cursors.get(page);
    const res = await listRoute(new Request(`${baseUrl}/api/v1/images?limit=${pageSize}${c ? `&cursor=${c.cursor}` : ""}`));
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /api/v1/images (page ${page}) answered ${res.status}: ${text.slice(0, 300)}`);
    return text;
  };

  // Correctness first: each page is the right 100 rows.
  const checks: string[] = [];
  for (const page of pages) {
    const body = JSON.parse(await request(page)) as { items: Array<{ id: string }>; nextCursor: string | null };
    const [expected] = await db().$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM "Image" WHERE "ownerId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET ${(page - 1) * pageSize} LIMIT 1`,
      user.id,
    );
    const ok = body.items.length === Math.min(pageSize, total - (page - 1) * pageSize) && body.items[0]?.id === expected.id && (body.nextCursor === null) === (page * pageSize >= total);
    checks.push(`page ${page}: ${body.items.length} items, first ${body.items[0]?.id}${ok ? "" : ` — WRONG (expected ${expected.id})`}`);
  }

  const samples = new Map<number, number[]>(pages.map((p) => [p, []]));
  const queryCurrent = new Map<number, number[]>(pages.map((p) => [p, []]));
  const queryBounded = new Map<number, number[]>(pages.map((p) => [p, []]));
  const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  for (let round = -20; round < listRuns; round++) {
    // The order rotates every round; the first 20 rounds warm up and are not counted.
    const rotated = pages.map((_, i) => pages[(i + round + 20) % pages.length]);
    for (const page of rotated) {
      const t0 = performance.now();
      await request(page);
      const elapsed = performance.now() - t0;
      if (round >= 0) samples.get(page)!.push(elapsed);
    }
    // For reading the numbers: the query alone as listImageRows sends it, and with the redundant bound
    // `createdAt <= cursor.createdAt` that lets PostgreSQL start the index scan at the cursor (a proposal).
    if (round % 4 === 0) {
      for (const page of rotated) {
        const c = cursors.get(page);
        const keyset = c ? afterCursor(c.key) : {};
        let t0 = performance.now();
        await db().image.findMany({ where: { ownerId: user.id, ...keyset }, orderBy, take: pageSize + 1 });
        if (round >= 0) queryCurrent.get(page)!.push(performance.now() - t0);
        t0 = performance.now();
        await db().image.findMany({ where: { ownerId: user.id, ...(c ? { createdAt: { lte: c.key.createdAt } } : {}), ...keyset }, orderBy, take: pageSize + 1 });
        if (round >= 0) queryBounded.get(page)!.push(performance.now() - t0);
      }
    }
  }

  // How PostgreSQL runs the keyset query (the statement's shape as Prisma writes it) for each page.
  const plans: string[] = [];
  for (const page of pages) {
    const c = cursors.get(page);
    const keysetSql = c ? `AND ("createdAt" < $2 OR ("createdAt" = $2 AND id < $3))` : "";
    const params: unknown[] = c ? [user.id, c.key.createdAt, c.key.id] : [user.id];
    const [{ "QUERY PLAN": plan }] = await db().$queryRawUnsafe<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM "Image" WHERE "ownerId" = $1 ${keysetSql} ORDER BY "createdAt" DESC, id DESC LIMIT ${pageSize + 1}`,
      ...params,
    );
    plans.push(`page ${page}: ${describePlan(plan[0].Plan)}; ${fmt(plan[0]["Execution Time"], 2)} ms in PostgreSQL`);
  }

  console.log(
    `\n2. gallery list: GET /api/v1/images?limit=${pageSize} (route handler: auth, query, keyset page, DTOs, JSON) with ${total.toLocaleString("en")} images of one owner ` +
      `(${toSeed.toLocaleString("en")} seeded in ${fmt(seedSeconds)} s, 5,000 rows per INSERT); ${listRuns} rounds after 20 warm-up, pages interleaved; load average ${loadAverage()}`,
  );
  for (const line of checks) console.log(`   ${line}`);
  const p = (v: number[] | undefined, q: number) => percentile(v ?? [], q);
  const rowsBefore = (page: number) => ((page - 1) * pageSize).toLocaleString("en");
  console.log(
    table(
      ["page", "rows before it", "route p50", "route p95", "min", "max", "query p50 (as sent)", "query p50 with createdAt ≤ bound"],
      pages.map((page) => [
        page.toLocaleString("en"),
        rowsBefore(page),
        ms(p(samples.get(page), 50)),
        ms(p(samples.get(page), 95)),
        ms(Math.min(...samples.get(page)!)),
        ms(Math.max(...samples.get(page)!)),
        ms(p(queryCurrent.get(page), 50)),
        ms(p(queryBounded.get(page), 50)),
      ]),
    ),
  );
  for (const line of plans) console.log(`   plan, ${line}`);
  const first = p(samples.get(1), 95);
  const deep = p(samples.get(deepPage), 95);
  const mid = p(samples.get(midPage), 95);
  console.log(`   target: p95 page ${deepPage.toLocaleString("en")} / p95 page 1 ≤ 1.5: ${ms(deep)} / ${ms(first)} = ${fmt(deep / first, 2)} ${verdict(deep / first <= 1.5)}`);
  console.log(`   (not a target) p95 page ${midPage.toLocaleString("en")} / p95 page 1: ${ms(mid)} / ${ms(first)} = ${fmt(mid / first, 2)} ${mid / first <= 1.5 ? "(within 1.5)" : "(above 1.5)"}`);
}

/** A timestamp column from a raw query (a Date, or a UTC text without zone, depending on the driver). */
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(" ", "T")}Z`));

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Scan Direction"?: string;
  "Rows Removed by Filter"?: number;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

/** "Limit → Index Scan Backward on Image_ownerId_createdAt_id_idx (rows removed by filter: 49,900)" and the like. */
function describePlan(node: PlanNode): string {
  const parts: string[] = [];
  let removed = 0;
  const walk = (n: PlanNode, depth: number) => {
    if (depth < 4) parts.push(`${n["Node Type"]}${n["Scan Direction"] === "Backward" ? " Backward" : ""}${n["Index Name"] ? ` (${n["Index Name"]})` : ""}`);
    removed += n["Rows Removed by Filter"] ?? 0;
    for (const child of n.Plans ?? []) walk(child, depth + 1);
  };
  walk(node, 0);
  return `${parts.join(" → ")}, rows removed by filter: ${removed.toLocaleString("en")}`;
}
