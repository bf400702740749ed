/** Serializes an OnnxGraph to ONNX ModelProto bytes with protobufjs and the shipped onnx.proto schema. */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { ONNX_IR_VERSION, ONNX_OPSET, type OnnxGraph, type OnnxValueInfo } from './tfToOnnx.js';

const SCHEMA_PATH = fileURLToPath(new URL('./onnx.proto', import.meta.url));

export interface ModelMetadata {
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString: string;
  readonly props: Readonly<Record<string, string>>;
}

function valueInfo(v: OnnxValueInfo): object {
  return {
    name: v.name,
    docString: v.docString,
    type: {
      tensorType: {
        elemType: v.elemType,
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function encodeOnnxModel(graph: OnnxGraph, meta: ModelMetadata): Uint8Array {
  const root = protobuf.loadSync(SCHEMA_PATH);
  const ModelProto = root.lookupType('onnx.ModelProto');
  const model = {
    irVersion: ONNX_IR_VERSION,
    producerName: meta.producerName,
    producerVersion: meta.producerVersion,
    docString: meta.docString,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    metadataProps: Object.entries(meta.props)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name,
      node: graph.nodes.map((n) => ({ name: n.name, opType: n.opType, input: n.input, output: n.output, attribute: n.attribute })),
      initializer: graph.initializers.map((t) => ({ name: t.name, dataType: t.dataType, dims: t.dims, rawData: t.rawData })),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`ONNX model does not match the schema: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
