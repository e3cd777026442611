// The memory part of bench/processing.ts, run in a fresh process so that nothing measured before it (the
// timing runs, the fixture's generation) inflates the resident set: N uploads of one JPEG in a row, RSS
// sampled every 20 ms. Prints one JSON line. Usage: node --import tsx bench/support/upload-memory.ts FILE N
import { readFileSync } from "node:fs";
import { allowServerOnlyImports } from "./server-only";
import { sampleRss } from "./stats";

async function main() {
  allowServerOnlyImports();
  const [file, count] = [process.argv[2], Number(process.argv[3] ?? 50)];
  const { openStudio } = await import("./studio");
  const studio = await openStudio();
  const bytes = readFileSync(file);
  const upload = () => studio.images.uploadImage({ user: studio.user, bytes, fileName: "bench-photo.jpg", baseUrl: studio.baseUrl });
  try {
    const atStart = process.memoryUsage().rss;
    await upload(); // warm: the first call loads sharp's codecs and the database driver
    const before = process.memoryUsage().rss;
    const sampler = sampleRss(20);
    const started = performance.now();
    for (let i = 0; i < count; i++) await upload();
    const ms = performance.now() - started;
    const { peak, samples } = sampler.stop();
    const after = process.memoryUsage();
    console.log(JSON.stringify({ count, ms, samples, atStart, before, peak, after: after.rss, heapUsed: after.heapUsed, external: after.external }));
  } finally {
    await studio.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
