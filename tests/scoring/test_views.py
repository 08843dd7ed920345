"""What each view shows of a test: the candidate view is built from the
fixed vocabulary for hidden tests, whatever the failure's own words."""

from grader.scoring.failures import Kind
from grader.scoring.result import TestResult
from grader.verdict import Verdict

CHILD_TEXT = "returned a Leak_CANARY_1234 object of shape (98765, 0)"


def failed(visibility="hidden", **extra):
    fields = dict(summary=CHILD_TEXT, detail=CHILD_TEXT + " (details)", output="printed 42",
                  kind=Kind.SHAPE, subject="h", time_s=0.123456)
    fields.update(extra)
    return TestResult("t", visibility, Verdict.WRONG_ANSWER, 0, 10, **fields)


def test_a_hidden_test_says_only_its_kind_to_candidates():
    test = failed()
    assert test.message("candidate") == "`h` has the wrong shape"
    assert not test.shows_detail("candidate")
    assert test.shown_time("candidate") == 0.1


def test_staff_see_the_details_and_exact_times():
    test = failed()
    assert test.message("staff") == CHILD_TEXT + " (details)"
    assert test.shows_detail("staff") and test.shown_time("staff") == 0.1235


def test_a_sample_test_teaches_in_both_views():
    test = failed("sample")
    assert test.message("candidate") == CHILD_TEXT + " (details)"


def test_a_sample_test_after_hidden_data_reached_the_child_is_staff_only():
    test = failed("sample", tainted=True)
    assert test.message("candidate") == "`h` has the wrong shape"
    assert not test.shows_detail("candidate") and test.shows_detail("staff")


def test_the_judges_own_trouble_is_staff_only_even_in_a_sample():
    test = failed("sample", kind=Kind.JUDGE, private=True)
    assert test.message("candidate") == Kind.JUDGE.phrase()


def test_a_hint_is_judge_owned_and_kept():
    test = failed(hint="this looks like b_hh left out [no-b_hh]")
    assert test.message("candidate").endswith("(hint: this looks like b_hh left out [no-b_hh])")


def test_no_phrase_of_the_vocabulary_holds_a_number():
    import re

    for kind in Kind:
        for phrase in (kind.phrase(), kind.phrase("h")):
            assert not re.search(r"\d", phrase), phrase
