/** The landscape poster: sky, mountains, water, land, trees, a hero and weather, layered back to front. */
import { mix } from "./color";
import { birds, horizonGlow, milkyWay, aurora, rainbow, skyGradient, stars, sunOrMoon } from "./layers/sky";
import { skyClouds } from "./layers/clouds";
import { cliff, duneLayer, hillLayer, mountainLayer, type Profile } from "./layers/terrain";
import { forestBand, meadowFlowers, tree } from "./layers/flora";
import { balloon, cabin, castle, lighthouse, rocket, sailboat, skylineRow } from "./layers/structures";
import { deer, figure, hasCreature, sittingAnimal, whaleTail } from "./layers/creatures";
import { fogVeil, lightning, mistBand, rain, snowfall, sparkles } from "./layers/weather";
import { seaWaves, waterDetails } from "./layers/water";
import { excluded, type Layer, type SceneContext, type SceneLayers, type WaterSpec } from "./scene-context";
import { c, paint, path, rect } from "./svg";
import { glyphs } from "./icon-glyphs";
import { objectGlyphOf, objectTokens, standingThings, thing } from "./object";

export function landscape(ctx: SceneContext): SceneLayers {
  const { a, w, h, s, p, kit } = ctx;
  const rng = ctx.rng.fork("landscape");
  const want = (...names: string[]) => names.some((n) => a.subjects.has(n as never));
  const none = a.subjects.size === 0 || [...a.subjects].every((x) => ["sun", "moon", "stars", "clouds", "person"].includes(x));

  const desert = want("desert", "canyon");
  const city = want("city");
  const seaWanted = want("sea", "beach", "island", "lighthouse", "boat", "whale", "waves");
  const lakeWanted = want("lake") || (none && rng.chance(0.45)) || (want("mountain") && !desert && rng.chance(0.35));
  const wet = a.weather.has("rain") && city;
  const hasWater = !excluded(ctx, "water", "sea", "lake", "ocean") && (seaWanted || lakeWanted || wet || (city && rng.chance(0.5)));
  const openSea = seaWanted && !want("lighthouse", "cliff", "island", "lake");
  const mountains = !excluded(ctx, "mountain") && (want("mountain", "volcano") || (!city && !desert && (none || rng.chance(openSea ? 0.2 : 0.55)) && !want("beach")));
  const forest = want("forest") && !excluded(ctx, "forest", "tree");
  const snowy = a.weather.has("snow");

  const back: Layer[] = [];
  const front: Layer[] = [];
  let out = back;

  const tall = s * rng.range(0.26, 0.4) * (1 - a.grade.calm * 0.15 - (city ? 0.3 : 0)) * (1 + Math.max(0, -a.grade.calm) * 0.25);
  // A low sun or moon shows above the peaks rather than hiding behind them.
  const cel = ctx.celestial;
  if (mountains && cel.kind !== "none") ctx.celestial = { ...cel, y: Math.min(cel.y, ctx.horizon - tall * (0.85 + rng.next() * 0.4) - cel.r) };

  // Sky.
  back.push(skyGradient(ctx));
  if (!ctx.transparent) {
    const night = p.time === "night";
    if (night || p.time === "dusk") back.push(stars(ctx, (night ? 1 : 0.3) * (a.weather.has("rain") || a.weather.has("overcast") ? 0.2 : 1) + a.grade.magic * 0.3));
    if (want("galaxy") || (night && want("stars") && rng.chance(0.5))) back.push(milkyWay(ctx));
    if (want("aurora")) back.push(aurora(ctx));
    back.push(horizonGlow(ctx), sunOrMoon(ctx));
    if (a.weather.has("rainbow")) back.push(rainbow(ctx));
    if (a.weather.has("storm")) back.push(lightning(ctx));
    back.push(skyClouds(ctx, 0, ctx.horizon * 0.8));
  }

  // Far land.
  const horizon = ctx.horizon;
  const mist = Math.min(0.9, 0.12 + ctx.fog * 0.6 + Math.max(0, a.grade.calm) * 0.06);
  if (mountains) {
    const layers = a.grade.calm > 0.5 ? 2 : rng.int(2, 4);
    for (let i = 0; i < layers; i++) {
      const depth = layers === 1 ? 0.3 : 0.85 - (i / (layers - 1)) * 0.65;
      const base = horizon + (hasWater ? 0 : i * s * 0.035);
      const layer = mountainLayer(ctx, { label: "mtn" + i, base, height: tall * Math.pow(0.72, i), depth, snow: (snowy || i === 0 || a.words.has("alps")) && i < 2 && !desert, bottom: hasWater ? horizon + 2 : h });
      back.push(layer.svg, mistBand(ctx, base, tall * 0.35, mist * (1 - i * 0.2)));
    }
  }
  if (want("volcano")) back.push(volcano(ctx, horizon));
  let ground: Profile = () => horizon;
  if (city) {
    if (ctx.dark && !ctx.transparent && !kit.line) back.push(cityGlow(ctx));
    back.push(skylineRow(ctx, "city-far", horizon + 1, s * 0.42, 0.75), mistBand(ctx, horizon, s * 0.1, mist * 0.6));
    back.push(skylineRow(ctx, "city-near", horizon + 1, s * 0.3, 0.25));
  }
  if (desert && !hasWater) {
    for (let i = 0; i < 3; i++) {
      const dl = duneLayer(ctx, { label: "dune" + i, base: horizon + (h - horizon) * (0.12 + i * 0.32), height: s * (0.07 + i * 0.1), depth: 0.6 - i * 0.3, colour: p.c.sand, shadow: p.c.sandShadow, bottom: h, waves: 2.6 - i * 0.6 });
      back.push(dl.svg);
      ground = dl.top;
    }
  } else if (!hasWater && !city) {
    if (forest) {
      // Ridge after ridge of trees, each paler in the mist: the misty-forest poster.
      const far = hillLayer(ctx, { label: "hill-far", base: horizon + (h - horizon) * 0.06, height: s * 0.06, depth: 0.75, colour: p.c.land, shadow: p.c.landShadow, bottom: h });
      back.push(far.svg, forestBand(ctx, "forest-far", far.top, s * 0.08, 0.7, 1.4), mistBand(ctx, horizon + (h - horizon) * 0.12, s * 0.1, mist * 0.9 + 0.1));
    }
    const mid = hillLayer(ctx, { label: "hill-mid", base: horizon + (h - horizon) * 0.25, height: s * 0.08, depth: 0.45, colour: p.c.land, shadow: p.c.landShadow, bottom: h });
    back.push(mid.svg);
    if (forest || (want("tree") && rng.chance(0.5))) back.push(forestBand(ctx, "forest-mid", mid.top, s * (forest ? 0.12 : 0.09), 0.45, forest ? 1.3 : 1), mistBand(ctx, horizon + (h - horizon) * 0.3, s * 0.1, mist * 0.7));
    const field = want("flower", "meadow");
    const near = hillLayer(ctx, { label: "hill-near", base: horizon + (h - horizon) * (field ? 0.4 : 0.62), height: s * 0.09, depth: 0, colour: p.c.land, shadow: p.c.landShadow, bottom: h, waves: 0.9 });
    if (forest) back.push(forestBand(ctx, "forest-near", (x) => near.top(x) - s * 0.02, s * 0.16, 0.15, 0.8));
    back.push(near.svg);
    ground = near.top;
  } else if (city && !hasWater) {
    back.push(rect(0, horizon, w, h - horizon, paint(kit, mix(p.c.building, [10, 10, 16], 0.5), "terrain")));
    ground = () => horizon + (h - horizon) * 0.7;
  }

  // Water and what stands in it.
  let water: WaterSpec | undefined;
  if (hasWater) {
    const sea = seaWanted || (!lakeWanted && !city);
    water = { top: horizon, kind: wet && !seaWanted && !lakeWanted ? "street" : sea ? "sea" : "lake", reflectivity: sea ? 0.55 : 0.8 + Math.max(0, a.grade.calm) * 0.1, ripple: wet ? 2 : sea ? 14 : 5 - Math.max(0, a.grade.calm) * 2, smear: wet ? 40 : 1 };
    out = front;
    const rough = a.weather.has("storm") || want("waves") ? 1 : water.kind === "sea" && a.grade.calm < -0.3 ? 0.6 : 0;
    if (rough > 0.5) water.reflectivity *= 0.6;
    front.push(waterDetails(ctx, water));
    if (rough > 0) front.push(seaWaves(ctx, water, rough));
    if (want("island") || (want("beach") && rng.chance(0.3))) front.push(island(ctx, horizon));
    if (want("boat")) front.push(sailboat(ctx, rng.fork("boat"), w * rng.range(0.25, 0.75), horizon + (h - horizon) * rng.range(0.2, 0.45), s * 0.12));
    if (want("whale")) front.push(whaleTail(ctx, w * rng.range(0.3, 0.7), horizon + (h - horizon) * 0.35, s * 0.18));
    ground = () => h + s;
    if (want("beach")) {
      const beach = duneLayer(ctx, { label: "beach", base: horizon + (h - horizon) * 0.72, height: s * 0.05, depth: 0, colour: p.c.sand, shadow: mix(p.c.sand, p.c.sandShadow, 0.4), bottom: h, waves: 0.4 });
      front.push(beach.svg);
      ground = beach.top;
    } else if (!want("lighthouse", "cliff") && (want("meadow", "flower", "hill", "tree", "cabin", "castle", "person") || hasCreature(a.subjects) || standingThing(a) || forest)) {
      const shore = hillLayer(ctx, { label: "shore", base: horizon + (h - horizon) * 0.75, height: s * 0.07, depth: 0, colour: p.c.land, shadow: p.c.landShadow, bottom: h, waves: 0.8 });
      front.push(shore.svg);
      ground = shore.top;
    }
  }
  if (want("lighthouse", "cliff")) {
    const side = rng.chance(0.5) ? "left" : "right";
    const topY = horizon - s * rng.range(0.06, 0.14);
    const cl = cliff(ctx, side, topY, w * rng.range(0.3, 0.42), h);
    out.push(cl.svg);
    if (want("lighthouse")) out.push(lighthouse(ctx, side === "left" ? cl.edgeX - s * 0.09 : cl.edgeX + s * 0.09, topY + s * 0.025, s * 0.36));
  }
  out.push(...hero(ctx, ground, hasWater));
  if (want("bird") && !excluded(ctx, "bird")) out.push(birds(ctx, rng.int(4, 9)));
  else if (!ctx.dark && rng.chance(0.25) && !excluded(ctx, "bird")) out.push(birds(ctx, rng.int(2, 5)));

  // Weather over everything.
  out.push(fogVeil(ctx));
  if (a.weather.has("rain") || a.weather.has("storm")) out.push(rain(ctx));
  if (snowy) out.push(snowfall(ctx));
  if (a.grade.magic > 0.2) out.push(sparkles(ctx, Math.round(a.grade.magic * 40), horizon * 0.5, h));
  return { back, front, water };
}

