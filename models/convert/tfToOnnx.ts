/**
 * Translates a TF.js graph (the ~28 op types Basic Pitch uses) into an ONNX graph of standard ops.
 * Layout stays NHWC as in TensorFlow; each convolution is wrapped in NHWC↔NCHW transposes, which
 * onnxruntime's transpose optimizer folds at session creation.
 */
import type { TfAttrValue, TfConst, TfGraph, TfNode } from './tfjsGraph.js';

export const ONNX_OPSET = 18;
export const ONNX_IR_VERSION = 8;

export const DataType = { FLOAT: 1, INT64: 7 } as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

export interface OnnxAttribute {
  readonly name: string;
  readonly type: number;
  readonly i?: number;
  readonly f?: number;
  readonly s?: Uint8Array;
  readonly ints?: readonly number[];
}

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute: readonly OnnxAttribute[];
}

export interface OnnxTensor {
  readonly name: string;
  readonly dataType: DataType;
  readonly dims: readonly number[];
  readonly rawData: Uint8Array;
}

/** A dimension is a fixed size or a symbolic name (dynamic). */
export type OnnxDim = number | string;

export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: DataType;
  readonly shape: readonly OnnxDim[];
  readonly docString: string;
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export interface ConvertOptions {
  /** Graph input name and its dims (symbolic names make a dimension dynamic). */
  readonly input: OnnxValueInfo;
  /** TF node name → ONNX output description (renamed to `info.name`). */
  readonly outputs: ReadonlyMap<string, OnnxValueInfo>;
  /**
   * Integer constants that hard-code the training window's length inside Reshape target shapes;
   * they are replaced by -1 so the time axis becomes dynamic.
   */
  readonly dynamicShapeConstants: readonly number[];
  /**
   * Optional crop of the time axis (axis 1) after one node: an extra int64 [1] input (0 = keep all)
   * keeps only the last k frames from there on. Lets a streaming caller run the convolutional head on the
   * newest frames only while the CQT and its window-wide normalization still see the whole window.
   */
  readonly timeCrop?: { readonly afterNode: string; readonly input: OnnxValueInfo };
}

const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

const intAttr = (name: string, i: number): OnnxAttribute => ({ name, type: ATTR_INT, i });
const intsAttr = (name: string, ints: readonly number[]): OnnxAttribute => ({ name, type: ATTR_INTS, ints });
const stringAttr = (name: string, s: string): OnnxAttribute => ({ name, type: ATTR_STRING, s: new TextEncoder().encode(s) });

function decodeAttrString(v: TfAttrValue | undefined): string {
  return v?.s === undefined ? '' : Buffer.from(v.s, 'base64').toString('utf8');
}

function tfInt(node: TfNode, key: string, fallback?: number): number {
  const v = node.attr[key]?.i;
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`node ${node.name} (${node.op}): missing int attribute "${key}"`);
  }
  return Number(v);
}

function tfInts(node: TfNode, key: string): number[] {
  return (node.attr[key]?.list?.i ?? []).map(Number);
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const a = new BigInt64Array(values.map((v) => BigInt(v)));
  return new Uint8Array(a.buffer);
}

function floatBytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/** HWIO (TensorFlow) → OIHW (ONNX) convolution weights. */
function hwioToOihw(c: TfConst): { dims: number[]; data: Float32Array } {
  const [h, w, i, o] = c.shape as [number, number, number, number];
  const src = c.data as Float32Array;
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let ci = 0; ci < i; ci++)
        for (let co = 0; co < o; co++) out[((co * i + ci) * h + y) * w + x] = src[((y * w + x) * i + ci) * o + co]!;
  return { dims: [o, i, h, w], data: out };
}

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly initNames = new Set<string>();

  constructor(private readonly consts: ReadonlyMap<string, TfConst>) {}

  node(opType: string, name: string, input: readonly string[], output: readonly string[], attribute: readonly OnnxAttribute[] = []): void {
    this.nodes.push({ name, opType, input, output, attribute });
  }

  int64(name: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    if (!this.initNames.has(name)) {
      this.initNames.add(name);
      this.initializers.push({ name, dataType: DataType.INT64, dims, rawData: int64Bytes(values) });
    }
    return name;
  }

  float(name: string, values: Float32Array, dims: readonly number[]): string {
    if (!this.initNames.has(name)) {
      this.initNames.add(name);
      this.initializers.push({ name, dataType: DataType.FLOAT, dims, rawData: floatBytes(values) });
    }
    return name;
  }

  isConst(name: string): boolean {
    return this.consts.has(name);
  }

  constant(name: string): TfConst {
    const c = this.consts.get(name);
    if (!c) throw new Error(`expected a constant input "${name}"`);
    return c;
  }

  constInts(name: string): number[] {
    return Array.from(this.constant(name).data, Number);
  }

  /** Emits a TF constant as an initializer (ints widened to int64) and returns its name. */
  useConst(name: string): string {
    const c = this.constant(name);
    return c.dtype === 'float32' ? this.float(name, c.data as Float32Array, c.shape) : this.int64(name, Array.from(c.data, Number), c.shape);
  }
}

