/** Reads a TensorFlow.js graph model (model.json + weight shards) into plain data. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface TfAttrValue {
  readonly i?: string;
  readonly f?: number;
  readonly b?: boolean;
  readonly s?: string;
  readonly type?: string;
  readonly list?: { readonly i?: readonly string[]; readonly s?: readonly string[] };
  readonly shape?: { readonly dim?: readonly { readonly size?: string }[] };
}

export interface TfNode {
  readonly name: string;
  readonly op: string;
  readonly input: readonly string[];
  readonly attr: Readonly<Record<string, TfAttrValue>>;
}

export interface TfConst {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

export interface TfGraph {
  readonly nodes: readonly TfNode[];
  readonly consts: ReadonlyMap<string, TfConst>;
  /** Signature output key → node name (without ":0"). */
  readonly outputs: readonly string[];
  readonly modelJsonPath: string;
  /** Bytes of model.json and the weight shards, for provenance hashing. */
  readonly sourceFiles: readonly { readonly path: string; readonly bytes: Uint8Array }[];
}

interface ModelJson {
  readonly format: string;
  readonly modelTopology: { readonly node: readonly { name: string; op: string; input?: string[]; attr?: Record<string, TfAttrValue> }[] };
  readonly signature?: { readonly outputs?: Record<string, { readonly name: string }> };
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: readonly { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
  }[];
}

/** Directory of the Basic Pitch TF.js model shipped in the installed npm package. */
export function basicPitchModelDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('@spotify/basic-pitch/package.json')), 'model');
  } catch {
    throw new Error('@spotify/basic-pitch is not installed (it is a devDependency: run `npm install`); the converter reads its model/ folder');
  }
}

export async function readTfjsGraph(modelJsonPath: string): Promise<TfGraph> {
  const jsonBytes = await readFile(modelJsonPath);
  let model: ModelJson;
  try {
    model = JSON.parse(jsonBytes.toString('utf8')) as ModelJson;
  } catch (err) {
    throw new Error(`${modelJsonPath}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (model.format !== 'graph-model') throw new Error(`${modelJsonPath}: expected a TF.js graph-model, got "${model.format}"`);
  const consts = new Map<string, TfConst>();
  const sourceFiles = [{ path: modelJsonPath, bytes: new Uint8Array(jsonBytes) }];
  for (const group of model.weightsManifest) {
    const shards = await Promise.all(group.paths.map((p) => readFile(join(dirname(modelJsonPath), p))));
    shards.forEach((b, k) => sourceFiles.push({ path: join(dirname(modelJsonPath), group.paths[k]!), bytes: new Uint8Array(b) }));
    const all = Buffer.concat(shards);
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`${modelJsonPath}: weight ${w.name} is quantized; not supported`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`${modelJsonPath}: weight ${w.name} has dtype ${w.dtype}; not supported`);
      const count = w.shape.reduce((a, b) => a * b, 1);
      const bytes = all.subarray(offset, offset + count * 4);
      const copy = new ArrayBuffer(count * 4);
      new Uint8Array(copy).set(bytes);
      consts.set(w.name, { dtype: w.dtype, shape: w.shape, data: w.dtype === 'float32' ? new Float32Array(copy) : new Int32Array(copy) });
      offset += count * 4;
    }
  }
  const nodes = model.modelTopology.node.map((n) => ({ name: n.name, op: n.op, input: n.input ?? [], attr: n.attr ?? {} }));
  const outputs = Object.values(model.signature?.outputs ?? {}).map((o) => o.name.replace(/:0$/, ''));
  return { nodes, consts, outputs, modelJsonPath, sourceFiles };
}
