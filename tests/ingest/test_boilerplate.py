"""Boilerplate: web debris goes, real paragraphs stay."""

from __future__ import annotations

from newsgen.ingest.boilerplate import clean, is_widget
from newsgen.ingest.structure import split_blocks

BODY = [
    "The council approved the plan on Tuesday after a long debate about costs.",
    "Residents said they would keep pressing for changes to the proposal.",
]


def run(text: str) -> tuple[list[str], list[str]]:
    kept, removed = clean(split_blocks(text))
    return [" ".join(block) for block in kept], removed


def test_comment_form_tail_without_trailing_newline() -> None:
    text = "\n\n".join(
        [
            "Headline",
            *BODY,
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ]
    )
    kept, removed = run(text)
    assert kept == ["Headline", *BODY]
    assert removed == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]


def test_full_comment_form() -> None:
    form = [
        "Leave a Reply Cancel reply",
        "Comment *",
        "Name *",
        "Email *",
        "Website",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
    ]
    kept, removed = run("\n\n".join(["Headline", *BODY, *form]))
    assert kept == ["Headline", *BODY]
    assert len(removed) == len(form)


def test_debris_at_start_and_middle() -> None:
    text = "\n\n".join(
        ["Skip to content", "Headline", BODY[0], "Advertisement", "Share this:", BODY[1]]
    )
    kept, removed = run(text)
    assert kept == ["Headline", *BODY]
    assert removed == ["Skip to content", "Advertisement", "Share this:"]


def test_share_widgets_and_related_list_tail() -> None:
    tail = [
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Click to share on Facebook (Opens in new window)",
        "Like this:",
        "Loading...",
        "Related Posts",
        "Council votes on new bus lanes",
        "Mayor opens library extension",
        "Tags: council, transport",
        "Posted in Local News",
        "© 2023 Example Gazette. All rights reserved.",
    ]
    kept, removed = run("\n\n".join(["Headline", *BODY, *tail]))
    assert kept == ["Headline", *BODY]
    assert "Council votes on new bus lanes" in "\n".join(removed)


def test_related_marker_followed_by_real_text_keeps_the_text() -> None:
    real = "Related talks will continue next week, the minister told reporters in Paris."
    kept, _ = run("\n\n".join(["Headline", BODY[0], "Related", real]))
    assert real in kept


def test_real_paragraphs_about_ads_email_and_sharing_are_kept() -> None:
    real = [
        "Advertisement spending rose by 5% as firms returned to television.",
        "Email remains the most common way staff share documents, the survey found.",
        "Share prices fell sharply after the announcement.",
        "Sign up for the newsletter was slow, the company admitted, but readers stayed.",
        "All rights reserved to the club, the lawyer said, were never sold.",
        "Comments from the minister drew criticism.",
    ]
    kept, removed = run("\n\n".join(["Headline", *real]))
    assert kept == ["Headline", *real]
    assert removed == []


def test_widget_match_is_whole_line_only() -> None:
    assert is_widget("Advertisement")
    assert is_widget("Sign up for our newsletter")
    assert not is_widget("Advertisement revenue fell.")
    assert not is_widget("He said: Leave a Reply is what the sign read.")
