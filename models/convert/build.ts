/** `npm run models:build`: regenerates models/basic-pitch.onnx and models/manifest.json. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildBasicPitchOnnx } from './basicPitch.js';
import { basicPitchManifestEntry } from './manifest.js';

const MODELS_DIR = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const built = await buildBasicPitchOnnx();
  const sha256 = createHash('sha256').update(built.bytes).digest('hex');
  await writeFile(`${MODELS_DIR}basic-pitch.onnx`, built.bytes);
  const manifest = { models: [basicPitchManifestEntry(sha256, built)] };
  await writeFile(`${MODELS_DIR}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote models/basic-pitch.onnx (${built.bytes.length} bytes, sha256 ${sha256}) and models/manifest.json`);
}

try {
  await main();
} catch (err) {
  console.error(`models:build: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
