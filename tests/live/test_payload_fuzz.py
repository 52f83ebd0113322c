"""Any payload gets a clear ack: ok, or an error with a code. Never a traceback."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cafe.live.dispatch import HANDLERS

KNOWN_CODES = {"invalid_input", "not_found", "forbidden", "conflict", "rate_limited"}
FIELDS = [
    "body",
    "question_id",
    "poll_id",
    "answer",
    "option_ids",
    "rating",
    "text",
    "reason",
    "reply",
    "pinned",
    "open",
    "poll_ids",
    "response_id",
    "action",
    "kind",
    "question",
    "options",
    "scale_max",
    "max_choices",
    "min_responses",
]
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 10**12)
    | st.text(max_size=30)
    | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)
    ),
    max_leaves=10,
)
PAYLOADS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6) | VALUES
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _check(ack):
    assert isinstance(ack, dict)
    if not ack["ok"]:
        assert ack["error"]["code"] in KNOWN_CODES, ack
        assert ack["error"]["message"]


@FUZZ
@given(event=st.sampled_from(sorted(HANDLERS)), payload=PAYLOADS)
def test_a_host_gets_a_clear_ack_for_any_payload(host, event, payload):
    _check(host.emit(event, payload, callback=True))


@FUZZ
@given(
    event=st.sampled_from(["ask_question", "upvote", "remove_upvote", "cast_vote"]),
    payload=PAYLOADS,
)
def test_a_participant_gets_a_clear_ack_for_any_payload(
    connect_participant, event, payload
):
    client = connect_participant()
    _check(client.emit(event, payload, callback=True))
