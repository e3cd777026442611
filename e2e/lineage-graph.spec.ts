// The lineage as a graph, in a real browser against the local renderer: an image generated from two reference
// images (one labelled) and a variation of it. Its page shows what it was made from (thumbnails with their roles),
// and the family graph draws each image once with an edge per parent in its role; the keyboard walks it; axe finds
// nothing critical or serious.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAllDecoded } from "./pages/common";
import { ImagePage } from "./pages/image";
import { AxeAudit } from "./support/axe";
import { drawHalves, drawQuadrants } from "./support/draw";

async function upload(request: APIRequestContext, file: string): Promise<string> {
  const res = await request.post("/api/v1/images", { multipart: { file: { name: file.split("/").pop()!, mimeType: "image/png", buffer: readFileSync(file) } } });
  expect(res.status(), await res.text()).toBe(201);
  return String((await res.json()).id);
}

/** Starts a job and waits for it (`Prefer: wait`); answers its one image's id. */
async function madeBy(request: APIRequestContext, path: string, data: Record<string, unknown>): Promise<string> {
  const res = await request.post(path, { data, headers: { Prefer: "wait" } });
  expect(res.status(), await res.text()).toBe(201);
  const job = (await res.json()) as { images: Array<{ id: string }> };
  expect(job.images).toHaveLength(1);
  return job.images[0].id;
}

