"""Train, save and fingerprint the Dutch static-embedding model (`llo model train`).

A sentence-transformers ``StaticEmbedding`` (EmbeddingBag, mean of token vectors) on the project's own
WordPiece tokenizer, trained with MultipleNegativesRankingLoss in both directions (anchor→positive and
positive→anchor) over in-batch negatives. The loop is plain torch rather than SentenceTransformerTrainer:
that would pull in ``datasets``/``accelerate`` for a model whose whole forward pass is one EmbeddingBag.

Deterministic: fixed seeds, ``torch.use_deterministic_algorithms`` and one intra-op thread while training
(EmbeddingBag's backward sums in thread order otherwise), so the same corpus and config give bit-identical
weights. The manifest records the data hash, pair counts, sizes, seed, versions and timing.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import platform
import random
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.encoders.static import MANIFEST_FILE, WEIGHTS_KEY
from index.training.bags import TokenBags
from index.training.corpus import TrainingCorpus
from index.training.pairs import Pair, batches, build_pairs, count_kinds
from index.training.tokenizer import train_tokenizer
from skills.errors import ReferenceDataError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


@dataclass(frozen=True)
class TrainingConfig:
    """Hyper-parameters; every field goes into the manifest. ``quick()`` is the seconds-long variant."""

    vocab_size: int = 4000
    dim: int = 256
    epochs: int = 4
    batch_size: int = 256
    learning_rate: float = 0.05
    scale: float = 20.0
    seed: int = 20240601
    init_std: float = 0.1

    @classmethod
    def quick(cls) -> TrainingConfig:
        return cls(vocab_size=4000, dim=64, epochs=1)


ProgressCallback = Callable[[int, int], None]  # (steps done, steps total)


def config_key(corpus_hash: str, config: TrainingConfig) -> str:
    """What makes a trained model up to date: the training data and the configuration."""
    payload = json.dumps({"data": corpus_hash, "config": asdict(config), "format": FORMAT_VERSION},
                         sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def is_up_to_date(model_dir: Path, corpus: TrainingCorpus, config: TrainingConfig) -> bool:
    path = Path(model_dir) / MANIFEST_FILE
    if not path.exists():
        return False
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return bool(manifest.get("config_key") == config_key(corpus.fingerprint(), config))


@contextmanager
def _deterministic_torch(seed: int) -> Iterator[None]:
    import torch

    threads = torch.get_num_threads()
    was_deterministic = torch.are_deterministic_algorithms_enabled()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(was_deterministic)
        torch.set_num_threads(threads)


def train_static_model(
    corpus: TrainingCorpus,
    model_dir: Path,
    config: TrainingConfig | None = None,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Train on ``corpus`` and write the model to ``model_dir`` (replacing what is there only once the new
    model is complete). Returns the manifest that was written."""
    config = config or TrainingConfig()
    started = time.perf_counter()
    data_hash = corpus.fingerprint()
    pairs = build_pairs(corpus)
    if not pairs:
        raise ReferenceDataError("the reference data yields no training pairs for the static model")
    # imported here: torch takes seconds to import and only training needs it. sentence-transformers is not
    # imported at all (with transformers it cost ~8 s of every training run): the model is one embedding
    # table, the loss is written out below, and the saved directory is the one it would write.
    import tokenizers
    import torch

    tokenizer = train_tokenizer(corpus.texts(), config.vocab_size)
    # Every distinct text tokenized once (TokenBags), not both sides of every pair in every batch.
    bags = TokenBags(tokenizer, [t for p in pairs for t in (p.anchor, p.positive)])
    t_tokenizer = time.perf_counter() - started

    rng = random.Random(config.seed)
    with _deterministic_torch(config.seed):
        generator = torch.Generator().manual_seed(config.seed)
        # Random start: an LSA (TF-IDF SVD) start and a MiniLM-distilled start were measured and did not
        # beat it beyond seed noise on the dev queries (docs/benchmarks.md, "Encoders").
        weights = torch.randn(tokenizer.get_vocab_size(), config.dim, generator=generator) * config.init_std
        weights[0] = 0.0  # [PAD]
        table = torch.nn.Parameter(weights)
        optimizer = torch.optim.Adam([table], lr=config.learning_rate)
        epoch_batches = [
            [b for b in batches(pairs, config.batch_size, rng) if len(b) > 1] for _ in range(config.epochs)
        ]
        total = sum(len(b) for b in epoch_batches)
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / total))
        step, losses = 0, []
        for epoch, plan in enumerate(epoch_batches):
            epoch_loss = 0.0
            for batch in plan:
                emb_a = bags.embed(table, [p.anchor for p in batch])
                emb_p = bags.embed(table, [p.positive for p in batch])
                loss = ranking_loss(emb_a, emb_p, config.scale)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                scheduler.step()
                epoch_loss += float(loss.item())
                step += 1
                if progress:
                    progress(step, total)
            losses.append(round(epoch_loss / max(1, len(plan)), 5))
            log.info("epoch %d/%d: mean loss %.4f", epoch + 1, config.epochs, losses[-1])
    train_seconds = time.perf_counter() - started

    weights_np = table.detach().cpu().numpy().astype(np.float32)
    fingerprint = hashlib.sha256(weights_np.tobytes()).hexdigest()[:16]
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "fingerprint": fingerprint,
        "config_key": config_key(data_hash, config),
        "training_data_sha256": data_hash,
        "pairs": len(pairs),
        "pair_kinds": count_kinds(pairs),
        "steps": total,
        "epoch_mean_loss": losses,
        "dim": config.dim,
        "tokenizer_vocab_size": tokenizer.get_vocab_size(),
        "seed": config.seed,
        "config": asdict(config),
        "corpus": {
            "qualifications": len(corpus.qualifications),
            "qualifications_with_werkprocessen": sum(1 for q in corpus.qualifications if q.kerntaken),
            "esco_occupations": len(corpus.occupations),
            "qualifications_linked_to_esco": len(corpus.links),
            "offerings": len(corpus.offerings),
        },
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "sentence_transformers": _version("sentence-transformers"),
            "tokenizers": tokenizers.__version__,
        },
        "training_seconds": round(train_seconds, 2),
        "tokenizer_seconds": round(t_tokenizer, 2),
        "threads": 1,
    }
    _save(weights_np, tokenizer, manifest, Path(model_dir))
    return manifest


