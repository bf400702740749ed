/** `npm run models:build` reproduces the committed model byte for byte, and the manifest describes it. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBasicPitchOnnx } from './convert/basicPitch.js';
import { REPO_ROOT } from './testData.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('models/basic-pitch.onnx', () => {
  it('is regenerated identically from @spotify/basic-pitch', async () => {
    const committed = await readFile(join(REPO_ROOT, 'models', 'basic-pitch.onnx'));
    const built = await buildBasicPitchOnnx();
    expect(sha256(built.bytes)).toBe(sha256(committed));
  });

  it('matches its manifest entry', async () => {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'models', 'manifest.json'), 'utf8')) as {
      models: { file: string; sha256: string; sampleRate: number; hop: number; windowSamples: number | null; outputs: { name: string }[] }[];
    };
    const entry = manifest.models.find((m) => m.file === 'basic-pitch.onnx');
    expect(entry).toBeDefined();
    const bytes = await readFile(join(REPO_ROOT, 'models', entry!.file));
    expect(entry!.sha256).toBe(sha256(bytes));
    expect(entry!.sampleRate).toBe(22050);
    expect(entry!.hop).toBe(256);
    expect(entry!.windowSamples).toBeNull();
    expect(entry!.outputs.map((o) => o.name)).toEqual(['frames', 'onsets', 'contours']);
    // Small enough to commit: ~185k float32 weights plus the graph.
    expect(bytes.length).toBeLessThan(1_000_000);
  });
});