function inputName(ref: string): string {
  const m = /^([^:^]+)(?::(\d+))?$/.exec(ref);
  if (!m || (m[2] !== undefined && m[2] !== '0')) throw new Error(`unsupported tensor reference "${ref}"`);
  return m[1]!;
}

/** Depth-first topological order over the non-constant nodes. */
function topoSort(nodes: readonly TfNode[]): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const order: TfNode[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (n: TfNode): void => {
    const s = state.get(n.name);
    if (s === 2) return;
    if (s === 1) throw new Error(`cycle in graph at ${n.name}`);
    state.set(n.name, 1);
    for (const ref of n.input) {
      if (ref.startsWith('^')) continue;
      const dep = byName.get(inputName(ref));
      if (dep) visit(dep);
    }
    state.set(n.name, 2);
    order.push(n);
  };
  nodes.forEach(visit);
  return order;
}

function convertStridedSlice(b: GraphBuilder, n: TfNode, x: string): void {
  const [begin, end, strides] = [1, 2, 3].map((k) => b.constInts(inputName(n.input[k]!))) as [number[], number[], number[]];
  if (tfInt(n, 'ellipsis_mask', 0) !== 0) throw new Error(`node ${n.name}: ellipsis_mask is not supported`);
  const beginMask = tfInt(n, 'begin_mask', 0);
  const endMask = tfInt(n, 'end_mask', 0);
  const shrinkMask = tfInt(n, 'shrink_axis_mask', 0);
  const newAxisMask = tfInt(n, 'new_axis_mask', 0);
  const INT_MAX = 2 ** 62;
  const starts: number[] = [];
  const ends: number[] = [];
  const axes: number[] = [];
  const steps: number[] = [];
  const squeezeAxes: number[] = [];
  const newAxes: number[] = [];
  let inDim = 0;
  let outDim = 0;
  for (let k = 0; k < begin.length; k++) {
    const bit = 1 << k;
    if (newAxisMask & bit) {
      newAxes.push(outDim++);
      continue;
    }
    const step = strides[k]!;
    let s = beginMask & bit ? (step > 0 ? 0 : -1) : begin[k]!;
    let e = endMask & bit ? (step > 0 ? INT_MAX : -INT_MAX) : end[k]!;
    if (shrinkMask & bit) {
      s = begin[k]!;
      e = s === -1 ? INT_MAX : s + 1;
      squeezeAxes.push(inDim);
    } else {
      outDim++;
    }
    if (!(s === 0 && e >= INT_MAX && step === 1)) {
      starts.push(s);
      ends.push(e);
      axes.push(inDim);
      steps.push(step);
    }
    inDim++;
  }
  let cur = x;
  const stages = [axes.length > 0, squeezeAxes.length > 0, newAxes.length > 0];
  const last = stages.lastIndexOf(true);
  const out = (stage: number): string => (stage === last ? n.name : `${n.name}__${['slice', 'squeeze', 'unsqueeze'][stage]}`);
  if (last < 0) {
    b.node('Identity', n.name, [x], [n.name]);
    return;
  }
  if (stages[0]) {
    b.node('Slice', `${n.name}__slice`, [cur, b.int64(`${n.name}__starts`, starts), b.int64(`${n.name}__ends`, ends), b.int64(`${n.name}__axes`, axes), b.int64(`${n.name}__steps`, steps)], [out(0)]);
    cur = out(0);
  }
  if (stages[1]) {
    b.node('Squeeze', `${n.name}__squeeze`, [cur, b.int64(`${n.name}__squeeze_axes`, squeezeAxes)], [out(1)]);
    cur = out(1);
  }
  if (stages[2]) {
    b.node('Unsqueeze', `${n.name}__unsqueeze`, [cur, b.int64(`${n.name}__new_axes`, newAxes)], [out(2)]);
  }
}