/** The subject of the picture, standing on the foreground. */
function hero(ctx: SceneContext, ground: Profile, hasWater: boolean): Layer[] {
  const { a, w, h, s } = ctx;
  const rng = ctx.rng.fork("hero");
  const want = (n: string) => a.subjects.has(n as never);
  const out: Layer[] = [];
  const onGround = (x: number) => Math.min(h - s * 0.02, ground(x));
  const grounded = ground(w / 2) < h;
  const treeKind = want("palm") || want("beach") || want("island") ? "palm" : want("forest") || a.weather.has("snow") ? "pine" : a.grade.fog > 0.5 && ctx.dark ? "bare" : "round";
  const barren = want("desert") || want("canyon") || want("city");
  if ((want("tree") || want("palm") || want("forest") || (!hasWater && !barren && rng.chance(0.4))) && !excluded(ctx, "tree", "forest") && grounded) {
    const count = want("forest") ? rng.int(2, 4) : rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const left = i % 2 === 0;
      const x = left ? rng.range(-0.02, 0.18) * w : rng.range(0.82, 1.02) * w;
      out.push(tree(ctx, rng.fork("tree" + i), x, onGround(x) + s * 0.02, s * rng.range(0.3, 0.5) * (treeKind === "pine" ? 1.3 : 1), treeKind));
    }
  }
  if ((want("flower") || want("meadow") || a.season === "spring") && grounded) out.push(meadowFlowers(ctx, (x) => onGround(x) + s * 0.01, h, Math.round((want("flower") ? 90 : 40) * (w / s))));
  if (want("cabin") && grounded) out.push(cabin(ctx, rng.fork("cabin"), w * rng.range(0.35, 0.65), onGround(w / 2) + s * 0.03, s * 0.2));
  if (want("village") && grounded) for (let i = 0; i < 4; i++) { const x = w * (0.2 + i * 0.2 + rng.signed() * 0.05); out.push(cabin(ctx, rng.fork("house" + i), x, onGround(x) + s * 0.02, s * rng.range(0.08, 0.12))); }
  if (want("castle")) {
    const x = w * rng.range(0.35, 0.65);
    out.push(castle(ctx, rng.fork("castle"), x, grounded ? onGround(x) + s * 0.03 : ctx.horizon + 1, s * (grounded ? 0.42 : 0.3)));
  }
  const creature = hasCreature(a.subjects);
  if (creature && grounded) {
    const x = w * rng.range(0.3, 0.7);
    const dir = x > w / 2 ? -1 : 1;
    const y = onGround(x) + s * 0.06;
    out.push(creature === "deer" ? deer(ctx, x, y, s * 0.32, dir) : sittingAnimal(ctx, creature, x, y, s * 0.3, dir));
  } else if (want("person") && grounded && !excluded(ctx, "person", "people")) {
    const x = w * rng.range(0.3, 0.7);
    out.push(figure(ctx, x, onGround(x) + s * 0.02, s * 0.12));
  }
  // A car or a robot named in a landscape stands on its ground (object.ts draws it alone, large, otherwise).
  const standing = standingThing(a);
  if (standing && grounded) {
    const tr = rng.fork("thing");
    const x = w * tr.range(0.3, 0.7);
    out.push(thing(ctx, glyphs[standing], x, onGround(x) + s * 0.03, s * tr.range(0.2, 0.28), x > w / 2 ? -1 : 1, a.bound.get("object") ?? ctx.p.c.object, ctx.p.accents[0]));
  }
  if (want("balloon")) for (let i = 0; i < rng.int(1, 4); i++) out.push(balloon(ctx, rng.fork("balloon" + i), w * rng.range(0.1, 0.9), ctx.horizon * rng.range(0.2, 0.7), s * rng.range(0.03, 0.08) * (i === 0 ? 1.6 : 1)));
  if (want("rocket")) out.push(rocket(ctx, w * rng.range(0.3, 0.7), ctx.horizon * 0.45, s * 0.16, rng.range(-20, 20)));
  return out;
}

