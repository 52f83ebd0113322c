"""A session's summary, checked against figures worked out by hand."""

from __future__ import annotations

import pytest

from cafe.exports.summary import session_summary
from tests.exports.factories import keys, shown, table


@pytest.fixture
def summary(db, tuesday, options):
    return session_summary(db, tuesday.live, options)


def test_the_title_names_the_session_and_the_event(summary):
    assert summary.title == "Open Q&A: summary"
    assert summary.subtitle == "Tuesday café"
    assert summary.scope == "session"


def test_method_notes_give_the_dates_moderation_notes_and_the_rule(summary):
    method = dict(shown_rows for shown_rows in _pairs(summary.method.rows))
    assert method["Session"] == "Open Q&A"
    assert method["Event dates"] == "2030-03-04 18:00 to 20:00"
    assert 'below 5 is shown as "<5"' in method["Protecting small numbers"]
    sessions = shown(summary, "sessions")
    assert sessions == [
        [
            "Open Q&A",
            "2030-03-04 18:00 to 19:00",
            "Questions waited for a host's approval before anyone saw them.",
            "Peer mentors hosted",
        ]
    ]


def _pairs(rows):
    return [(str(a), str(b)) for a, b in rows]


def test_participation_counts_everyone_who_joined_and_the_peak(summary):
    assert shown(summary, "participation") == [
        ["People who joined", "16"],
        ["Most connected at once", "15"],
    ]


def test_roles_below_k_show_as_less_than_k_with_their_percentages_withheld(summary):
    assert shown(summary, "participation_by_role") == [
        ["Person in recovery", "7", "44"],
        ["Family member or carer", "<5", "[c]"],
        ["Frontline worker", "6", "38"],
        ["Commissioner", "<5", "[c]"],
        ["Other", "<5", "[c]"],
        ["Prefer not to say", "<5", "[c]"],
        ["Not stated", "<5", "[c]"],
        ["All who joined", "16", "100"],
    ]


def test_questions_are_ranked_by_upvotes_and_only_published_ones_appear(summary):
    assert [row[1:] for row in shown(summary, "questions")] == [
        ["Can groups run in the evening?", "9", "Answered", "Yes, from May."],
        ["Is there help with housing?", "6", "Not answered", ""],
        ["What about childcare?", "<5", "Closed", ""],
        ["More peer mentors", "<5", "Not answered", ""],
    ]


def test_answered_and_unanswered_questions_are_counted(summary):
    assert shown(summary, "question_status") == [
        ["Answered", "1"],
        ["Not answered", "2"],
        ["Closed", "1"],
        ["All published questions", "4"],
    ]


def test_a_lone_small_option_count_takes_a_partner_with_it(summary):
    # Housing advice (4) is below 5; with the total 16 shown, Peer support (6)
    # is withheld too, the cheapest figure that leaves room for doubt.
    assert shown(summary, "poll_1_results") == [
        ["Peer support", "[c]", "[c]"],
        ["Housing advice", "<5", "[c]"],
        ["Evening groups", "6", "38"],
        ["People who answered", "16", "100"],
    ]


def test_small_roles_are_folded_into_other_until_every_group_reaches_k(summary):
    # Family (2) and not stated (1) make 3, below 5, so frontline workers (6)
    # join them: groups of 7 and 9.
    by_role = table(summary, "poll_1_by_role")
    assert [c.label for c in by_role.columns] == [
        "Option",
        "Person in recovery",
        "Person in recovery %",
        "Other or not stated",
        "Other or not stated %",
        "Everyone",
    ]
    assert shown(summary, "poll_1_by_role")[-1] == [
        "People who answered",
        "7",
        "100",
        "9",
        "100",
        "16",
    ]
    assert all(
        row[1] == "<5" and row[3] == "<5"
        for row in shown(summary, "poll_1_by_role")[:3]
    )


def test_a_rating_average_is_withheld_when_its_distribution_has_small_counts(summary):
    assert shown(summary, "poll_2_summary")[-1] == ["Average rating", "[c]"]
    assert shown(summary, "poll_2_results") == [
        ["1 (Not at all)", "<5", "[c]"],
        ["2", "<5", "[c]"],
        ["3", "<5", "[c]"],
        ["4", "6", "38"],
        ["5 (Very)", "6", "38"],
        ["People who answered", "16", "100"],
    ]


def test_rankings_get_borda_points(summary):
    # 3 x Drop-in > Phone > Outreach, 2 x Outreach > Drop-in > Phone,
    # 1 x Phone > Outreach > Drop-in: Drop-in 3*2+2*1 = 8, Phone 3+2 = 5,
    # Outreach 2*2+1 = 5.
    assert shown(summary, "poll_3_results") == [
        ["Drop-in", "8"],
        ["Phone line", "5"],
        ["Outreach", "5"],
        ["People who answered", "6"],
    ]


def test_no_role_breakdown_when_two_groups_of_k_cannot_be_formed(summary):
    assert "poll_3_by_role" not in keys(summary)


def test_word_cloud_entries_are_counted_without_case_or_punctuation(summary):
    assert shown(summary, "poll_4_words") == [["hope", "6"], ["community", "<5"]]


def test_open_text_lists_only_visible_answers_alphabetically(summary):
    assert shown(summary, "poll_5_answers") == [
        ["Housing first"],
        ["More peer support in the evenings"],
        ["Peer support works"],
    ]


def test_frequent_words_and_phrases_come_from_visible_answers(summary):
    assert shown(summary, "poll_5_frequent_words") == [
        ["peer", "<5"],
        ["support", "<5"],
    ]
    assert shown(summary, "poll_5_frequent_phrases") == [["peer support", "<5"]]


def test_draft_polls_are_left_out(summary):
    assert "poll_6_summary" not in keys(summary)
    assert all("draft" not in t.title for t in summary.tables())


def test_moderation_counts_held_hidden_and_edited_items_by_reason(summary):
    assert shown(summary, "moderation") == [
        ["Questions published", "4"],
        ["Questions hidden: Personal information", "<5"],
        ["Questions still held for approval: Possible crisis: signposted", "<5"],
        ["Questions edited by a moderator", "<5"],
        ["Free-text answers still held for approval", "<5"],
        ["Free-text answers hidden", "<5"],
    ]


def test_you_said_we_did_lists_responses_to_published_questions_only(summary):
    assert shown(summary, "you_said_we_did") == [
        [
            "Can groups run in the evening?",
            "",
            "We will do this",
            "Evening groups start in May.",
            "2030-04-01",
        ],
        [
            "Practical help",
            "Is there help with housing?\nWhat about childcare?",
            "Under consideration",
            "We are costing it.",
            "2030-04-01",
        ],
    ]


def test_a_session_with_no_readings_says_the_peak_was_not_recorded(
    db, tuesday, options
):
    summary = session_summary(db, tuesday.other, options)
    assert shown(summary, "participation")[1] == [
        "Most connected at once",
        "Not recorded",
    ]


def test_no_free_text_that_failed_moderation_appears_anywhere(summary):
    text = repr([t.rows for t in summary.tables()])
    for secret in ("I'm not coping", "Jo at the hub", "0777", "useless", "tired"):
        assert secret not in text


def test_a_larger_k_withholds_more(db, tuesday, options):
    from dataclasses import replace

    summary = session_summary(db, tuesday.live, replace(options, k=10))
    assert shown(summary, "participation_by_role")[0] == [
        "Person in recovery",
        "<10",
        "[c]",
    ]
    assert "below 10" in summary.suppression_rule
