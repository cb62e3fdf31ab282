"""ingest_bytes end to end: the bundled seed and hand-made hostile seeds."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from newsgen.article import Article
from newsgen.errors import SeedError
from newsgen.ingest import ingest_bytes, ingest_report

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_642a102f9749f317.txt"
TITLE = (
    "Kim Jong Un of North Korea orders a significant increase in missile manufacturing "
    "just days before US-South Korea training"
)
P1 = "The mayor opened the new bridge on Tuesday after two years of building work."
P2 = "Drivers said the crossing cut their journey to the city centre by half."
STORY = f"Bridge opens at last\n\n{P1}\n\n{P2}\n"


def ingest(data: bytes | str, mtime: float | None = None) -> Article:
    raw = data.encode() if isinstance(data, str) else data
    return ingest_bytes(raw, source_file="seeds/test.txt", mtime=mtime)


# ----------------------------------------------------------------------------- bundled seed
def test_bundled_seed() -> None:
    data = SEED.read_bytes()
    article = ingest_bytes(data, source_file=str(SEED), mtime=1_700_000_000.0)
    assert article.slug == ""
    assert article.title == TITLE
    assert len(article.paragraphs) == 13
    assert not any("Reply" in p or "email address" in p for p in article.paragraphs)
    assert article.paragraphs[-1].startswith("Faced with pressure campaigns")
    assert "KCNA" in article.sources
    found = {q.text: q.speaker for q in article.quotes}
    for text in (
        "dramatically boost",
        "at an exponential rate",
        "an overwhelming military force and get fully prepared for coping with any war",
        "surely annihilate",
    ):
        assert found[text] == "Kim Jong Un"
    assert (article.date, article.date_source) == (dt.date(2023, 11, 14), "file mtime")
    assert article.dateline is None
    assert article.source_hash == hashlib.sha256(data).hexdigest()
    assert article.summary.startswith("Days before South Korea")
    assert article.word_count > 500 and article.reading_minutes == 3
    assert article.language == "en"
    assert article.locked == [] and article.extra == {}


def test_bundled_seed_without_mtime_has_no_date() -> None:
    article = ingest_bytes(SEED.read_bytes(), source_file=str(SEED))
    assert (article.date, article.date_source) == (None, None)


def test_report_lists_removed_debris() -> None:
    report = ingest_report(SEED.read_bytes(), source_file=str(SEED))
    assert report.removed == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]


# ----------------------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"),
        STORY.encode("utf-16"),
        codecs.BOM_UTF8 + STORY.encode(),
        STORY.replace("\n", "\r\n").encode(),
        STORY.replace("\n", "\r").encode(),
    ],
)
def test_encodings_and_line_ends(data: bytes) -> None:
    article = ingest(data)
    assert article.title == "Bridge opens at last"
    assert article.paragraphs == [P1, P2]


def test_cp1252_and_mojibake() -> None:
    text = f"Kim’s bridge opens\n\n{P1}\n\nThe mayor’s “big day” came at last."
    mojibake = text.replace("’", "â€™").replace("“", "â€œ")
    for data in (text.encode("cp1252"), mojibake.encode()):
        article = ingest(data)
        assert article.title == "Kim’s bridge opens"
        assert article.paragraphs[1] == "The mayor’s “big day” came at last."


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n \n\t", b"\x00" * 100, bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + b"\x00" * 30],
)
def test_unreadable_seeds_raise(data: bytes) -> None:
    with pytest.raises(SeedError) as caught:
        ingest(data)
    assert caught.value.path == "seeds/test.txt"


def test_a_headline_only_seed_is_a_story_without_a_body() -> None:
    article = ingest("Harbour board resigns\n")
    assert (article.title, article.paragraphs, article.word_count) == (
        "Harbour board resigns",
        [],
        0,
    )


def test_only_debris_after_headline_is_a_headline_only_story() -> None:
    article = ingest("Headline\n\nLeave a Reply\n\nName *\n\nEmail *")
    assert (article.title, article.paragraphs) == ("Headline", [])


@pytest.mark.parametrize("text", ["!\n", "~~ **\n", "\u02ff\u02ff\u02ff\n"])
def test_a_headline_of_symbols_alone_is_refused(text: str) -> None:
    with pytest.raises(SeedError, match="no story text"):
        ingest(text)


# ----------------------------------------------------------------------------- structure
def test_headline_repeated() -> None:
    article = ingest(f"Bridge opens at last\n\nBridge opens at last\n\n{P1}")
    assert article.paragraphs == [P1]


def test_metadata_lines() -> None:
    text = f"Bridge opens at last\nBy Jane Smith\nPublished: 14 August 2023\n\n{P1}\n\n{P2}"
    article = ingest(text, mtime=0.0)
    assert article.authors == ["Jane Smith"]
    assert (article.date, article.date_source) == (dt.date(2023, 8, 14), "metadata")
    assert article.paragraphs == [P1, P2]


def test_front_matter_good() -> None:
    text = (
        "---\ntitle: The bridge\ndate: 2023-08-14\nsection: Local\ntopics: [transport]\n"
        f"slug: my-bridge\nstandfirst: Two years late.\n---\n{P1}\n\n{P2}"
    )
    article = ingest(text)
    assert article.title == "The bridge"
    assert article.paragraphs == [P1, P2]
    assert (article.date, article.date_source) == (dt.date(2023, 8, 14), "front matter")
    assert article.standfirst == "Two years late."
    assert article.slug == ""
    assert article.extra == {"section": "Local", "topics": ["transport"], "slug": "my-bridge"}
    assert set(article.locked) == {"title", "date", "section", "topics", "standfirst"}


def test_front_matter_bad() -> None:
    with pytest.raises(SeedError) as caught:
        ingest(f"---\ntitle: ok\ndate: [\n---\n{STORY}")
    assert caught.value.line == 3


def test_very_long_headline() -> None:
    headline = ("Enormous " * 1200).strip()
    article = ingest(f"{headline}\n\n{P1}")
    assert len(article.title) <= 200
    assert article.paragraphs == [headline, P1]


def test_boilerplate_start_middle_end_and_real_mentions_kept() -> None:
    real = "Advertisement boards, email alerts and a share scheme were part of the plan."
    text = "\n\n".join(
        [
            "Advertisement",
            "Bridge opens at last",
            P1,
            "Share this:",
            "Click to share on Facebook (Opens in new window)",
            real,
            P2,
            "Related Posts",
            "Road closures this weekend",
            "Sign up for our newsletter",
            "© 2023 Example Gazette. All rights reserved.",
        ]
    )
    report = ingest_report(text.encode(), source_file="s.txt")
    assert report.article.title == "Bridge opens at last"
    assert report.article.paragraphs == [P1, real, P2]
    assert "Road closures this weekend" in "\n".join(report.removed)


def test_wire_story() -> None:
    text = (
        "MARKETS - Stocks rise\n\nSEOUL, Aug 14 (Reuters) - Shares rose on Monday as "
        "investors bet on a rate cut, traders said. Volume was thin.\n\n"
        '"It is a relief rally," said Park Ji-hoon, a trader at Mirae Asset.'
    )
    article = ingest(text, mtime=0.0)
    assert article.dateline is not None and article.dateline.place == "Seoul"
    # "Aug 14" has no year: the latest one not after the file was saved (1 January 1970),
    # and the date source says so.
    assert article.date_source == "dateline, year from file mtime"
    assert article.date is not None and article.date.isoformat() == "1969-08-14"
    assert article.summary.startswith("Shares rose on Monday")
    assert article.quotes[0].speaker == "Park Ji-hoon"


def test_a_seed_filed_under_a_date_takes_it() -> None:
    article = ingest_bytes(
        b"Harbour reopens\n\nThe harbour reopened, officials said.\n",
        source_file="seeds/2019/03/14/harbour.txt",
        mtime=1_700_000_000.0,
    )
    assert (article.date, article.date_source) == (dt.date(2019, 3, 14), "path")