/** The car or robot of the prompt, which stands on the ground (a shore is made for it by the water). */
const standingThing = (a: SceneContext["a"]) => objectTokens(a).map(objectGlyphOf).find((g) => g !== undefined && standingThings.has(g));

/** Light pollution: a warm (or neon) haze rising behind a city at night. */
function cityGlow(ctx: SceneContext): string {
  const { w, horizon, p, defs, a, s } = ctx;
  const col = a.modifiers.has("neon") ? p.accents[0] : mix(p.c.window, p.c.haze, 0.4);
  return rect(0, horizon - s * 0.6, w, s * 0.6 + 1, `fill="${defs.linear([[0, col, 0], [1, col, 0.45]])}"`);
}

function island(ctx: SceneContext, horizon: number): string {
  const { w, s, p, kit } = ctx;
  const rng = ctx.rng.fork("island");
  const x = w * rng.range(0.25, 0.75);
  const r = s * rng.range(0.12, 0.2);
  const y = horizon + s * 0.02;
  let out = path(`M${x - r} ${y}Q${x} ${y - r * 0.5} ${x + r} ${y}Z`, paint(kit, mix(p.c.sand, p.c.land, 0.5), "terrain"));
  if (!excluded(ctx, "tree", "palm")) for (let i = 0; i < 3; i++) out += tree(ctx, rng.fork("palm" + i), x + (i - 1) * r * 0.4, y - r * 0.12, s * rng.range(0.12, 0.2), "palm");
  return out;
}

