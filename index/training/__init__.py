"""Training of the project's Dutch static-embedding model from the reference data and crawled text."""

from __future__ import annotations

from index.training.corpus import CorpusOffering, TrainingCorpus, load_corpus
from index.training.pairs import Pair, build_pairs
from index.training.tokenizer import train_tokenizer
from index.training.trainer import TrainingConfig, is_up_to_date, train_static_model

__all__ = [
    "CorpusOffering",
    "Pair",
    "TrainingConfig",
    "TrainingCorpus",
    "build_pairs",
    "is_up_to_date",
    "load_corpus",
    "train_static_model",
    "train_tokenizer",
]
