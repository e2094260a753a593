"""The shipped survivor survey file holds the agreed questions and a complete text set in every language.

A survivor answers on a cheap phone in their own language, so a missing key, a lost placeholder or a
text left in the wrong script would show as a blank, a raw ``{max}`` or English where they cannot read
it. These checks read the JSON file alone (stdlib only, no database, no loader code).
"""

import json
import re
import unicodedata
from importlib import resources

import pytest

YES_PARTLY_NO = ["yes", "partly", "no"]
WITH_NOT_NEEDED = [*YES_PARTLY_NO, "not_needed"]
BOTH = ["safehouse", "outreach"]
EXPECTED_QUESTIONS = [
    ("support", "choice", YES_PARTLY_NO, BOTH),
    ("safe_safehouse", "choice", YES_PARTLY_NO, ["safehouse"]),
    ("safe_outreach", "choice", YES_PARTLY_NO, ["outreach"]),
    ("respect", "choice", YES_PARTLY_NO, BOTH),
    ("involved", "choice", YES_PARTLY_NO, BOTH),
    ("interpreter", "choice", WITH_NOT_NEEDED, BOTH),
    ("health", "choice", WITH_NOT_NEEDED, BOTH),
    ("accommodation", "choice", YES_PARTLY_NO, ["safehouse"]),
    ("good", "text", None, BOTH),
    ("better", "text", None, BOTH),
]
TEXT_MAX_CHARS = 2000
ENDONYMS = {
    "en": "English", "sq": "Shqip", "vi": "Tiếng Việt", "ar": "العربية", "ti": "ትግርኛ", "am": "አማርኛ",
    "ro": "Română", "pl": "Polski", "zh-Hans": "简体中文", "fa": "فارسی", "ckb": "کوردیی ناوەندی", "ur": "اردو",
}
RTL = {"ar", "fa", "ckb", "ur"}
UI_KEYS = {
    "choose_language", "intro_title", "confidential", "intro_body", "anonymous", "start", "next", "back",
    "submit", "progress", "optional_hint", "text_hint", "thank_you_title", "thank_you_body", "closed_title",
    "closed_body", "unknown_title", "unknown_body", "too_long", "error_title", "busy",
}
OPTION_KEYS = {f"opt.{value}" for value in [*WITH_NOT_NEEDED, "prefer_not_to_say"]}
ARABIC = [(0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]
ETHIOPIC = [(0x1200, 0x137F)]
CJK = [(0x4E00, 0x9FFF)]
SCRIPT_OF = {"ar": ARABIC, "fa": ARABIC, "ckb": ARABIC, "ur": ARABIC, "ti": ETHIOPIC, "am": ETHIOPIC, "zh-Hans": CJK}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _survey() -> dict:
    text = resources.files("safehouse_portal").joinpath("data", "survey_default.json").read_text("utf-8")
    return json.loads(text)


SURVEY = _survey()
LANGUAGES = {language["code"]: language for language in SURVEY["languages"]}
ENGLISH = LANGUAGES["en"]["texts"]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _in_script(char: str, ranges: list[tuple[int, int]]) -> bool:
    return any(low <= ord(char) <= high for low, high in ranges)


def _all_texts():
    return [(code, key, text) for code, language in LANGUAGES.items() for key, text in language["texts"].items()]


def test_the_file_names_its_version_title_and_source():
    for field in ("version", "title", "source"):
        assert isinstance(SURVEY.get(field), str) and SURVEY[field].strip(), field


def test_the_source_says_the_translations_await_a_qualified_translator():
    assert "qualified translator" in SURVEY["source"]


def test_the_ten_questions_come_in_order_with_their_kinds_options_and_service_kinds():
    found = [(q["code"], q["kind"], q.get("options"), q["service_kinds"]) for q in SURVEY["questions"]]
    assert found == EXPECTED_QUESTIONS


def test_only_free_text_questions_carry_a_character_limit():
    for question in SURVEY["questions"]:
        if question["kind"] == "text":
            assert question["max_chars"] == TEXT_MAX_CHARS and "options" not in question
        else:
            assert "max_chars" not in question


def test_the_twelve_languages_are_shipped_once_each_under_their_own_names():
    codes = [language["code"] for language in SURVEY["languages"]]
    assert codes == list(ENDONYMS)
    assert {code: language["name"] for code, language in LANGUAGES.items()} == ENDONYMS


def test_english_defines_every_interface_question_and_option_key_and_nothing_else():
    question_keys = {f"q.{code}" for code, *_ in EXPECTED_QUESTIONS}
    assert set(ENGLISH) == UI_KEYS | question_keys | OPTION_KEYS


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_defines_exactly_the_keys_english_defines(code):
    texts = LANGUAGES[code]["texts"]
    assert sorted(set(ENGLISH) - set(texts)) == [], "missing"
    assert sorted(set(texts) - set(ENGLISH)) == [], "not in English"


def test_no_text_is_empty():
    empty = [(code, key) for code, key, text in _all_texts() if not isinstance(text, str) or not text.strip()]
    assert empty == []


def test_every_text_keeps_exactly_the_placeholders_of_the_english_text():
    wrong = [
        (code, key, _placeholders(text))
        for code, key, text in _all_texts()
        if key in ENGLISH and _placeholders(text) != _placeholders(ENGLISH[key])
    ]
    assert wrong == []


def test_the_placeholders_the_screens_fill_are_where_english_puts_them():
    assert _placeholders(ENGLISH["progress"]) == ["n", "total"]
    assert _placeholders(ENGLISH["text_hint"]) == _placeholders(ENGLISH["too_long"]) == ["max"]


def test_arabic_farsi_sorani_and_urdu_read_right_to_left_and_no_other_language_does():
    directions = {code: language["dir"] for code, language in LANGUAGES.items()}
    assert directions == {code: "rtl" if code in RTL else "ltr" for code in ENDONYMS}


def test_only_english_is_reviewed_and_every_translation_is_a_draft():
    statuses = {code: language["status"] for code, language in LANGUAGES.items()}
    assert statuses == {code: "reviewed" if code == "en" else "draft" for code in ENDONYMS}


@pytest.mark.parametrize("code", sorted(SCRIPT_OF))
def test_every_text_of_a_non_latin_language_is_written_in_its_own_script(code):
    ranges = SCRIPT_OF[code]
    not_in_script = []
    for key, text in LANGUAGES[code]["texts"].items():
        words = PLACEHOLDER.sub("", text)
        if not any(char.isalnum() for char in words):
            continue
        if not any(_in_script(char, ranges) for char in words):
            not_in_script.append(key)
    assert not_in_script == []


def test_texts_are_stored_in_composed_unicode_form():
    decomposed = [(code, key) for code, key, text in _all_texts() if unicodedata.normalize("NFC", text) != text]
    assert decomposed == []
