"""Makes the small Qwen3 text models the endpoint tests serve with `transformers serve`.

    PY src/test/endpoints/make_models.py OUT_DIR

writes OUT_DIR/tiny (2 layers) and OUT_DIR/tiny-deep (64 layers): random-weight Qwen3ForCausalLM models with
the real Qwen3 tokenizer (src/test/resources/qwen3/tokenizer.json) and the chat template the plugin renders
(src/main/resources/io/github/qwenbench/workload/qwen3-vl-chat_template.jinja, which renders text
messages as Qwen3's own does), saved with save_pretrained. `tiny-deep` has 32 times the layers: the same
kind of model doing more work per token, a truly slower candidate (at width 64 a layer costs little beside
the vocabulary's 151936 x 64 logits, so it takes many of them; each adds the server's per-layer overhead). Both are deterministic (fixed seeds)
and their weights are drawn wide enough (std 0.3) that greedy answers depend on the prompt.
"""
import os
import sys

import torch
from transformers import PreTrainedTokenizerFast, Qwen3Config, Qwen3ForCausalLM

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TOKENIZER = os.path.join(ROOT, "src", "test", "resources", "qwen3", "tokenizer.json")
TEMPLATE = os.path.join(ROOT, "src", "main", "resources", "io", "github", "qwenbench", "workload",
                        "qwen3-vl-chat_template.jinja")


def make(out, layers, seed):
    torch.manual_seed(seed)
    config = Qwen3Config(vocab_size=151936, hidden_size=64, intermediate_size=128, num_hidden_layers=layers,
                         num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=4096,
                         rope_theta=10000.0, tie_word_embeddings=True, eos_token_id=151645, pad_token_id=151643,
                         bos_token_id=151643)
    model = Qwen3ForCausalLM(config).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2:
                p.normal_(0.0, 0.3)
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=TOKENIZER, eos_token="<|im_end|>", pad_token="<|endoftext|>")
    with open(TEMPLATE) as f:
        tokenizer.chat_template = f.read()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    model.generation_config.save_pretrained(out)


def main():
    out = sys.argv[1]
    make(os.path.join(out, "tiny"), 2, 20261205)
    make(os.path.join(out, "tiny-deep"), 64, 20261205)
    print("wrote", out)


if __name__ == "__main__":
    main()