function convertConv(b: GraphBuilder, n: TfNode, x: string, weightName: string, biasName: string | null, relu: boolean): void {
  if (decodeAttrString(n.attr['data_format']) !== 'NHWC') throw new Error(`node ${n.name}: only NHWC convolutions are supported`);
  const dil = tfInts(n, 'dilations');
  if (dil.some((d) => d !== 1)) throw new Error(`node ${n.name}: dilated convolution is not supported`);
  const [, sh, sw] = tfInts(n, 'strides') as [number, number, number, number];
  const padding = decodeAttrString(n.attr['padding']);
  const w = hwioToOihw(b.constant(weightName));
  const wName = b.float(`${weightName}__oihw`, w.data, w.dims);
  const inputs = [`${n.name}__nchw`, wName];
  if (biasName) inputs.push(b.useConst(biasName));
  b.node('Transpose', `${n.name}__to_nchw`, [x], [`${n.name}__nchw`], [intsAttr('perm', [0, 3, 1, 2])]);
  const attrs = [intsAttr('kernel_shape', [w.dims[2]!, w.dims[3]!]), intsAttr('strides', [sh, sw])];
  if (padding === 'SAME') attrs.push(stringAttr('auto_pad', 'SAME_UPPER'));
  else if (padding === 'VALID') attrs.push(intsAttr('pads', [0, 0, 0, 0]));
  else throw new Error(`node ${n.name}: padding "${padding}" is not supported`);
  b.node('Conv', `${n.name}__conv`, inputs, [`${n.name}__conv_out`], attrs);
  let cur = `${n.name}__conv_out`;
  if (relu) {
    b.node('Relu', `${n.name}__relu`, [cur], [`${n.name}__relu_out`]);
    cur = `${n.name}__relu_out`;
  }
  b.node('Transpose', `${n.name}__to_nhwc`, [cur], [n.name], [intsAttr('perm', [0, 2, 3, 1])]);
}

