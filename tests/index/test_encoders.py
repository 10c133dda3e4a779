"""Encoders: loading by name, the Encoder contract, MiniLM offline from its package."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.encoders import MINILM_NAME, SentenceTransformerEncoder, load_encoder, minilm_path
from index.encoders.protocol import Encoder
from skills.errors import IndexUnavailableError


def test_missing_static_model_says_run_train(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match="run `llo model train`"):
        load_encoder("static", tmp_path / "models" / "static-nl")


def test_corrupt_manifest_is_an_index_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(IndexUnavailableError, match="unreadable model manifest"):
        load_encoder("static", tmp_path)


def test_unknown_name_and_empty_directory_are_errors(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match="unknown encoder 'bert'"):
        load_encoder("bert", tmp_path)
    with pytest.raises(IndexUnavailableError, match="no sentence-transformers model"):
        load_encoder(str(tmp_path), tmp_path)


@pytest.mark.slow
def test_static_model_directory_is_a_sentence_transformers_model(tmp_path: Path) -> None:
    """The numpy StaticEncoder and sentence-transformers give the same vectors for the saved model."""
    from sentence_transformers import SentenceTransformer

    from index.training import TrainingConfig, TrainingCorpus, train_static_model
    from skills.reference import EscoOccupation

    occupations = [("kok", "keukenkok"), ("lasser", "booglasser"), ("verzorgende", "thuiszorg")]
    corpus = TrainingCorpus(
        qualifications=[], documents={}, legacy=[], skill_groups=[],
        occupations=[EscoOccupation(f"u{i}", label, (alt,), "", str(i), "") for i, (label, alt) in enumerate(occupations)],
        isco_groups={"0": "koks en keukenhulpen", "1": "lassers en snijders", "2": "verzorgenden thuis"},
    )
    train_static_model(corpus, tmp_path / "m", TrainingConfig(vocab_size=120, dim=8, epochs=1, batch_size=4))
    texts = ["keukenkok in een restaurant", "booglasser", "", "Cliënt in de thuiszorg"]
    ours = load_encoder("static", tmp_path / "m").encode_document(texts)
    theirs = SentenceTransformer(str(tmp_path / "m"), device="cpu", local_files_only=True).encode(
        texts, normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_minilm_is_carried_by_its_package() -> None:
    path = minilm_path()
    assert (path / "model.safetensors").exists() and (path / "tokenizer.json").exists()


@pytest.mark.slow
def test_minilm_loads_offline_and_keeps_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    # Any attempt to reach the Hugging Face hub would fail under these settings.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    encoder: Encoder = load_encoder(MINILM_NAME, Path("/nonexistent"))
    assert isinstance(encoder, SentenceTransformerEncoder)
    assert encoder.dim == 384 and encoder.name.startswith("minilm")
    docs = encoder.encode_document(["Kok in een restaurant", "Lasser in de metaalindustrie", "a cook"])
    queries = encoder.encode_query(["cook"])
    assert docs.shape == (3, 384) and docs.dtype == np.float32 and queries.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, rtol=1e-5)
    assert int(np.argmax(docs @ queries[0])) == 2
    assert encoder.encode_document([]).shape == (0, 384)
    # a path to the same model works too and names itself by path
    by_path = load_encoder(str(minilm_path()), Path("/nonexistent"))
    assert by_path.name.startswith("st:")
    np.testing.assert_allclose(by_path.encode_query(["cook"]), queries, atol=1e-6)
