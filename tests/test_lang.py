"""`lang` comes from the text itself: each run of another script is marked."""

from showdeck.lang import LangRun, lang_runs


def test_english_text_is_one_unmarked_run():
    assert lang_runs("Akudama Drive, 2020.") == [LangRun("Akudama Drive, 2020.", None)]


def test_japanese_inside_english_is_marked_ja():
    runs = lang_runs("Akudama Drive アクダマドライブ as of 2026")
    assert [r.lang for r in runs] == [None, "ja", None]
    assert runs[1].text.strip() == "アクダマドライブ"
    assert "".join(r.text for r in runs) == "Akudama Drive アクダマドライブ as of 2026"


def test_kanji_names_and_kana_marks_are_japanese():
    assert lang_runs("田口智久")[0].lang == "ja"
    assert lang_runs("ロスト・チルドレン") == [LangRun("ロスト・チルドレン", "ja")]


def test_thai_is_marked_th_with_its_combining_marks():
    runs = lang_runs("ข่าวอนิเมะ news")
    assert runs[0].lang == "th"
    assert runs[0].text.strip() == "ข่าวอนิเมะ"


def test_nothing_is_lost_or_added():
    text = "Mixed: 東京 / ไทย / Ελληνικά? ok"
    assert "".join(r.text for r in lang_runs(text)) == text
