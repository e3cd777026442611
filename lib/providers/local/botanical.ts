/** Flowers close up: a bouquet or a row of stems against a soft backdrop. */
import { adjust, mix, type Rgb } from "./color";
import { bloom, stem } from "./layers/flora";
import { butterfly } from "./layers/creatures";
import type { Rng } from "./random";
import type { Layer, SceneContext, SceneLayers } from "./scene-context";
import { c, circle, f, path, rect } from "./svg";

const kindsByWord: Record<string, "daisy" | "tulip" | "round" | "star" | "rose"> = {
  daisy: "daisy", sunflower: "daisy", tulip: "tulip", rose: "rose", poppy: "round", lotus: "star", lily: "star",
};

export function botanical(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("botanical");
  const back: Layer[] = [];
  const tint = a.bound.get("flower") ?? p.accents[0];
  if (!ctx.transparent) {
    const bg = kit.line ? kit.paper : p.fixed ? p.c.skyHorizon : mix(p.c.skyHorizon, [246, 240, 230], 0.55);
    back.push(rect(0, 0, w, h, `fill="${kit.line || kit.flat ? c(bg) : defs.linearAt([[0, mix(p.c.skyMid, bg, 0.6)], [1, bg]], 0, 0, 0, h)}"`));
    if (!kit.line && rng.chance(0.6)) back.push(circle(w * rng.range(0.3, 0.7), h * rng.range(0.25, 0.4), s * rng.range(0.2, 0.3), `fill="${c(mix(tint, bg, 0.7))}"`));
  }
  const named = [...a.words].map((x) => kindsByWord[x]).find(Boolean);
  const bouquet = rng.chance(0.5);
  const n = rng.int(4, 8);
  const width = Math.max(1, s * (kit.line ? 0.005 : 0.01));
  const items: { x: number; y: number; r: number; colour: Rgb; kind: "daisy" | "tulip" | "round" | "star" | "rose"; rng: Rng }[] = [];
  for (let i = 0; i < n; i++) {
    const fr = rng.fork("flower" + i);
    const x = bouquet ? w / 2 + ((i + 0.5) / n - 0.5) * s * 0.75 + fr.signed() * s * 0.05 : w * ((i + 0.5) / n) + fr.signed() * w * 0.04;
    const y = bouquet ? h * (0.22 + Math.abs((i + 0.5) / n - 0.5) * 0.5) + fr.signed() * h * 0.06 : h * fr.range(0.18, 0.55);
    const colour = a.colors.length || a.bound.has("flower") ? adjust(a.bound.get("flower") ?? a.colors[i % a.colors.length], { l: fr.range(-0.08, 0.08) }) : p.accents[i % p.accents.length];
    items.push({ x, y, r: s * fr.range(0.08, 0.13), colour, kind: named ?? fr.pick(["daisy", "tulip", "round", "star", "rose"] as const), rng: fr });
  }
  const baseX = w / 2;
  for (const it of items) back.push(stem(ctx, it.rng, bouquet ? baseX + it.rng.signed() * s * 0.03 : it.x + it.rng.signed() * s * 0.05, h + s * 0.02, it.x, it.y + it.r * 0.5, width));
  for (const it of items) back.push(it.kind === "rose" ? rose(ctx, it.rng, it.x, it.y, it.r, it.colour) : bloom(ctx, it.rng, it.x, it.y, it.r, it.colour, it.kind));
  if (bouquet && !kit.line) back.push(path(`M${f(baseX - s * 0.09)} ${f(h * 0.78)}L${f(baseX + s * 0.09)} ${f(h * 0.78)}L${f(baseX + s * 0.05)} ${f(h + 2)}L${f(baseX - s * 0.05)} ${f(h + 2)}Z`, `fill="${c(mix(p.accents[1] ?? tint, [250, 245, 235], 0.5))}"`));
  if (a.subjects.has("butterfly")) back.push(butterfly(ctx, rng.fork("butterfly"), w * rng.range(0.2, 0.8), h * rng.range(0.1, 0.3), s * 0.08));
  return { back, front: [] };
}

/** A rose seen from above: nested rings of petals. */
function rose(ctx: SceneContext, rng: Rng, x: number, y: number, r: number, colour: Rgb): string {
  let out = "";
  for (let ring = 0; ring < 4; ring++) {
    const rr = r * (1 - ring * 0.22);
    const petals = 5 + (ring % 2);
    const rot = rng.range(0, Math.PI);
    const col = ctx.kit.line ? colour : adjust(colour, { l: -0.06 * ring + 0.04 });
    for (let i = 0; i < petals; i++) {
      const a = rot + (i / petals) * Math.PI * 2;
      out += circle(x + Math.cos(a) * rr * 0.45, y + Math.sin(a) * rr * 0.45, rr * 0.55, `fill="${c(ctx.kit.line ? ctx.kit.paper : col)}"${ctx.kit.line || ctx.kit.outlines ? ` stroke="${c(ctx.kit.line ? ctx.kit.ink : adjust(col, { l: -0.25 }))}" stroke-width="${f(ctx.kit.u * 1.6)}"` : ""}`);
    }
  }
  return out + circle(x, y, r * 0.12, `fill="${c(ctx.kit.line ? ctx.kit.ink : adjust(colour, { l: -0.25 }))}"`);
}
