"""Word and phrase counts for moderated free text."""

from cafe.exports import text_stats


def test_words_are_counted_once_per_answer_without_stopwords():
    counts = text_stats.word_counts(["Peer support, peer SUPPORT!", "the support"])
    assert counts == {"peer": 1, "support": 2}


def test_short_words_and_numbers_are_ignored():
    assert text_stats.word_counts(["go to 24 hr AA"]) == {}


def test_phrases_pair_adjacent_meaningful_words():
    counts = text_stats.phrase_counts(["More peer support please", "peer support"])
    assert counts["peer support"] == 2
    assert "support please" in counts
    assert "more peer" not in counts  # "more" is a stopword


def test_entries_match_without_case_spacing_or_end_punctuation():
    counts = text_stats.entry_counts(["Hope", " hope. ", "HOPE!", "new  start"])
    assert counts == {"hope": 3, "new start": 1}


def test_top_breaks_ties_alphabetically_and_applies_a_minimum():
    counts = text_stats.word_counts(["beta alpha", "alpha beta", "gamma"])
    assert text_stats.top(counts, 5, minimum=2) == [("alpha", 2), ("beta", 2)]
