// A process for tests/integration/orphan-sweep.test.ts: it stores a batch of images through the configured storage
// (local or S3, from its environment) and is killed mid-batch. The first image is stored whole (files and row);
// the second one's files are written, then its writes never report back, so its row is never made. It prints
// `{"kept":id}` after the first and `{"orphaned":[keys]}` once the second's files are all on storage.
import { allowServerOnlyImports } from "../../bench/support/server-only";
import { solidImage } from "./images";

async function main() {
  allowServerOnlyImports();
  const { storage, setStorageForTests } = await import("@/lib/storage");
  const { storeImage } = await import("@/lib/images");
  const real = storage();
  let hang = false;
  let started = 0;
  const written: string[] = [];
  setStorageForTests(
    Object.assign(Object.create(real) as typeof real, {
      async put(key: string, body: Uint8Array, options: { contentType: string }) {
        if (!hang) return real.put(key, body, options);
        started++;
        await real.put(key, body, options);
        written.push(key);
        // storeImage starts every write at once: when the last one started has landed, they all have.
        if (written.length === started) console.log(JSON.stringify({ orphaned: written }));
        await new Promise(() => {}); // the acknowledgement never comes: killed here
      },
    }),
  );
  const image = async (rgb: [number, number, number]) => ({
    ownerId: "local",
    kind: "uploaded" as const,
    data: await solidImage(300, 200, rgb),
    format: "png" as const,
    width: 300,
    height: 200,
    hasAlpha: false,
  });
  const kept = await storeImage(await image([10, 120, 200]));
  console.log(JSON.stringify({ kept: kept.id }));
  hang = true;
  await storeImage(await image([200, 60, 10]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
