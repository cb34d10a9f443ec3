"""Pages say how a link was decided and what a note cites in plain words, the technical value
on hover: ``judged by subject and owner`` (basis ``subject_and_owner``), ``reading note``
(judgement ``J15`` of docs/seed-judgements.md)."""

from __future__ import annotations

from html.parser import HTMLParser

SEED_ID = "bkpsdm-pemalang-2025-2029"


class Spans(HTMLParser):
    """The attributes and text of every element carrying ``data-basis`` or ``data-judgements``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-basis" in attributes or "data-judgements" in attributes:
            self._open = attributes
            self.found.append((attributes, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        self._open = None


def spans(html: str) -> list[tuple[dict[str, str | None], str]]:
    parser = Spans()
    parser.feed(html)
    return parser.found


def test_a_link_decided_by_subject_and_owner_says_so(seeded_client):
    page = seeded_client.get(f"/elements/st-5.03.02.2.02.0001?cascade={SEED_ID}")
    assert page.status_code == 200
    found = spans(page.text)
    basis = [(a["data-basis"], text) for a, text in found if "data-basis" in a]
    assert ("subject_and_owner", "dinilai dari pokok bahasan dan pemilik kinerja") in basis
    assert all("_" not in text for _, text in basis)  # no snake_case shown
    cited = [
        (a["data-judgements"], a["title"], text) for a, text in found if "data-judgements" in a
    ]
    assert cited and cited[0][0] == "J15" and cited[0][2] == "catatan pembacaan"
    assert cited[0][1].startswith("J15: cara sumber dibaca")
    assert "J15:" not in page.text.replace('title="J15:', "")  # the number only on hover


def test_a_note_citing_two_judgements(seeded_client):
    page = seeded_client.get(f"/elements/pt-keselarasan-kualifikasi?cascade={SEED_ID}")
    found = [a for a, _ in spans(page.text) if "data-judgements" in a]
    assert [a["data-judgements"] for a in found][:1] == ["J3"]
    assert "name is the second half of a glued line" in page.text