test("an image made from two references: 'Made from' shows both with their roles, the graph draws each image once", async ({ page }, testInfo) => {
  const a = await upload(page.request, await drawQuadrants(testInfo.outputPath("reference-a.png"), 320, 240));
  const b = await upload(page.request, await drawHalves(testInfo.outputPath("reference-b.png"), 320, 240, "#c81e1e", "#1e3cc8"));
  const c = await madeBy(page.request, "/api/v1/generations", {
    prompt: "a person in the red jacket on a quiet street",
    provider: "local",
    n: 1,
    referenceImageIds: [a, { id: b, label: "the red jacket" }],
  });
  const d = await madeBy(page.request, `/api/v1/images/${c}/variations`, { n: 1, provider: "local" });

  await page.goto(`/images/${c}`);
  const madeFrom = page.getByTestId("made-from");
  const parents = madeFrom.getByRole("link");
  await expect(parents).toHaveCount(2);
  await expect(parents.nth(0)).toHaveAttribute("href", `/images/${a}`);
  await expect(parents.nth(1)).toHaveAttribute("href", `/images/${b}`);
  for (const link of [parents.nth(0), parents.nth(1)]) await expect(link).toHaveAttribute("data-role", "reference");
  await expect(madeFrom.getByTestId("made-from-role")).toHaveText(["Reference 1", "Reference 2 · the red jacket"]);
  // Pictures, not text: both thumbnails decode.
  await expectAllDecoded(madeFrom.locator("img"), { scroll: true });
  await expect(page.getByTestId("image-lineage")).toContainText("Made from 2 reference images");

  // The graph: A, B, C, D once each; two reference edges into C, a source edge from C to D; C under both.
  const tree = new ImagePage(page).familyTree;
  const graph = tree.scroller;
  await graph.scrollIntoViewIfNeeded();
  const nodes = tree.nodes;
  await expect(nodes).toHaveCount(4);
  expect((await nodes.evaluateAll((els) => els.map((el) => el.getAttribute("data-image-id")))).sort()).toEqual([a, b, c, d].sort());
  const edges = await graph.getByTestId("lineage-edge").evaluateAll((els) =>
    els.map((el) => `${el.getAttribute("data-parent")}→${el.getAttribute("data-child")}:${el.getAttribute("data-role")}`),
  );
  expect(edges.sort()).toEqual([`${a}→${c}:reference`, `${b}→${c}:reference`, `${c}→${d}:source`].sort());
  const depth = (id: string) => tree.node(id).getAttribute("data-depth");
  expect(await Promise.all([a, b, c, d].map(depth))).toEqual(["0", "0", "1", "2"]);
  await expect(tree.current()).toHaveAttribute("data-image-id", c);
  await expect(page.getByTestId("lineage-legend")).toHaveText(/Source.*Reference/);
  await expect(graph.locator(`[data-image-id="${b}"]`)).toHaveAttribute("aria-label", /Reference 2 of this image, label “the red jacket”/);
  // Each reference edge says which reference it is, and its label (the full text in its title).
  const refLabels = graph.getByTestId("reference-edge-label");
  await expect(refLabels).toHaveText(["Ref 1", "Ref 2 · the red jacket"]);
  await expect(graph.locator(`[data-testid="reference-edge-label"][data-parent="${b}"]`)).toHaveAttribute("title", "Ref 2 · the red jacket");
  // The edges into this image and out of it to its children are both highlighted.
  for (const [from, to] of [[a, c], [c, d]]) await expect(graph.locator(`[data-testid="lineage-edge"][data-parent="${from}"][data-child="${to}"]`)).toHaveAttribute("data-highlighted", "true");
  // References read left to right by their position.
  const left = (id: string) => tree.node(id).evaluate((el) => el.getBoundingClientRect().left);
  expect(await left(a)).toBeLessThan(await left(b));

  await tree.section.screenshot({ path: testInfo.outputPath("lineage-graph.png") });
  await madeFrom.screenshot({ path: testInfo.outputPath("made-from.png") });
  const audit = new AxeAudit(testInfo);
  await audit.check(page, "image made from two references");

  // Keyboard: from this image ↑ to its first parent (reference 1), → to the second, Enter opens it.
  await graph.locator(`[data-image-id="${c}"]`).focus();
  await page.keyboard.press("ArrowDown");
  expect(await tree.focusedId()).toBe(d);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  expect(await tree.focusedId()).toBe(a);
  await page.keyboard.press("ArrowRight");
  expect(await tree.focusedId()).toBe(b);
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/images/${b}`);
  // B was made from nothing: no "Made from"; its family is still the whole graph, seen from it.
  await expect(page.getByTestId("image-details")).toBeVisible();
  await expect(page.getByTestId("made-from")).toHaveCount(0);
  await expect(tree.current()).toHaveAttribute("data-image-id", b);
  for (const id of [b, c, d]) await expect(tree.node(id)).toHaveCount(1);

  // A reference moved to the trash: still listed as what C was made from (its edge stays until it is deleted for
  // good), said to be in the trash, its picture a neutral tile if the file is refused; the graph leaves it out.
  const trashed = await page.request.delete(`/api/v1/images/${a}`);
  expect(trashed.ok(), await trashed.text()).toBe(true);
  await page.goto(`/images/${c}`);
  await expect(parents).toHaveCount(2);
  await expect(parents.nth(0)).toContainText("In the trash");
  await expect(parents.nth(1)).not.toContainText("In the trash");
  const picture = parents.nth(0).locator("img, [data-testid='made-from-missing']");
  await expect(picture).toHaveCount(1);
  await expect(nodes).toHaveCount(3);
  await expect(graph.locator(`[data-testid="lineage-edge"][data-parent="${a}"]`)).toHaveCount(0);
  await expect(page.locator('[data-testid="made-from-link"], [data-testid="parent-link"]').first().locator("[data-in-trash]")).toHaveCount(1);
  await expect(page.getByTestId("lineage-hidden-parents")).toHaveText("1 parent in the trash is not drawn");

  await audit.expectClean();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the graph opens scrolled to this image, which is within the visible scroll area", async ({ page }, testInfo) => {
    const refs: string[] = [];
    for (let i = 0; i < 4; i++) refs.push(await upload(page.request, await drawHalves(testInfo.outputPath(`ref-${i}.png`), 160, 120, "#c81e1e", i % 2 ? "#1e3cc8" : "#1ec83c")));
    await madeBy(page.request, "/api/v1/generations", { prompt: "four references", provider: "local", n: 1, referenceImageIds: refs });
    // Reference 4 is drawn rightmost, past the phone's width.
    const last = refs[3];
    await page.goto(`/images/${last}`);
    const tree = new ImagePage(page).familyTree;
    const graph = tree.scroller;
    await graph.scrollIntoViewIfNeeded();
    const scrollY = await page.evaluate(() => window.scrollY);
    await expect(tree.nodes).toHaveCount(5);
    expect(await graph.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect
      .poll(() =>
        graph.evaluate((box, id) => {
          const node = box.querySelector(`[data-testid="lineage-node"][data-image-id="${id}"]`)!.getBoundingClientRect();
          const view = box.getBoundingClientRect();
          return node.left >= view.left - 1 && node.right <= view.right + 1 && box.scrollLeft > 0;
        }, last),
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
  });
});