function convertNode(b: GraphBuilder, n: TfNode, opts: ConvertOptions): void {
  const crop = opts.timeCrop;
  if (crop && n.name === crop.afterNode) {
    // Emit the node under a private name, then slice its time axis into the public name.
    convertNode(b, { ...n, name: `${n.name}__uncropped` }, { ...opts, timeCrop: undefined });
    b.node('Neg', `${n.name}__crop_start`, [crop.input.name], [`${n.name}__crop_start`]);
    b.node('Slice', `${n.name}__crop`, [`${n.name}__uncropped`, `${n.name}__crop_start`, b.int64(`${n.name}__crop_end`, [2 ** 62]), b.int64(`${n.name}__crop_axes`, [1])], [n.name]);
    return;
  }
  const ins = n.input.filter((r) => !r.startsWith('^')).map(inputName);
  const x = ins[0]!;
  const data = (k: number): string => (b.isConst(ins[k]!) ? b.useConst(ins[k]!) : ins[k]!);
  const unary: Record<string, string> = { Neg: 'Neg', Sqrt: 'Sqrt', Log: 'Log', Sigmoid: 'Sigmoid', Identity: 'Identity', Relu: 'Relu' };
  const binary: Record<string, string> = { Mul: 'Mul', Add: 'Add', AddV2: 'Add', Sub: 'Sub', RealDiv: 'Div' };
  const reduce: Record<string, string> = { Sum: 'ReduceSum', Min: 'ReduceMin', Max: 'ReduceMax' };
  if (unary[n.op]) return b.node(unary[n.op]!, n.name, [data(0)], [n.name]);
  if (binary[n.op]) return b.node(binary[n.op]!, n.name, [data(0), data(1)], [n.name]);
  if (reduce[n.op]) {
    const axes = b.constInts(ins[1]!);
    const keep = n.attr['keep_dims']?.b ? 1 : 0;
    return b.node(reduce[n.op]!, n.name, [x, b.int64(`${n.name}__axes`, axes)], [n.name], [intAttr('keepdims', keep)]);
  }
  switch (n.op) {
    case 'Placeholder':
      return b.node('Identity', n.name, [opts.input.name], [n.name]);
    case 'Shape':
      return b.node('Shape', n.name, [x], [n.name]);
    case 'Square':
      return b.node('Mul', n.name, [x, x], [n.name]);
    case 'StridedSlice':
      return convertStridedSlice(b, n, x);
    case 'Pack': {
      const axis = tfInt(n, 'axis', 0);
      const parts = ins.map((ref, k) => {
        if (b.isConst(ref)) {
          const c = b.constant(ref);
          if (c.dtype === 'int32' && c.shape.length === 0) {
            const v = c.data[0]!;
            const value = opts.dynamicShapeConstants.includes(v) ? -1 : v;
            return b.int64(`${n.name}__part${k}`, [value], [1]);
          }
        }
        const name = `${n.name}__part${k}`;
        b.node('Unsqueeze', name, [data(k), b.int64(`${n.name}__axis`, [axis])], [name]);
        return name;
      });
      return b.node('Concat', n.name, parts, [n.name], [intAttr('axis', axis)]);
    }
    case 'Reshape':
      return b.node('Reshape', n.name, [x, data(1)], [n.name]);
    case 'ExpandDims':
      return b.node('Unsqueeze', n.name, [data(0), b.int64(`${n.name}__axes`, b.constInts(ins[1]!))], [n.name]);
    case 'Squeeze':
      return b.node('Squeeze', n.name, [x, b.int64(`${n.name}__axes`, tfInts(n, 'squeeze_dims'))], [n.name]);
    case 'Transpose':
      return b.node('Transpose', n.name, [x], [n.name], [intsAttr('perm', b.constInts(ins[1]!))]);
    case 'Pad':
    case 'MirrorPad': {
      const p = b.constInts(ins[1]!);
      const rank = p.length / 2;
      const pads = [...Array.from({ length: rank }, (_, d) => p[2 * d]!), ...Array.from({ length: rank }, (_, d) => p[2 * d + 1]!)];
      const mode = n.op === 'Pad' ? 'constant' : decodeAttrString(n.attr['mode']).toLowerCase();
      if (mode !== 'constant' && mode !== 'reflect') throw new Error(`node ${n.name}: pad mode "${mode}" is not supported`);
      return b.node('Pad', n.name, [x, b.int64(`${n.name}__pads`, pads)], [n.name], [stringAttr('mode', mode)]);
    }
    case 'ConcatV2': {
      const axis = b.constInts(ins[ins.length - 1]!)[0]!;
      return b.node('Concat', n.name, ins.slice(0, -1).map((_, k) => data(k)), [n.name], [intAttr('axis', axis)]);
    }
    case 'DivNoNan': {
      // x / y, and 0 where y == 0.
      const zero = b.float(`${n.name}__zero`, new Float32Array([0]), []);
      b.node('Equal', `${n.name}__is_zero`, [data(1), zero], [`${n.name}__is_zero`]);
      b.node('Div', `${n.name}__div`, [data(0), data(1)], [`${n.name}__div`]);
      return b.node('Where', n.name, [`${n.name}__is_zero`, zero, `${n.name}__div`], [n.name]);
    }
    case 'Conv2D':
      return convertConv(b, n, x, ins[1]!, null, false);
    case '_FusedConv2D': {
      const fused = (n.attr['fused_ops']?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
      const known = fused.join(',');
      if (known !== 'BiasAdd' && known !== 'BiasAdd,Relu') throw new Error(`node ${n.name}: fused ops "${known}" are not supported`);
      return convertConv(b, n, x, ins[1]!, ins[2]!, known === 'BiasAdd,Relu');
    }
    default:
      throw new Error(`node ${n.name}: TensorFlow op "${n.op}" has no converter`);
  }
}

/** Converts the TF graph to an ONNX graph. */
export function convertTfGraph(graph: TfGraph, opts: ConvertOptions, name: string): OnnxGraph {
  const b = new GraphBuilder(graph.consts);
  const compute = graph.nodes.filter((n) => n.op !== 'Const');
  for (const n of topoSort(compute)) convertNode(b, n, opts);
  const inputs = [opts.input];
  if (opts.timeCrop) inputs.push(opts.timeCrop.input);
  const outputs: OnnxValueInfo[] = [];
  for (const [tfName, info] of opts.outputs) {
    b.node('Identity', `${info.name}__output`, [tfName], [info.name]);
    outputs.push(info);
  }
  return { name, nodes: b.nodes, initializers: b.initializers, inputs, outputs };
}

