from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.payloads import PayloadFile, PayloadRows, read_payloads

ROWS: list[dict[str, object]] = [{"id": "a", "title": "Lasser"}, {"id": "b", "title": "Kok", "geo": [[52.1, 5.1]]},
        {"id": "c", "title": "Verzorgende IG — cliënt"}]


def _write(path: Path, rows: list[dict[str, object]], *, trailing_newline: bool = True) -> Path:
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    path.write_text(text + ("\n" if trailing_newline else ""), encoding="utf-8")
    return path


def test_payload_file_reads_each_row_on_access(tmp_path: Path) -> None:
    payloads = PayloadFile(_write(tmp_path / "o.jsonl", ROWS))
    assert len(payloads) == 3
    assert payloads[1] == ROWS[1] and payloads[-1] == ROWS[2]
    assert list(payloads) == ROWS and payloads[0:2] == ROWS[:2]
    with pytest.raises(IndexError):
        payloads[3]


def test_payload_file_without_final_newline_or_with_blank_lines(tmp_path: Path) -> None:
    assert list(PayloadFile(_write(tmp_path / "a.jsonl", ROWS, trailing_newline=False))) == ROWS
    path = tmp_path / "b.jsonl"
    path.write_text("\n" + json.dumps(ROWS[0]) + "\n\n" + json.dumps(ROWS[1]) + "\n", encoding="utf-8")
    assert list(PayloadFile(path)) == ROWS[:2]
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert len(PayloadFile(tmp_path / "empty.jsonl")) == 0


def test_small_files_are_read_into_a_list_large_ones_mapped(tmp_path: Path) -> None:
    path = _write(tmp_path / "o.jsonl", ROWS)
    assert isinstance(read_payloads(path), list)
    mapped = read_payloads(path, parsed_max_bytes=10)
    assert isinstance(mapped, PayloadFile) and list(mapped) == ROWS


def test_payload_rows_are_a_view_in_the_given_order(tmp_path: Path) -> None:
    rows = PayloadRows(PayloadFile(_write(tmp_path / "o.jsonl", ROWS)), [2, 0])
    assert len(rows) == 2 and rows[0]["id"] == "c" and [r["id"] for r in rows] == ["c", "a"]
    assert [r["id"] for r in rows[1:]] == ["a"]
