"""The anonymiser's matching rule: which words of a good-practice example match a programme name."""

from safehouse_portal.domain.anonymise import KnownName, NameKind, find_flags, publish_blockers, unresolved, variants

NAMES = [
    KnownName("Riverside House", NameKind.LOCATION),
    KnownName("North Star Trust", NameKind.PROVIDER),
    KnownName("The Haven", NameKind.LOCATION),
    KnownName("Amira Hoxha", NameKind.PERSON),
    KnownName("Dr Jo Li", NameKind.PERSON),
]


def found(text: str) -> list[str]:
    return [flag.found for flag in find_flags({"what": text}, NAMES)]


def test_a_name_is_found_whatever_its_case():
    assert found("Staff at RIVERSIDE house give each survivor a tablet.") == ["RIVERSIDE house"]


def test_only_whole_words_match():
    assert found("Riversidehouse and the North Star Trusts office") == ["North Star Trusts"]
    assert found("Amiras and Hoxhaism") == ["Amiras"]


def test_a_multi_word_name_matches_across_a_line_break_and_wins_over_its_parts():
    flags = find_flags({"why": "North Star\n  Trust runs it; Amira Hoxha leads it."}, NAMES)
    assert [(f.found, f.term, f.kind) for f in flags] == [
        ("North Star\n  Trust", "north star trust", NameKind.PROVIDER),
        ("Amira Hoxha", "amira hoxha", NameKind.PERSON)]


def test_plurals_and_possessives_straight_or_curly_are_caught():
    assert found("Riverside House's garden, the Havens, Amira\u2019s idea, Hoxhas' plan") == [
        "Riverside House's", "the Havens", "Amira\u2019s", "Hoxhas'"]


def test_a_leading_the_is_optional_and_a_person_is_found_by_either_name():
    assert found("Survivors at Haven said Hoxha listened.") == ["Haven", "Hoxha"]


def test_titles_and_short_parts_are_not_matched_alone():
    assert variants(KnownName("Dr Jo Li", NameKind.PERSON)) == ["dr jo li"]
    assert found("Dr Jo Li helped; Jo and Li did not; a doctor did.") == ["Dr Jo Li"]


def test_a_name_marked_not_identifying_no_longer_blocks_publishing():
    flags = find_flags({"what": "Amira Hoxha and Riverside House"}, NAMES)
    assert len(publish_blockers(flags, [])) == 2
    left = unresolved(flags, ["RIVERSIDE  house"])
    assert [f.term for f in left] == ["amira hoxha"]
    assert publish_blockers(flags, ["riverside house"]) == [
        "\u201cAmira Hoxha\u201d matches a person's name: edit it out or mark it as not identifying."]


def test_text_naming_nobody_has_no_flags_and_no_names_flags_nothing():
    assert found("Counselling in Albanian through a partner charity.") == []
    assert find_flags({"what": "Riverside House"}, []) == []


def test_regular_expression_characters_in_a_name_are_taken_literally():
    names = [KnownName("St. Mary's (East)", NameKind.LOCATION)]
    assert [f.found for f in find_flags({"t": "At St. Mary's (East) and St Marys East"}, names)] == [
        "St. Mary's (East)"]
