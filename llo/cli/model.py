"""`llo model train` and `llo model info`: the project's own Dutch static-embedding model."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from llo.pipeline import load_reference_data
from llo.settings import Settings

if TYPE_CHECKING:
    from index.training import CorpusOffering


def _store_offerings(settings: Settings) -> list[CorpusOffering]:
    """Active offerings with their mapped crebo, from the store if one exists (training never creates one)."""
    if settings.database_url is None and not settings.sqlite_path.exists():
        return []
    from index.training import CorpusOffering
    from store import open_store

    with closing(open_store(settings.store_url)) as store:
        store.init()
        mappings = store.mappings()
        return [
            CorpusOffering(o.title, o.description, m.crebo if (m := mappings.get(o.id)) else None)
            for o in store.offerings(include_stale=False)
        ]


def _train(args: argparse.Namespace, settings: Settings) -> int:
    from index.training import TrainingConfig, is_up_to_date, train_static_model
    from index.training.corpus import corpus_from_reference
    from skills.vocabulary import build_vocabulary

    ref = load_reference_data(settings)
    offerings = [] if args.reference_only else _store_offerings(settings)
    corpus = corpus_from_reference(ref, build_vocabulary(ref), offerings)
    config = TrainingConfig.quick() if args.quick else TrainingConfig()
    if not args.force and is_up_to_date(settings.model_dir, corpus, config):
        print(f"model in {settings.model_dir} is up to date (use --force to retrain)")
        return 0
    with tqdm(total=1, desc="training", unit="batch", disable=args.quiet) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        manifest = train_static_model(corpus, settings.model_dir, config, progress=progress)
    print(f"trained static model {manifest['fingerprint']} in {manifest['training_seconds']}s: "
          f"{manifest['pairs']} pairs, vocabulary {manifest['tokenizer_vocab_size']}, {manifest['dim']} dims, "
          f"{len(offerings)} offerings → {settings.model_dir}")
    return 0


def _info(args: argparse.Namespace, settings: Settings) -> int:
    from index.encoders import read_manifest

    manifest: dict[str, Any] = read_manifest(settings.model_dir)
    if args.json:
        print(json.dumps(manifest, indent=2, ensure_ascii=False))
        return 0
    print(f"static model {manifest['fingerprint']} in {settings.model_dir}")
    for key in ("dim", "tokenizer_vocab_size", "pairs", "steps", "seed", "training_seconds",
                "training_data_sha256"):
        print(f"  {key}: {manifest.get(key)}")
    for kind, n in manifest.get("pair_kinds", {}).items():
        print(f"  pairs[{kind}]: {n}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("model", help="train or inspect the Dutch static-embedding model")
    cmds = group.add_subparsers(dest="model_command", metavar="SUBCOMMAND", required=True)
    train = cmds.add_parser("train", help="train the static model from the reference data and crawled offerings")
    train.add_argument("--quick", action="store_true", help="small, seconds-long model (tests, smoke runs)")
    train.add_argument("--force", action="store_true", help="retrain even when the model is up to date")
    train.add_argument("--reference-only", action="store_true",
                       help="ignore crawled offerings in the store (reproducible benchmark model)")
    train.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    train.set_defaults(func=_train)
    info = cmds.add_parser("info", help="show the trained model's manifest")
    info.add_argument("--json", action="store_true", help="print the whole manifest as JSON")
    info.set_defaults(func=_info)
