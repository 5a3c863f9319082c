"""Encodings: UTF-8 first (a few stray bytes repaired and counted), then the common
code pages, Western first; an unsure guess is refused with the --encoding hint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from retold.cli import main
from retold.corpus.readers import read_jsonl
from retold.errors import EncodingError, InputError
from retold.text.load import article_from_text, decode

FRENCH = (
    "Le maire est très content du nouveau pont. Il a dit que le projet était une bonne"
    " idée et que les travaux commenceront à l'été, après les fêtes."
)
SHORT_FRENCH = "Le conseil a voté mardi. Le maire est très content."
SPANISH = (
    "El ayuntamiento aprobó el martes la construcción de un puente. “Es un día histórico”,"
    " dijo la alcaldesa; las obras empezarán este año en otoño."
)
CZECH = (
    "Městská rada v úterý schválila stavbu nového mostu přes řeku. „Je to historický den,“"
    " řekla starostka. Práce začnou na podzim a potrvají dva roky."
)
RUSSIAN = (
    "Городской совет во вторник одобрил строительство нового моста через реку."
    " «Это исторический день», — сказала мэр."
)
GREEK = "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την κατασκευή μιας νέας γέφυρας."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "latin-1"),
        (SHORT_FRENCH, "latin-1"),
        (SPANISH, "cp1252"),
        ("The council said “yes” on Tuesday — at last.", "cp1252"),
        ("A café society.", "latin-1"),
        (CZECH, "cp1250"),
        (RUSSIAN, "cp1251"),
        (GREEK, "cp1253"),
    ],
)
def test_common_encodings_are_read_exactly(text: str, encoding: str) -> None:
    decoded, note = decode(text.encode(encoding), name="a.txt")
    assert decoded == text
    assert note and note.startswith("a.txt is not UTF-8; decoded as ")


def test_latin1_french_is_not_read_as_cp1250(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(SHORT_FRENCH.encode("latin-1"))
    result = CliRunner().invoke(main, ["compare", str(source), str(source), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "très" in json.loads(result.stdout)["source"]["sentences"][1]["text"]
    assert "not UTF-8; decoded as cp1252" in result.stderr


def test_utf8_with_a_few_cp1252_bytes_is_repaired_and_counted() -> None:
    text = "Élodie’s café said “yes” — and the mayor agreed. Über alles, naïve façade."
    data = text.encode("utf-8").replace("“".encode(), b"\x93").replace("”".encode(), b"\x94")
    decoded, note = decode(data, name="mixed.txt")
    assert decoded == text
    assert note is not None and "UTF-8 but for 2 bytes" in note


def test_an_unsure_encoding_is_refused_with_the_hint() -> None:
    with pytest.raises(EncodingError, match="could not be told for sure") as caught:
        decode(bytes(range(0x80, 0x100)) * 2, name="odd.txt")
    assert "--encoding" in caught.value.hint


def test_a_utf16_file_with_a_byte_order_mark_is_read() -> None:
    decoded, _ = decode("\ufeffLe maire est très content.".encode("utf-16-le"), name="u.txt")
    assert decoded == "Le maire est très content."


@pytest.mark.parametrize(
    "blank", ["\u200b", "\u200b\u200d\ufeff\u2060", " \u200c\n\u00ad\t\u200e ", "\ufeff\n\n"]
)
def test_text_of_only_zero_width_or_format_characters_is_empty(blank: str) -> None:
    with pytest.raises(InputError, match="is empty"):
        article_from_text(blank, id="blank")


def test_zero_width_json_line_is_skipped_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "\\u200b\\u200d\\ufeff"}\n{"text": "A real line."}\n')
    skips = [i.skipped for i in read_jsonl(path, name="a.jsonl") if i.skipped]
    assert [(s.location, "empty" in s.reason) for s in skips] == [("a.jsonl:1", True)]
