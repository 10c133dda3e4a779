"""The Dutch tokenizer of the static model: WordPiece trained on the reference corpus.

Normalisation is NFKD + accent stripping + lowercase, so "cliënt", "client" and "CLIENT" are one token and
a typed query without diacritics meets the documents that have them. Word-internal pieces carry no "##"
marker: Dutch compounds ("zonnepanelen") then share the pieces of the free words ("panelen").
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

UNK = "[UNK]"
PAD = "[PAD]"


def train_tokenizer(texts: Iterable[str], vocab_size: int, min_frequency: int = 2) -> Tokenizer:
    """Train a WordPiece tokenizer on ``texts``. Deterministic for the same texts in the same order."""
    tokenizer = Tokenizer(models.WordPiece(unk_token=UNK, continuing_subword_prefix="", max_input_chars_per_word=64))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.NFKD(), normalizers.StripAccents(), normalizers.Lowercase()]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Whitespace(), pre_tokenizers.Digits(individual_digits=False)]
    )
    tokenizer.decoder = decoders.WordPiece(prefix="")
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size,
        min_frequency=min_frequency,
        special_tokens=[PAD, UNK],
        continuing_subword_prefix="",
        show_progress=False,
    )
    tokenizer.train_from_iterator((t for t in texts if t), trainer=trainer)
    return tokenizer