function volcano(ctx: SceneContext, base: number): string {
  const { w, s, p, kit, defs } = ctx;
  const rng = ctx.rng.fork("volcano");
  const x = w * rng.range(0.3, 0.7);
  const hgt = s * 0.38;
  const wide = s * 0.55;
  const rock = mix(p.c.rockShadow, p.c.haze, 0.2);
  let out = "";
  if (!kit.line) {
    let smoke = "";
    for (let i = 0; i < 8; i++) smoke += `<circle cx="${x + i * s * 0.03 + rng.signed() * s * 0.02}" cy="${base - hgt - s * 0.05 - i * s * 0.05}" r="${s * (0.04 + i * 0.015)}"/>`;
    out += `<g fill="${c(mix(p.c.cloudShade, [60, 55, 60], 0.5))}" fill-opacity="0.55">${smoke}</g>`;
    out += `<circle cx="${x}" cy="${base - hgt}" r="${s * 0.12}" fill="${defs.radialAt([[0, [255, 120, 40], 0.7], [1, [255, 80, 20], 0]], x, base - hgt, s * 0.12)}"/>`;
  }
  out += path(`M${x - wide} ${base}L${x - s * 0.05} ${base - hgt}L${x - s * 0.02} ${base - hgt + s * 0.015}L${x + s * 0.02} ${base - hgt + s * 0.01}L${x + s * 0.05} ${base - hgt}L${x + wide} ${base}Z`, paint(kit, rock, "terrain"));
  if (!kit.line) out += path(`M${x - s * 0.03} ${base - hgt + s * 0.012}L${x - s * 0.06} ${base - hgt * 0.5}L${x - s * 0.015} ${base - hgt * 0.7}L${x + s * 0.01} ${base - hgt * 0.35}L${x + s * 0.025} ${base - hgt + s * 0.012}Z`, `fill="#ff6a2a" fill-opacity="0.85"`);
  return out;
}
