"""Token bags: every distinct training text tokenized once, as (token id, weight) pairs for ``embedding_bag``.

The static model's forward pass is the mean of a text's token vectors. Training used to re-tokenize both
sides of every pair in every batch (``StaticEmbedding.preprocess``), and a qualification's whole document is
the positive of dozens of pairs: most of the training time went into tokenizing the same long texts again
and building Python lists of their token ids. Here each distinct text is tokenized once (one Rust batch
call) and kept as its *distinct* token ids with weights count/length, so a batch is a weighted-sum
``embedding_bag`` over far fewer entries. The mean of token vectors is the same figure, summed in another
order (float rounding only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from tokenizers import Tokenizer


class TokenBags:
    """Distinct token ids and mean-pooling weights of each text, for batches of texts."""

    def __init__(self, tokenizer: Tokenizer, texts: Sequence[str]) -> None:
        distinct = list(dict.fromkeys(texts))
        self._row = {t: i for i, t in enumerate(distinct)}
        encodings = tokenizer.encode_batch(distinct, add_special_tokens=False)
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for enc in encodings:
            tokens = np.asarray(enc.ids, dtype=np.int64)
            uniq, counts = np.unique(tokens, return_counts=True)
            ids.append(uniq)
            weights.append((counts / max(1, len(tokens))).astype(np.float32))
        self._lengths = np.asarray([len(x) for x in ids], dtype=np.int64)
        self._starts = np.concatenate([[0], np.cumsum(self._lengths)]).astype(np.int64)
        self._ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        self._weights = np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._row)

    def batch(self, texts: Sequence[str]) -> tuple[Any, Any, Any]:
        """(input ids, offsets, per-sample weights) tensors of ``texts`` (each seen at construction)."""
        import torch

        rows = np.fromiter((self._row[t] for t in texts), dtype=np.int64, count=len(texts))
        lengths = self._lengths[rows]
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        take = np.concatenate([np.arange(self._starts[r], self._starts[r] + n) for r, n in zip(rows, lengths,
                                                                                            strict=True)])
        return (torch.from_numpy(self._ids[take]), torch.from_numpy(offsets),
                torch.from_numpy(self._weights[take]))

    def embed(self, weight: Any, texts: Sequence[str]) -> Any:
        """Mean-of-token-vectors embeddings of ``texts`` under the embedding table ``weight`` (differentiable)."""
        import torch

        ids, offsets, per_sample = self.batch(texts)
        return torch.nn.functional.embedding_bag(ids, weight, offsets, mode="sum", per_sample_weights=per_sample)
