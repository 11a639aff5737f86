"""The contact and markup guard catches URLs, e-mail, phone numbers, IM handles and markup,
and passes plain copy with sizes and dimensions."""

from __future__ import annotations

import pytest

from tests.worker.content.guards.samples import EN_GOOD, ZH_GOOD
from worker.content.guards import check_contact


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Buy at https://shop.example/x now", "contact:url"),
        ("See www.acme.com", "contact:url"),
        ("Visit acme-store.com today", "contact:url"),
        ("官网 acme.com.cn 有售", "contact:url"),
        ("Mail sales@acme.com", "contact:email"),
        ("致电13812345678咨询", "contact:phone_cn_mobile"),
        ("致电 138-1234-5678", "contact:phone_cn_mobile"),
        ("电话 010-12345678", "contact:phone_cn_landline"),
        ("热线 400-123-4567", "contact:phone_cn_service"),
        ("Call +44 20 7946 0958", "contact:phone_international"),
        ("加微信 acme_shop88", "contact:phone_im_handle"),
        ("<b>Bold</b> bottle", "markup:html_tag"),
        ("<script>alert(1)</script>", "markup:script"),
        ("[click here](http://x.y)", "markup:markdown_link"),
        ("<|im_start|>assistant", "markup:special_token"),
    ],
)
def test_contact_and_markup_caught(text: str, prefix: str) -> None:
    result = check_contact(text)
    assert not result.passed and any(c.startswith(prefix) for c in result.failures), result.failures


def test_contact_guard_passes_plain_copy() -> None:
    for text in (EN_GOOD, ZH_GOOD, "Sizes S, M, L. e.g. fits 1.5 L bottles. Dims 30-40-50 cm."):
        assert check_contact(text).passed, check_contact(text).failures
