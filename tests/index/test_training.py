"""Training of the static model: pairs, tokenizer, determinism, save/load, manifest, CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from index.encoders import load_encoder, read_manifest
from index.lexical import words
from index.training import (
    CorpusOffering,
    TrainingConfig,
    TrainingCorpus,
    build_pairs,
    is_up_to_date,
    train_static_model,
    train_tokenizer,
)
from index.training.corpus import load_corpus
from index.training.pairs import batches, sentences
from llo.cli.main import main
from llo.settings import Settings
from skills.errors import ReferenceDataError
from skills.model import Kerntaak, Leerweg, Qualification, Werkproces
from skills.reference import EscoOccupation, EscoSkillGroup

TINY = TrainingConfig(vocab_size=300, dim=16, epochs=2, batch_size=8, seed=7)


def _qual(crebo: str, name: str, dossier: str, domain: str, werkprocessen: tuple[str, ...] = ()) -> Qualification:
    kt = (Kerntaak("B1-K1", f"Werkt als {name.lower()}", tuple(Werkproces("", w) for w in werkprocessen)),)
    return Qualification(crebo=crebo, name=name, niveau=2, leerwegen=(Leerweg.BOL, Leerweg.BBL),
                         dossier_crebo="2" + crebo[1:], dossier=dossier, opleidingsdomein=domain,
                         beroepsbeschrijving=f"De {name.lower()} werkt in de {domain.lower()}. Hij is zorgvuldig.",
                         kerntaken=kt if werkprocessen else ())


@pytest.fixture
def tiny_corpus() -> TrainingCorpus:
    quals = [
        _qual("25001", "Kok", "Koken", "Horeca en bakkerij", ("Bereidt gerechten", "Maakt de keuken schoon")),
        _qual("25002", "Basislasser", "Lassen", "Techniek en procesindustrie", ("Last metalen delen",)),
        _qual("25003", "Verzorgende IG", "Verzorging", "Zorg en welzijn", ("Verzorgt de cliënt",)),
        _qual("25004", "Timmerman", "Timmeren", "Bouw en infra"),
    ]
    occs = [
        EscoOccupation("u1", "kok", ("chef", "keukenkok"), "Koks bereiden maaltijden. Zij werken in keukens.",
                       "5120", "5120.1"),
        EscoOccupation("u2", "lasser", ("booglasser", "metaallasser"), "Lassers verbinden metalen.", "7212", "7212.1"),
        EscoOccupation("u3", "verzorgende", ("bejaardenverzorgende",), "Verzorgenden helpen cliënten.", "5321", "5321.1"),
    ]
    return TrainingCorpus(
        qualifications=quals,
        documents={q.crebo: f"{q.name}\n{q.dossier}\n{q.opleidingsdomein}\n{q.beroepsbeschrijving}" for q in quals},
        legacy=[],
        occupations=occs,
        isco_groups={"5120": "Koks", "7212": "Lassers en snijders", "5321": "Verzorgenden"},
        skill_groups=[EscoSkillGroup("g1", "voedselbereiding", ("koken",), "Voedsel bereiden.", "1013")],
        links={"25001": [0], "25002": [1], "25003": [2]},
        offerings=[CorpusOffering("Kok BBL bij het ROC", "Word kok in twee jaar.", "25001"),
                   CorpusOffering("Open dag", "Kom langs.", None)],
    )


def test_sentences_splits_and_limits() -> None:
    assert sentences("Eén zin. Twee zinnen! Drie? 4 is een getal.", limit=3) == ["Eén zin.", "Twee zinnen!", "Drie?"]
    assert sentences("") == []


def test_pairs_cover_every_source(tiny_corpus: TrainingCorpus) -> None:
    pairs = build_pairs(tiny_corpus)
    kinds = {p.kind for p in pairs}
    assert {"esco-alt-label", "esco-description", "esco-isco-group", "qual-werkproces", "qual-esco-label",
            "qual-beroepsbeschrijving", "offering-title", "esco-skill-group"} <= kinds
    assert ("keukenkok", "kok") in {(p.anchor, p.positive) for p in pairs}
    assert ("Kok BBL bij het ROC", "Kok") in {(p.anchor, p.positive) for p in pairs}
    assert all(p.positive != "Open dag" and p.anchor != "Open dag" for p in pairs)  # unmapped: no pair
    assert len({(p.anchor.lower(), p.positive.lower()) for p in pairs}) == len(pairs)


def test_batches_never_repeat_a_text(tiny_corpus: TrainingCorpus) -> None:
    pairs = build_pairs(tiny_corpus)
    planned = batches(pairs, 8, random.Random(1))
    assert sum(len(b) for b in planned) == len(pairs)
    for batch in planned:
        texts = [t.lower() for p in batch for t in (p.anchor, p.positive)]
        assert len(texts) == len(set(texts))


def test_tokenizer_folds_case_and_accents() -> None:
    tok = train_tokenizer(["Cliënt en cliënten", "de client helpt", "zonnepanelen en panelen"] * 5, vocab_size=120)
    assert tok.encode("CLIËNT", add_special_tokens=False).ids == tok.encode("client", add_special_tokens=False).ids


@pytest.mark.slow
def test_training_is_deterministic_and_round_trips(tiny_corpus: TrainingCorpus, tmp_path: Path) -> None:
    first = train_static_model(tiny_corpus, tmp_path / "a", TINY)
    second = train_static_model(tiny_corpus, tmp_path / "b", TINY)
    assert first["fingerprint"] == second["fingerprint"]
    assert (tmp_path / "a" / "model.safetensors").read_bytes() == (tmp_path / "b" / "model.safetensors").read_bytes()
    other = train_static_model(tiny_corpus, tmp_path / "c", TrainingConfig(**{**TINY.__dict__, "seed": 8}))
    assert other["fingerprint"] != first["fingerprint"]

    manifest = read_manifest(tmp_path / "a")
    assert manifest == json.loads((tmp_path / "a" / "manifest.json").read_text())
    assert manifest["dim"] == 16 and manifest["seed"] == 7
    assert manifest["tokenizer_vocab_size"] <= 300
    assert manifest["pairs"] == sum(manifest["pair_kinds"].values()) > 0
    assert manifest["training_data_sha256"] == tiny_corpus.fingerprint()
    assert {"torch", "sentence_transformers", "tokenizers"} <= set(manifest["versions"])

    encoder = load_encoder("static", tmp_path / "a")
    assert encoder.name == f"static:{first['fingerprint']}" and encoder.dim == 16
    docs = encoder.encode_document(["Kok in de keuken", "Basislasser", ""])
    queries = encoder.encode_query(["keukenkok"])
    assert docs.shape == (3, 16) and docs.dtype == np.float32 and queries.shape == (1, 16)
    np.testing.assert_allclose(np.linalg.norm(docs[:2], axis=1), 1.0, rtol=1e-5)
    assert not np.isnan(docs).any()  # a text without tokens is a zero vector, never NaN
    assert encoder.encode_query([]).shape == (0, 16)
    # same weights after a reload: vectors are reproducible
    again = load_encoder("static", tmp_path / "a").encode_document(["Kok in de keuken"])
    np.testing.assert_array_equal(again[0], docs[0])


def test_up_to_date_follows_data_and_config(tiny_corpus: TrainingCorpus, tmp_path: Path) -> None:
    assert not is_up_to_date(tmp_path / "m", tiny_corpus, TINY)
    train_static_model(tiny_corpus, tmp_path / "m", TINY)
    assert is_up_to_date(tmp_path / "m", tiny_corpus, TINY)
    assert not is_up_to_date(tmp_path / "m", tiny_corpus, TrainingConfig(**{**TINY.__dict__, "dim": 8}))
    tiny_corpus.offerings.append(CorpusOffering("Lassen in de avond", "Leer lassen.", "25002"))
    assert not is_up_to_date(tmp_path / "m", tiny_corpus, TINY)
    assert not (tmp_path / "m.tmp").exists() and not (tmp_path / "m.old").exists()


@pytest.mark.slow
def test_reference_pairs_never_contain_dev_queries(reference_dir: Path, shared_dir: Path) -> None:
    """The dev queries are for measurement only: none may appear among the training texts."""
    corpus = load_corpus(reference_dir)
    # Compared as folded word sequences, so case, accents and punctuation variants count as copies too.
    texts = {" ".join(words(t)) for p in build_pairs(corpus) for t in (p.anchor, p.positive)}
    with (shared_dir / "eval" / "dev_queries.jsonl").open(encoding="utf-8") as fh:
        queries = [" ".join(words(json.loads(line)["query"])) for line in fh if line.strip()]
    assert queries and not texts.intersection(queries)


@pytest.mark.slow
def test_cli_train_skips_when_up_to_date_and_info(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "train", "--quick", "-q"], settings) == 0
    assert "trained static model" in capsys.readouterr().out
    assert (settings.model_dir / "manifest.json").exists()
    assert main(["model", "train", "--quick", "-q"], settings) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["model", "info", "--json"], settings) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["dim"] == TrainingConfig.quick().dim and info["corpus"]["qualifications"] == 470


def test_cli_info_without_model_says_how_to_train(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "info"], settings) == 2
    assert "llo model train" in capsys.readouterr().err


def test_empty_corpus_is_a_reference_data_error(tmp_path: Path) -> None:
    empty = TrainingCorpus(qualifications=[], documents={}, legacy=[], occupations=[], isco_groups={},
                           skill_groups=[])
    with pytest.raises(ReferenceDataError, match="no training pairs"):
        train_static_model(empty, tmp_path / "m", TINY)
    assert not (tmp_path / "m").exists()


def test_token_bags_give_the_mean_of_token_vectors_and_the_loss_is_sentence_transformers() -> None:
    import torch
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    from index.training.bags import TokenBags
    from index.training.trainer import ranking_loss

    tok = train_tokenizer(["de kok kookt", "de lasser last", "kok en lasser", "zorg voor cliënten"] * 3, 80)
    texts = ["de kok kookt kok", "lasser", "zorg", ""]
    bags = TokenBags(tok, texts + ["lasser"])
    weight = torch.randn(tok.get_vocab_size(), 8, generator=torch.Generator().manual_seed(1))
    got = bags.embed(weight, texts)
    for i, text in enumerate(texts):
        ids = tok.encode(text, add_special_tokens=False).ids
        want = weight[ids].mean(dim=0) if ids else torch.zeros(8)
        assert torch.allclose(got[i], want, atol=1e-6)
    a, p = torch.randn(5, 8, generator=torch.Generator().manual_seed(2)), torch.randn(5, 8)
    reference = MultipleNegativesRankingLoss(
        None, scale=20.0, directions=("query_to_doc", "doc_to_query"))  # type: ignore[arg-type]  # no model needed
    expected = reference.compute_loss_from_embeddings([a, p], labels=torch.empty(0))
    assert torch.allclose(ranking_loss(a, p, 20.0), expected, atol=1e-5)
