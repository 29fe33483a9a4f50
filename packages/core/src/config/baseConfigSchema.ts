import type { JsonSchema } from '../contracts/JsonSchema.js';
import { FIRST_PARTY_BACKENDS } from './backendNames.js';

const contributionEntry = (what: string): JsonSchema => ({
  description: `A ${what}: its id, [id, options], or { id: options }.`,
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', minItems: 1, maxItems: 2, items: [{ type: 'string' }, { type: 'object' }], additionalItems: false },
    { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: { type: ['object', 'null'] } },
  ],
});

/** JSON Schema of the config file without the plugins' option schemas (see buildConfigSchema). */
export const baseConfigSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://visor.dev/schema/config.json',
  title: 'Visor pipeline config',
  type: 'object',
  additionalProperties: false,
  required: ['model', 'inputs', 'explainers'],
  properties: {
    model: {
      description:
        'The model file: a TF.js model.json (layers or graph model), an ONNX file (.onnx), a Keras file (.h5, .keras); or several by name: { clean: a/model.json, other: b.onnx }.',
      anyOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
          additionalProperties: { type: 'string', minLength: 1 },
        },
      ],
    },
    backend: {
      type: 'string',
      minLength: 1,
      default: 'auto',
      examples: ['auto', ...FIRST_PARTY_BACKENDS],
      description:
        'What runs the model: auto = the fastest engine that loads it (ONNX Runtime, else TensorFlow.js: tfjs-node if installed, else wasm, else cpu), or one by name: onnx | tensorflow | wasm | cpu.',
    },
    outputActivation: {
      enum: ['auto', 'softmax', 'sigmoid', 'linear'],
      default: 'auto',
      description:
        "What turns the model's last-layer outputs (logits) into probabilities: auto = the model's own output activation; softmax for a classifier that outputs logits (most PyTorch exports); sigmoid for multi-label logits; linear for a regression head (no probabilities).",
    },
    threads: { type: 'integer', minimum: 1, description: 'Threads an engine may use (ONNX Runtime intra-op threads); default: the machine’s cores.' },
    inputSize: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      minItems: 2,
      maxItems: 2,
      description: 'Input [height, width] for models whose file does not fix it (dynamic ONNX inputs, TF.js models with free sizes): inputs are resized to it.',
    },
    preprocess: {
      description: 'Keras preprocess_input preset, or explicit normalisation.',
      default: 'none',
      anyOf: [
        { enum: ['caffe', 'tf', 'torch', 'none'] },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            scale: { type: 'number' },
            mean: { type: 'array', items: { type: 'number' }, minItems: 1 },
            std: { type: 'array', items: { type: 'number', exclusiveMinimum: 0 }, minItems: 1 },
            channelOrder: { enum: ['rgb', 'bgr'] },
          },
        },
      ],
    },
    resize: { enum: ['stretch', 'center-crop'], default: 'stretch', description: 'How inputs are fitted to the model input size.' },
    inputs: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
      description: 'Image/.npy files, folders and globs, relative to the config file.',
    },
    masks: {
      description:
        'Ground-truth masks (white = the object) for the localisation metrics: a path with {name} (the input file name without extension), e.g. ./masks/{name}.png, or { input: mask } pairs; relative to the config file.',
      anyOf: [
        { type: 'string', minLength: 1, pattern: '\\{name\\}' },
        { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } },
      ],
    },
    labels: { type: 'string', description: "Class labels: 'imagenet', or a JSON / one-per-line file." },
    targets: {
      description: 'Which classes to explain: the top k predictions, or given classes (indices or labels).',
      default: { top: 1 },
      anyOf: [
        { type: 'object', additionalProperties: false, required: ['top'], properties: { top: { type: 'integer', minimum: 1 } } },
        {
          type: 'object',
          additionalProperties: false,
          required: ['classes'],
          properties: { classes: { type: 'array', minItems: 1, items: { type: ['integer', 'string'] } } },
        },
      ],
    },
    plugins: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Extra plugins: npm names or paths.' },
    explainers: { type: 'array', minItems: 1, items: contributionEntry('explainer') },
    renderers: { type: 'array', items: contributionEntry('renderer'), default: ['png', 'json', 'html'] },
    metrics: {
      type: 'array',
      items: contributionEntry('metric'),
      default: [],
      description: 'Measures of the explanations (deletion, insertion, road, pointing-game, sanity checks).',
    },
    out: { type: 'string', minLength: 1, default: './out', description: 'Output folder, relative to the config file.' },
    batchSize: { type: 'integer', minimum: 1, default: 8, description: 'Inputs explained together.' },
    workers: {
      description: "Worker threads: 'auto' = one per core, or a number.",
      default: 1,
      anyOf: [{ const: 'auto' }, { type: 'integer', minimum: 1 }],
    },
  },
};
