"""Self-declared roles: labels, and the groups a breakdown may show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NOT_STATED = "Not stated"
OTHER_OR_NOT_STATED = "Other or not stated"


@dataclass(frozen=True)
class RoleLabels:
    """The configured roles, in the order people see them."""

    pairs: tuple[tuple[str, str], ...]

    def label(self, key: str | None) -> str:
        if key is None:
            return NOT_STATED
        return dict(self.pairs).get(key, key)

    def ordered(self, present: Iterable[str | None]) -> list[str | None]:
        """Every configured role, then roles no longer configured, then not stated."""
        known = [key for key, _ in self.pairs]
        extra = sorted({r for r in present if r is not None and r not in known})
        return [*known, *extra, None]


@dataclass(frozen=True)
class Group:
    """A column of a breakdown: one role, or everyone else together."""

    key: str
    label: str
    roles: frozenset[str | None]


def breakdown_groups(
    roles: Sequence[str | None], k: int, labels: RoleLabels
) -> list[Group]:
    """The groups a breakdown by role may show, or [] when none may be shown.

    A role is shown on its own only with at least k people. Everyone else is
    put together as "Other or not stated"; while that group is above zero but
    below k, the smallest shown role joins it, so no group below k can be
    worked out by taking the shown groups from the total.
    """
    sizes = Counter(roles)
    shown = [r for r in labels.ordered(sizes) if r is not None and sizes[r] >= k]
    rest = len(roles) - sum(sizes[r] for r in shown)
    while shown and 0 < rest < k:
        smallest = min(shown, key=lambda r: (sizes[r], shown.index(r)))
        shown.remove(smallest)
        rest += sizes[smallest]
    groups = [Group(r, labels.label(r), frozenset([r])) for r in shown]
    if rest:
        others = frozenset(set(sizes) - set(shown))
        groups.append(Group("other_or_not_stated", OTHER_OR_NOT_STATED, others))
    return groups if len(groups) > 1 else []
