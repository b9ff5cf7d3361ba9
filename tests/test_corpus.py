"""The lookup corpus: names as people write them, each with its expected answer.

Run with the stdlib scorer and with rapidfuzz (see ``test_lookup.scoring_with``);
the two must agree on every query.
"""

from __future__ import annotations

import collections

import pytest

import corpus
from test_lookup import HAS_RAPIDFUZZ, SCORERS, scoring_with

QUERIES = corpus.load()


def test_the_corpus_is_large_and_covers_every_answer():
    assert len(QUERIES) >= 200
    assert len({q.query for q in QUERIES}) == len(QUERIES)
    counts = collections.Counter(q.answer for q in QUERIES)
    assert set(counts) == {
        "entry",
        "no-points",
        "ambiguous",
        "needs-name",
        "contradiction",
        "no-match",
    }


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[corpus.Outcome]]:
    found = {}
    for name in SCORERS if HAS_RAPIDFUZZ else SCORERS[:1]:
        with scoring_with(name):
            found[name] = corpus.run(QUERIES)
    return found


def test_no_confident_answer_is_wrong(outcomes):
    for found in outcomes.values():
        wrong = [(o.query.query, o.result.best) for o in found if o.confident and not o.right]
        assert wrong == []


def test_recall_of_confident_answers(outcomes):
    for found in outcomes.values():
        assert corpus.recall(found) >= 0.95


def test_both_scorers_agree_on_the_whole_corpus(outcomes):
    results = [[o.result for o in found] for found in outcomes.values()]
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize("answer", ["needs-name", "contradiction", "no-match"])
def test_honest_answers_are_given(outcomes, answer):
    found = next(iter(outcomes.values()))
    rows = [o for o in found if o.query.answer == answer]
    assert [o.query.query for o in rows if o.result.answer != answer] == []


def test_an_ambiguous_name_is_refused_with_its_candidates(outcomes):
    """Ambiguous, or — where the other grades are not catalogue entries (二级消防工程师) —
    only suggested."""
    found = next(iter(outcomes.values()))
    for o in found:
        if o.query.answer == "ambiguous":
            assert o.result.answer == "ambiguous" or (
                o.result.answer == "no-match" and o.result.matches
            ), o.query.query
