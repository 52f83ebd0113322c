"""Recording what the council did about what people said."""

from __future__ import annotations

from datetime import date

import pytest

from cafe.domain import responses
from cafe.domain.actors import Actor
from cafe.domain.errors import Forbidden, InvalidInput, NotFound
from cafe.domain.responses import YouSaidDetails
from cafe.models import AuditEntry, EventStatus, QuestionStatus, YouSaidStatus
from tests.exports import factories as f


@pytest.fixture
def asked(db):
    event = f.make_event(db)
    live = f.make_session(db, event)
    return event, [
        f.add_question(db, live, "Evening groups?"),
        f.add_question(db, live, "Housing help?", status=QuestionStatus.ANSWERED),
        f.add_question(db, live, "Held one", status=QuestionStatus.PENDING),
        f.add_question(db, live, "Hidden one", status=QuestionStatus.HIDDEN),
    ]


def _details(question_ids, **fields) -> YouSaidDetails:
    values = {
        "question_ids": question_ids,
        "status": "will_do",
        "reason": "Funded from April.",
        "decided_on": date(2030, 4, 1),
    }
    return YouSaidDetails(**{**values, **fields})


def test_a_commissioner_answers_one_question(db, commissioner, asked):
    event, questions = asked
    response = responses.record_response(
        db, Actor.staff(commissioner), event.id, _details([questions[0].id])
    )
    assert response.status == YouSaidStatus.WILL_DO
    assert response.questions == [questions[0]]
    assert response.created_by_id == commissioner.id
    assert db.query(AuditEntry).filter_by(action="you_said.create").count() == 1


def test_a_theme_groups_several_questions(db, as_facilitator, asked):
    event, questions = asked
    ids = [questions[0].id, questions[1].id]
    response = responses.record_response(
        db, as_facilitator, event.id, _details(ids, theme_title=" Practical help ")
    )
    assert response.theme_title == "Practical help"
    assert {q.id for q in response.questions} == set(ids)


def test_several_questions_need_a_theme_title(db, as_facilitator, asked):
    event, questions = asked
    with pytest.raises(InvalidInput) as error:
        responses.record_response(
            db, as_facilitator, event.id, _details([q.id for q in questions[:2]])
        )
    assert error.value.field == "theme_title"


@pytest.mark.parametrize("index", [2, 3])
def test_held_or_hidden_questions_cannot_be_answered(db, as_facilitator, asked, index):
    event, questions = asked
    with pytest.raises(InvalidInput):
        responses.record_response(
            db, as_facilitator, event.id, _details([questions[index].id])
        )


def test_a_question_of_another_event_cannot_be_answered(db, as_facilitator, asked):
    event, _ = asked
    other = f.add_question(db, f.make_session(db, f.make_event(db)), "Elsewhere")
    with pytest.raises(InvalidInput):
        responses.record_response(db, as_facilitator, event.id, _details([other.id]))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"question_ids": []}, "question_ids"),
        ({"reason": "  "}, "reason"),
        ({"decided_on": None}, "decided_on"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_each_part_of_a_response_is_checked(db, as_facilitator, asked, fields, field):
    event, questions = asked
    fields = dict(fields)
    details = _details(fields.pop("question_ids", [questions[0].id]), **fields)
    with pytest.raises(InvalidInput) as error:
        responses.record_response(db, as_facilitator, event.id, details)
    assert error.value.field == field


def test_a_commissioner_cannot_respond_on_a_draft(db, commissioner):
    live = f.make_session(db, f.make_event(db, status=EventStatus.DRAFT))
    question = f.add_question(db, live, "Early")
    with pytest.raises(NotFound):
        responses.record_response(
            db, Actor.staff(commissioner), live.event_id, _details([question.id])
        )


def test_a_participant_cannot_respond(db, asked):
    event, questions = asked
    with pytest.raises(Forbidden):
        responses.record_response(
            db,
            Actor("participant", 1, "Quiet Heron"),
            event.id,
            _details([questions[0].id]),
        )


def test_a_response_can_be_changed_keeping_some_questions(db, as_facilitator, asked):
    event, questions = asked
    response = responses.record_response(
        db, as_facilitator, event.id, _details([questions[0].id])
    )
    changed = responses.update_response(
        db,
        as_facilitator,
        response.id,
        _details([questions[0].id, questions[1].id], theme_title="Both", status="done"),
    )
    db.flush()
    assert changed.status == YouSaidStatus.DONE
    assert sorted(q.id for q in changed.questions) == [questions[0].id, questions[1].id]


def test_a_response_can_be_removed(db, as_facilitator, asked):
    event, questions = asked
    response = responses.record_response(
        db, as_facilitator, event.id, _details([questions[0].id])
    )
    responses.delete_response(db, as_facilitator, response.id)
    assert responses.list_responses(db, as_facilitator, event.id) == []


def test_the_public_list_is_for_published_and_closed_events_only(db, as_facilitator):
    draft = f.make_event(db, status=EventStatus.DRAFT)
    with pytest.raises(NotFound):
        responses.public_responses(db, draft.id)
    archived = f.make_event(db, status=EventStatus.ARCHIVED)
    with pytest.raises(NotFound):
        responses.public_responses(db, archived.id)


def test_a_join_code_leads_to_its_public_event(db, asked):
    event, questions = asked
    code = event.sessions[0].join_code
    assert responses.public_event_for_code(db, code.lower()) is event


def test_public_texts_leave_out_questions_hidden_since(db, as_facilitator, asked):
    event, questions = asked
    response = responses.record_response(
        db,
        as_facilitator,
        event.id,
        _details([questions[0].id, questions[1].id], theme_title="Both"),
    )
    questions[1].status = QuestionStatus.HIDDEN
    assert responses.public_question_texts(response) == ["Evening groups?"]
