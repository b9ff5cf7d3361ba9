"""The indicators by id, and the line items rules give them.

Most items repeat across applicants (``no award given``, ``33 周岁``), so equal
items are one shared frozen object, found by value in a bounded table.
"""

from __future__ import annotations

from shjzz._i18n import N_
from shjzz._result import Basis, LineItem

INDICATORS: dict[str, tuple[str, str]] = {
    "age": ("年龄", "basic"),
    "education": ("教育背景", "basic"),
    "certificate": ("专业技术职称和技能等级", "basic"),
    "insurance_years": ("在本市工作及缴纳职工社会保险年限", "basic"),
    "shortage_major": ("紧缺急需专业", "bonus"),
    "investment": ("投资纳税或带动本地就业", "bonus"),
    "insurance_base": ("缴纳职工社会保险费基数", "bonus"),
    "entrepreneur": ("创业人才", "bonus"),
    "tech_transfer": ("创新创业中介服务人才", "bonus"),
    "public_service": ("特定的公共服务领域", "bonus"),
    "remote_area": ("远郊重点区域", "bonus"),
    "new_graduate": ("全日制应届高校毕业生", "bonus"),
    "award": ("表彰奖励", "bonus"),
    "spouse": ("配偶为本市户籍人员", "bonus"),
    "false_material": ("提供虚假材料", "deduction"),
    "detention": ("行政拘留", "deduction"),
    "crime": ("一般刑事犯罪", "deduction"),
}
"""Stable indicator ids, in result order, with their Chinese names and groups."""

NOUNS: dict[str, str] = {
    "age": N_("age"),
    "education": N_("education"),
    "certificate": N_("the certificate"),
    "insurance_years": N_("insurance years"),
    "shortage_major": N_("the shortage major"),
    "investment": N_("investment"),
    "insurance_base": N_("the contribution base"),
    "entrepreneur": N_("the entrepreneur route"),
    "tech_transfer": N_("the technology-transfer route"),
    "public_service": N_("public service"),
    "remote_area": N_("the remote areas"),
    "new_graduate": N_("the new-graduate bonus"),
    "award": N_("the award"),
    "spouse": N_("the spouse"),
    "false_material": N_("false materials"),
    "detention": N_("detention"),
    "crime": N_("crime"),
}
"""Each indicator as a sentence names it (``二选一: the certificate is higher``)."""

_ITEMS: dict[tuple[str, int, str, Basis, bool, bool], LineItem] = {}
_ITEMS_LIMIT = 4096
_SHARED_DETAIL = 160
"""Longer details (they echo long names) are not kept in the table."""


def item(  # noqa: PLR0913 - the fields of a line item
    indicator: str,
    points: int,
    detail: str,
    basis: Basis,
    *,
    capped: bool = False,
    counted: bool = True,
) -> LineItem:
    """A line item; equal items are one shared frozen object."""
    key = (indicator, points, detail, basis, capped, counted)
    known = _ITEMS.get(key)
    if known is not None:
        return known
    made = LineItem(
        indicator=indicator,
        name=INDICATORS[indicator][0],
        points=points,
        counted=counted,
        detail=detail,
        basis=basis,
        capped=capped,
    )
    if len(detail) <= _SHARED_DETAIL:
        if len(_ITEMS) >= _ITEMS_LIMIT:
            _ITEMS.clear()
        _ITEMS[key] = made
    return made


def uncount(it: LineItem, why: str) -> LineItem:
    """*it*, not counted toward the total, with the reason added."""
    return item(
        it.indicator,
        it.points,
        f"{it.detail}; {why}",
        it.basis,
        capped=it.capped,
        counted=False,
    )
