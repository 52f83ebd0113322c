"""Which role groups a breakdown may show."""

from cafe.exports.groups import RoleLabels, breakdown_groups

LABELS = RoleLabels((("a", "Role A"), ("b", "Role B"), ("c", "Role C")))


def _groups(roles, k=5):
    return [
        (g.label, sorted(map(str, g.roles))) for g in breakdown_groups(roles, k, LABELS)
    ]


def test_roles_with_k_people_are_shown_on_their_own():
    assert _groups(["a"] * 5 + ["b"] * 6) == [("Role A", ["a"]), ("Role B", ["b"])]


def test_small_roles_and_unstated_people_are_counted_together():
    roles = ["a"] * 5 + ["b"] * 6 + ["c"] * 3 + [None] * 2
    assert _groups(roles)[-1] == ("Other or not stated", ["None", "c"])


def test_a_remainder_below_k_takes_in_the_smallest_shown_role():
    roles = ["a"] * 7 + ["b"] * 6 + ["c"] * 2
    assert _groups(roles) == [("Role A", ["a"]), ("Other or not stated", ["b", "c"])]


def test_no_breakdown_when_fewer_than_two_groups_remain():
    assert _groups(["a"] * 7 + ["b"] * 2) == []
    assert _groups(["a"] * 12) == []


def test_roles_no_longer_configured_keep_their_key_as_label():
    assert LABELS.label("retired") == "retired"
    assert LABELS.label(None) == "Not stated"
