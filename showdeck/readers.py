"""Read a data file as people save it, and show.toml as a record.

UTF-8 with or without a byte-order mark, CRLF, LF or (old Mac) CR line ends, with or without a
final newline: all read as the same text. A file in another encoding is one problem that names
the encoding, never a parse error about its first line.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from showdeck.datafiles import MAX_FILE_BYTES
from showdeck.problems import Collector

#: Tables and arrays nested in show.toml (the real record needs 2).
MAX_TOML_DEPTH = 8

M = TypeVar("M", bound=BaseModel)

#: Byte-order marks of the encodings a file is refused in, longest first (UTF-32 LE starts
#: with UTF-16 LE's mark).
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
_SAVE_AS = "save it as UTF-8"
#: Kana: a legacy Japanese encoding is named only when its text has some (Japanese prose does).
_KANA = re.compile("[\u3040-\u30ff]")


def read_text(folder: Path, name: str, out: Collector) -> str | None:
    """The text of `folder`/`name` with "\\n" line ends and no byte-order mark; None after one
    problem (missing, a link out of the folder, too large, unreadable, not UTF-8, a NUL)."""
    path = folder / name
    if not path.is_file():
        out.add(name, None, None, "file is missing")
        return None
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        out.add(name, None, None,
                "is a link to a file outside the data folder; copy the file into the folder")
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.add(name, None, None, f"cannot be read: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        out.add(name, None, None, f"is larger than {MAX_FILE_BYTES:,} bytes; a data file holds "
                                  "one show's facts and is far smaller")
        return None
    text = decode(raw, name, out)
    if text is None:
        return None
    if (nul := text.find("\0")) >= 0:
        line = text.count("\n", 0, nul) + 1
        out.add(name, line, None, "contains a NUL character; save the file as plain UTF-8 text")
        return None
    return text


def decode(raw: bytes, name: str, out: Collector) -> str | None:
    """`raw` as UTF-8 text (a leading byte-order mark dropped, line ends made "\\n"), or None
    after one problem naming the encoding it is in instead."""
    for bom, encoding in _FOREIGN_BOMS:
        if raw.startswith(bom):
            out.add(name, None, None, f"not UTF-8: it is {encoding} (it starts with a {encoding} "
                                      f"byte-order mark); {_SAVE_AS}")
            return None
    if encoding := _utf16_without_bom(raw):
        out.add(name, None, None, f"not UTF-8: it looks like {encoding} without a byte-order "
                                  f"mark; {_SAVE_AS}")
        return None
    try:
        text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        ends = b"\n" if b"\n" in raw else b"\r"
        line = raw[:offset].count(ends) + 1
        guess = _legacy_encoding(raw)
        out.add(name, line, None,
                f"not UTF-8 (byte 0x{raw[offset]:02X} at offset {offset}"
                + (f"; it looks like {guess}" if guess else "") + f"); {_SAVE_AS}")
        return None
    return normalize_line_ends(text)


def normalize_line_ends(text: str) -> str:
    """CRLF made LF; a file of bare CRs (an old Mac's) made LF too. A lone CR in a file that
    also has LFs is left as it is: it is then a character of its line."""
    text = text.replace("\r\n", "\n")
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return text


def _utf16_without_bom(raw: bytes) -> str | None:
    """'UTF-16' for a file a text editor saved as "Unicode" without a mark: it has zero bytes
    (UTF-8 text has none: NUL is refused) and reads as UTF-16 text with line ends, or is
    two-fifths zeros or more, as ASCII in UTF-16 is."""
    if b"\0" not in raw:
        return None
    even = raw[: len(raw) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\0" not in text and ("\n" in text or raw.count(0) * 5 >= len(raw) * 2):
            return "UTF-16"
    return None


def _legacy_encoding(raw: bytes) -> str | None:
    """A likely name for the encoding of bytes that are not UTF-8, for the message only."""
    for codec, label in (("shift_jis", "Shift_JIS"), ("euc_jp", "EUC-JP")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _KANA.search(text):
            return label
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Latin-1 or Windows-1252"


def read_toml_record(text: str, name: str, model: type[M], out: Collector) -> M | None:
    """The record in a TOML file, or None after its problems: one for a file that is not TOML
    or holds none of the record's keys, one per field otherwise."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's tomllib puts the position in the message only.
        where = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
        message = str(exc)[: where.start()].strip() if where else str(exc)
        out.add(name, int(where[1]) if where else None, None, f"not valid TOML: {message}")
        return None
    except (RecursionError, ValueError) as exc:  # deep nesting; an integer of 4300+ digits
        problem = ("tables or arrays nested too deeply" if isinstance(exc, RecursionError)
                   else str(exc).split(";")[0][:100])
        out.add(name, None, None, f"not valid TOML: {problem}")
        return None
    if _depth(raw) > MAX_TOML_DEPTH:
        out.add(name, None, None,
                f"tables or arrays nested more than {MAX_TOML_DEPTH} deep; the record needs 2")
        return None
    if not raw.keys() & model.model_fields.keys():
        required = [key for key, info in model.model_fields.items() if info.is_required()]
        what = "is empty" if not raw else f"has none of its keys (found {', '.join(raw)[:60]})"
        out.add(name, None, None, f"the show record {what}; it needs {', '.join(required)}")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        out.validation(name, lambda dotted: toml_line(text, dotted), exc)
        return None


def toml_line(text: str, dotted: str) -> int | None:
    """The line of a key in a TOML text, e.g. "run.first_air" or "staff.2.name" (the third
    [[staff]] table); the line of its table when the key is missing; None if neither is found."""
    parts = [p for p in dotted.split(".") if p]
    if not parts:
        return None
    lines = text.split("\n")  # TOML's own line ends: splitlines would also split at U+2028

    def find_key(key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
        return next((i + 1 for i in range(start, end) if pattern.match(lines[i])), None)

    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[", line)]
    if len(parts) == 1:
        return find_key(parts[0], 0, headers[0] if headers else len(lines))
    name, rest = parts[0], parts[1:]
    index = int(rest.pop(0)) if rest[0].isdigit() else 0
    own = [i for i in headers
           if re.fullmatch(rf"\s*\[\[?{re.escape(name)}\]\]?\s*(#.*)?", lines[i])]
    if index >= len(own):
        return None
    start = own[index] + 1
    end = next((i for i in headers if i >= start), len(lines))
    return (find_key(rest[0], start, end) if rest else None) or own[index] + 1


def _depth(value: object) -> int:
    """How deeply tables and arrays nest in a parsed TOML value, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest
