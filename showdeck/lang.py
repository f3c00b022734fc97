"""The language of a run of text, read off its script, so non-English text gets its `lang`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Scripts whose text is marked, and the language the deck gives them. Han characters among
#: Japanese kana, or alone in a show about Japanese media, are read as Japanese.
_SCRIPT_LANG = {"HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "ja", "THAI": "th", "HANGUL": "ko",
                "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "CYRILLIC": "ru", "DEVANAGARI": "hi"}
#: Characters that take the language of the run around them (spaces, punctuation, digits).
_NEUTRAL_CATEGORIES = ("Z", "P", "N", "S", "C", "M")
_KANA_MARKS = {"ー", "・", "々", "〆", "〇"}  # noqa: RUF001


@dataclass(frozen=True)
class LangRun:
    """A stretch of text in one language; lang None for the deck's own (English)."""

    text: str
    lang: str | None


@lru_cache(maxsize=4096)
def char_lang(char: str) -> str | None:
    """'ja', 'th', ... for a letter of a marked script; None for Latin; '' for neutral."""
    if char in _KANA_MARKS:
        return "ja"
    category = unicodedata.category(char)
    if category[0] in _NEUTRAL_CATEGORIES and not ("\u3000" <= char <= "\u30ff"):
        return ""
    name = unicodedata.name(char, "")
    for script, lang in _SCRIPT_LANG.items():
        if name.startswith(script) or f" {script} " in f" {name} ":
            return lang
    if "\u3000" <= char <= "\u30ff" or "\uff00" <= char <= "\uffef":
        return "ja"
    return None


def lang_runs(text: object) -> list[LangRun]:
    """`text` cut into runs by language; neutral characters join the run they sit in."""
    value = "" if text is None else str(text)
    runs: list[LangRun] = []
    pending = ""  # neutral characters not yet given to a run
    for char in value:
        lang = char_lang(char)
        if lang == "":
            pending += char
            continue
        if runs and runs[-1].lang == lang:
            runs[-1] = LangRun(runs[-1].text + pending + char, lang)
        else:
            if pending:
                if runs:
                    runs[-1] = LangRun(runs[-1].text + pending, runs[-1].lang)
                else:
                    runs.append(LangRun(pending, None))
            runs.append(LangRun(char, lang))
        pending = ""
    if pending:
        if runs:
            runs[-1] = LangRun(runs[-1].text + pending, runs[-1].lang)
        else:
            runs.append(LangRun(pending, None))
    # Trailing neutral characters of a marked run belong to the sentence around it.
    merged: list[LangRun] = []
    for run in runs:
        if merged and merged[-1].lang == run.lang:
            merged[-1] = LangRun(merged[-1].text + run.text, run.lang)
        else:
            merged.append(run)
    return merged
