"""The announcement call's checklist."""

from safehouse_portal.domain.checklist import CHECKLIST, ChecklistKey, is_item, ticked_count


def test_the_checklist_covers_every_item_the_call_confirms_in_order():
    assert [entry.key for entry in CHECKLIST] == list(ChecklistKey)
    words = " ".join(entry.label for entry in CHECKLIST).lower()
    for thing in ("operates", "staff and survivors", "email", "room", "records", "gps", "police", "legal",
                  "interpretation", "quiet space"):
        assert thing in words


def test_only_the_checklists_own_items_are_items():
    assert is_item("staff_emails") is True
    assert is_item("anything") is False
    assert is_item(3) is False


def test_ticked_items_are_counted_out_of_all_of_them():
    assert ticked_count({"staff_emails": True, "room_and_records": False, "unknown": True}) == (1, 6)