def ranking_loss(anchors: Any, positives: Any, scale: float) -> Any:
    """MultipleNegativesRankingLoss over in-batch negatives in both directions, as sentence-transformers
    computes it with ``directions=("query_to_doc", "doc_to_query")`` and its default joint partition: for
    pair i, one softmax over anchor i against every positive and positive i against every anchor, the
    target being positive i; cosine similarities times ``scale``."""
    import torch

    a = torch.nn.functional.normalize(anchors, p=2, dim=1)
    p = torch.nn.functional.normalize(positives, p=2, dim=1)
    to_docs = scale * (a @ p.T)  # row i: anchor i against every positive
    to_queries = scale * (a @ p.T).T  # row i: positive i against every anchor
    log_z = torch.logsumexp(torch.cat([to_docs, to_queries], dim=1), dim=1)
    return -(torch.diagonal(to_docs) - log_z).mean()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# What sentence-transformers writes for a model of one StaticEmbedding module (SentenceTransformer(model_dir)
# loads the directory as before).
_MODULES = [{"idx": 0, "name": "0", "path": "",
             "type": "sentence_transformers.sentence_transformer.modules.static_embedding.StaticEmbedding"}]


def _save(weights: np.ndarray, tokenizer: Any, manifest: dict[str, Any], model_dir: Path) -> None:
    """Write beside ``model_dir`` and swap in, so a crash never leaves half a model where one was."""
    from safetensors.numpy import save_file

    model_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = model_dir.with_name(model_dir.name + ".tmp")
    old = model_dir.with_name(model_dir.name + ".old")
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    tmp.mkdir()
    save_file({WEIGHTS_KEY: np.ascontiguousarray(weights)}, str(tmp / "model.safetensors"))
    tokenizer.save(str(tmp / "tokenizer.json"))
    (tmp / "modules.json").write_text(json.dumps(_MODULES, indent=2) + "\n", encoding="utf-8")
    (tmp / "config_sentence_transformers.json").write_text(json.dumps({
        "__version__": {"pytorch": _version("torch"), "sentence_transformers": _version("sentence-transformers"),
                        "transformers": _version("transformers")},
        "default_prompt_name": None, "model_type": "SentenceTransformer",
        "prompts": {"document": "", "query": ""}, "similarity_fn_name": "cosine"}, indent=2) + "\n",
        encoding="utf-8")
    (tmp / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if model_dir.exists():
        model_dir.rename(old)
    tmp.rename(model_dir)
    if old.exists():
        shutil.rmtree(old)


__all__ = ["FORMAT_VERSION", "Pair", "TrainingConfig", "is_up_to_date", "train_static_model"]
