"""An account's data download holds the practices it authored and its comments in their reviews."""

import io
import json
import zipfile

import pytest

from secon.organisations.export import account_sections, write_archive
from secon.practices.services import workflow

pytestmark = pytest.mark.django_db


def test_the_author_s_download_holds_the_practice_texts_and_each_review_comment(
    editor, coordinator, other_editor, draft
):
    workflow.submit_practice(actor=editor, practice=draft, comment="Ready for review")
    workflow.request_information(actor=coordinator, practice=draft, comment="Please add the budget.")
    sections = account_sections(editor, [])
    [practice] = sections["practices"]
    assert practice["practice"] == draft.pk
    assert practice["title_en"] == draft.title["en"]
    assert practice["summary_en"] == draft.summary["en"]
    assert practice["status"] == "info_requested"
    assert practice["address"].startswith("http") and f"/practices/{draft.pk}/" in practice["address"]
    assert [row["comment"] for row in sections["practice_comments"] if row["comment"]] == ["Ready for review"]
    assert any("submit" in row["what"] for row in sections["practice_comments"])
    # The reviewer's download holds the reviewer's comment, not the practice (not theirs).
    reviewer = account_sections(coordinator, [])
    assert reviewer["practices"] == []
    assert [row["comment"] for row in reviewer["practice_comments"] if row["comment"]] == [
        "Please add the budget."
    ]
    # Someone else's download holds nothing of either.
    other = account_sections(other_editor, [])
    assert other["practices"] == [] and other["practice_comments"] == []
    with zipfile.ZipFile(io.BytesIO(write_archive(sections))) as archive:
        assert {"practices.csv", "practice_comments.csv"} <= set(archive.namelist())
        assert json.loads(archive.read("data.json"))["practices"][0]["practice"] == draft.pk
