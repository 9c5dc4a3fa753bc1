// Does the independent runtime that reads this layout, transformers.js 4.x, load the package without
// DeepStack and give Hugging Face's tokens on the image conversations, fed Hugging Face's own inputs?
//
//   npm install --prefix target/tfjs @huggingface/transformers@4.3.1   (with ONNXRUNTIME_NODE_INSTALL=skip:
//   its postinstall otherwise tries to download GPU files from a host that is not reachable)
//   cp src/test/models/transformersjs_check.mjs target/tfjs/   (an ES module finds packages beside it, not on NODE_PATH)
//   node target/tfjs/transformersjs_check.mjs src/test/models/onnx/qwen3vl-tiny target/onnx-fixture-inputs
//
// The inputs folder holds one <case>.json per conversation, written by generate_onnx_packages.py:
// input_ids, image_grid_thw and pixel_values (base64 float32, [patches, 1536]) as Hugging Face's
// processor made them. Writes <package>/transformersjs.json: the version and each case's greedy tokens.
// Known (ENVIRONMENT.md): on a text-only prompt transformers.js 4.3.1's rotary offset for decode steps is
// wrong, so only its first token matches there; the test compares the image conversations.
import fs from "node:fs";
import path from "node:path";
import { AutoModelForImageTextToText, Tensor, env } from "@huggingface/transformers";

const [pkg, inputsDir] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = path.dirname(path.resolve(pkg));
const references = JSON.parse(fs.readFileSync(path.join(pkg, "references.json"), "utf8"));
const model = await AutoModelForImageTextToText.from_pretrained(path.basename(pkg), {
  local_files_only: true,
  dtype: "fp32",
});
const out = { transformersjs: env.version, cases: {} };
for (const name of Object.keys(references.cases)) {
  const input = JSON.parse(fs.readFileSync(path.join(inputsDir, name + ".json"), "utf8"));
  const ids = BigInt64Array.from(input.input_ids.map(BigInt));
  const feed = {
    input_ids: new Tensor("int64", ids, [1, ids.length]),
    attention_mask: new Tensor("int64", new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
    max_new_tokens: references.new_tokens,
    min_new_tokens: references.new_tokens,
    do_sample: false,
  };
  if (input.image_grid_thw.length) {
    const raw = Buffer.from(input.pixel_values, "base64");
    const pixels = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    feed.pixel_values = new Tensor("float32", pixels, [pixels.length / 1536, 1536]);
    const grid = BigInt64Array.from(input.image_grid_thw.flat().map(BigInt));
    feed.image_grid_thw = new Tensor("int64", grid, [input.image_grid_thw.length, 3]);
  }
  const generated = await model.generate(feed);
  const all = Array.from(generated.data, Number);
  out.cases[name] = { tokens: all.slice(ids.length), images: input.image_grid_thw.length };
  console.log(name, out.cases[name].tokens.join(" "));
}
fs.writeFileSync(path.join(pkg, "transformersjs.json"), JSON.stringify(out, null, 1));
