// The participant's page, live: the page's own forms go over the socket, and the
// lists are redrawn from the server's events. Without this script the forms post.

import { resultsView } from "./charts.js";
import { answerFrom, voteForm } from "./vote-form.js";
import {
  LiveStore,
  announce,
  byId,
  connect,
  follow,
  h,
  replaceChildren,
  send,
  showConnection,
  showError,
  syncList,
  truncate,
} from "./live.js";

const root = byId("participant");
const code = root.dataset.code;
const csrf = root.dataset.csrf;
const order = root.dataset.sort;
const store = new LiveStore({ publicOnly: true });
const socket = connect("participant", Number(root.dataset.sessionId));
const announcedAt = new Map();
const RESULTS_ANNOUNCE_GAP_MS = 15000;
// What became of my answers that others do not see (held, waiting or hidden).
let notes = new Map();

const HELD_TEXT = "Passed privately to the facilitators; not shown to anyone else";
const STATUS_TEXT = {
  pending: "Waiting for a host to approve it",
  live: "On the list",
  answered: "Answered",
  hidden: "Hidden by a host",
  closed: "Closed by a host",
};

// Before follow(): the polls are drawn with these notes from the same state.
socket.on("session_state", (state) => {
  notes = new Map(
    Object.entries(state.my_answer_notes || {}).map(([id, note]) => [Number(id), note]),
  );
  drawSupport(state.support || []);
  setMuted(Boolean(state.muted));
});
follow(socket, store, redraw);
showConnection(socket);
root.addEventListener("submit", onSubmit);

function redraw(change) {
  // Marks that the page shows the server's state, not only what it was served.
  if (change.all) root.dataset.synced = "true";
  if (change.all || change.session) drawSession();
  if (change.all || change.count) byId("participant-count").textContent = store.count;
  if (change.all || change.questions) drawQuestions();
  if (change.newQuestion) announce(`New question: ${truncate(change.newQuestion.body, 140)}`);
  if (change.all || change.polls) drawPolls();
  if (change.poll) announcePoll(change.poll, change.before);
  if (change.results) drawResults(change.results);
}

// ----- session -----

function drawSession() {
  const s = store.session;
  byId("session-title").textContent = s.title;
  const note = byId("session-note");
  note.hidden = s.state === "live";
  note.textContent =
    s.state === "ended"
      ? "This session has ended. Thank you for taking part."
      : "This session has not started yet.";
  byId("questions-closed").hidden = s.questions_open;
  byId("ask-form").hidden = !s.questions_open;
  root.classList.toggle("quiet", Boolean(s.quiet));
}

// ----- forms -----

async function onSubmit(event) {
  const form = event.target;
  const handler = FORM_HANDLERS[form.id] || FORM_HANDLERS[form.className];
  // Until the socket has the session's state, the form posts as it would without
  // JavaScript.
  if (!handler || !socket.connected || !store.session) return;
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const ack = await handler(form);
    showError(form, ack);
  } finally {
    button.disabled = false;
  }
}

const FORM_HANDLERS = {
  "ask-form": ask,
  "support-form": askForSupport,
  "upvote-form": upvote,
  "vote-form": vote,
};

async function ask(form) {
  const ack = await send(socket, "ask_question", { body: form.elements.body.value });
  if (ack.ok) {
    form.elements.body.value = "";
    if (ack.needs_care) showCare();
    else {
      announce(
        ack.status === "pending"
          ? "Thank you. Your question will appear once a host approves it."
          : "Thank you. Your question is on the list.",
      );
    }
  }
  return ack;
}

async function askForSupport(form) {
  const message = form.elements.message.value.trim();
  const ack = await send(socket, "request_support", message ? { message } : {});
  if (ack.ok) {
    form.elements.message.value = "";
    announce("Your request was sent privately to the facilitators. A facilitator will reply here.");
  }
  return ack;
}

// A held message: the kind words and the signposting list, where they are seen first.
function showCare() {
  const care = byId("care");
  care.hidden = false;
  care.focus();
  announce(care.querySelector("p").textContent);
}

async function upvote(form) {
  const id = Number(form.dataset.questionId);
  const undo = store.myUpvotes.has(id);
  const ack = await send(socket, undo ? "remove_upvote" : "upvote", { question_id: id });
  if (ack.ok) {
    if (undo) store.myUpvotes.delete(id);
    else store.myUpvotes.add(id);
    drawQuestions();
    announce(undo ? "Your upvote was taken back." : "Upvoted.");
  }
  return ack;
}

async function vote(form) {
  const poll = store.polls.get(Number(form.dataset.pollId));
  const answer = answerFrom(form, poll);
  const ack = await send(socket, "cast_vote", { poll_id: poll.id, answer });
  if (ack.ok) {
    store.myAnswers.set(poll.id, answer);
    if (ack.needs_care) notes.set(poll.id, { status: "pending", needs_care: true });
    else notes.delete(poll.id);
    drawPolls();
    if (ack.needs_care) showCare();
    else announce("Thank you. Your answer is recorded.");
  }
  return ack;
}

// ----- questions -----

function drawQuestions() {
  const entries = store.sortedQuestions(order).map((q) => {
    const upvoted = store.myUpvotes.has(q.id);
    return {
      key: `question-${q.id}`,
      signature: JSON.stringify([q, upvoted]),
      build: () => questionItem(q, upvoted),
    };
  });
  byId("no-questions").hidden = syncList(byId("question-list"), entries) > 0;
}

function questionItem(q, upvoted) {
  return h(
    "li",
    { class: q.pinned ? "question question-pinned" : "question", id: `question-${q.id}` },
    h("p", { class: "question-body", text: q.body }),
    questionMeta(q),
    q.reply ? replyLine(q.reply) : null,
    q.status === "live"
      ? upvoteForm(q, upvoted)
      : h(
          "p",
          { class: "upvote-total" },
          h("span", { class: "upvote-count", text: q.upvotes }),
          " upvotes",
        ),
  );
}

function questionMeta(q) {
  return h(
    "p",
    { class: "question-meta" },
    h("span", { class: "question-author", text: q.author || "Anonymous" }),
    q.pinned ? [" ", h("span", { class: "badge badge-pinned", text: "Pinned" })] : null,
    q.status === "answered"
      ? [" ", h("span", { class: "badge badge-answered", text: "Answered" })]
      : null,
    q.edited ? [" ", h("span", { class: "badge", text: "Edited by a host" })] : null,
  );
}

function replyLine(reply) {
  return h(
    "p",
    { class: "question-reply" },
    h("strong", { text: "Host reply:" }),
    " ",
    h("span", { class: "reply-text", text: reply }),
  );
}

function upvoteForm(q, upvoted) {
  const path = upvoted ? "unvote" : "upvote";
  return h(
    "form",
    {
      class: "upvote-form",
      method: "post",
      action: `/s/${code}/questions/${q.id}/${path}?sort=${order}`,
      "data-question-id": q.id,
    },
    h("input", { type: "hidden", name: "csrf_token", value: csrf }),
    h(
      "button",
      { type: "submit", class: upvoted ? "upvote upvoted" : "upvote", "data-focus": "upvote" },
      h("span", { class: "upvote-label", text: upvoted ? "Remove upvote" : "Upvote" }),
      " ",
      h("span", { class: "upvote-count", text: q.upvotes }),
    ),
  );
}

// ----- my questions -----
// The page lists them at load; my_question_updated adds or changes one.

socket.on("my_question_updated", ({ question }) => {
  const list = byId("my-question-list");
  const existing = byId(`mine-${question.id}`);
  const item = myQuestionItem(question);
  if (existing) existing.replaceWith(item);
  else list.prepend(item);
  byId("no-mine").hidden = true;
  if (existing && question.status === "hidden") announce("A host hid one of your questions.");
  if (existing && question.status === "live" && existing.classList.contains("status-pending")) {
    announce("A host approved your question.");
  }
});

function myQuestionItem(q) {
  const held = q.needs_care && q.status === "pending";
  const text = held ? HELD_TEXT : STATUS_TEXT[q.status] || q.status;
  const status = h("p", { class: "my-status", text });
  if (q.status === "hidden" && q.hidden_reason) {
    status.append(": ", h("span", { class: "hidden-reason", text: q.hidden_reason }));
  }
  return h(
    "li",
    { class: `my-question status-${q.status}`, id: `mine-${q.id}`, "data-question-id": q.id },
    h("p", { class: "question-body", text: q.body }),
    status,
    q.reply ? replyLine(q.reply) : null,
  );
}

// ----- polls -----

// A poll is rebuilt only when it or my answer changed, so a half-filled form
// survives other people's votes; its results are redrawn in place.
function drawPolls() {
  const entries = store.sortedPolls().map((poll) => {
    const answer = store.myAnswers.get(poll.id);
    const note = notes.get(poll.id) || null;
    return {
      key: `poll-${poll.id}`,
      signature: JSON.stringify([poll, answer || null, note]),
      build: () => pollItem(poll, answer, note),
    };
  });
  byId("no-polls").hidden = syncList(byId("poll-list"), entries) > 0;
}

function pollItem(poll, answer, note) {
  const open = poll.status === "open";
  return h(
    "article",
    {
      class: `poll poll-${poll.status}`,
      id: `poll-${poll.id}`,
      "data-poll-id": poll.id,
      "aria-labelledby": `poll-${poll.id}-q`,
    },
    poll.content_note ? contentNote(poll.content_note) : null,
    h("h3", { id: `poll-${poll.id}-q`, text: poll.question }),
    h("p", { class: "poll-status", text: open ? "Open" : "Closed" }),
    answer ? h("p", { class: "poll-answered", text: answeredText(poll) }) : null,
    note ? noteLine(note) : null,
    open && (!answer || poll.allow_change) ? voteForm(poll, answer, formAddress(poll)) : null,
    h(
      "div",
      { class: "results", id: `results-${poll.id}` },
      resultsView(poll, store.results.get(poll.id)),
    ),
  );
}

function contentNote(text) {
  return h("p", { class: "content-note" }, h("strong", { text: "Content note:" }), " ", text);
}

function noteLine(note) {
  const line = h("p", { class: "answer-note" });
  if (note.needs_care) {
    line.textContent =
      "Your answer was passed privately to the facilitators; it is not shown to anyone else.";
  } else if (note.status === "hidden") {
    line.append(
      "A host hid your answer",
      note.hidden_reason ? [": ", h("span", { class: "hidden-reason", text: note.hidden_reason })] : ".",
    );
  } else {
    line.textContent = "A host reads each answer before it is shown.";
  }
  return line;
}

function formAddress(poll) {
  return { action: `/s/${code}/polls/${poll.id}/vote?sort=${order}`, csrf };
}

function answeredText(poll) {
  const change = poll.status === "open" && poll.allow_change ? " You can change it." : "";
  return `Your answer is recorded.${change}`;
}

function drawResults(pollId) {
  const poll = store.polls.get(pollId);
  const box = byId(`results-${pollId}`);
  if (!poll || !box) return;
  replaceChildren(box, resultsView(poll, store.results.get(pollId)));
  const last = announcedAt.get(pollId) || 0;
  if (store.results.get(pollId).shown && Date.now() - last > RESULTS_ANNOUNCE_GAP_MS) {
    announcedAt.set(pollId, Date.now());
    announce(`Results updated: ${truncate(poll.question, 100)}`);
  }
}

function announcePoll(poll, before) {
  if (before && before.status === poll.status) return;
  if (poll.status === "open") announce(`Poll open: ${truncate(poll.question, 100)}`);
  if (poll.status === "closed") announce(`Poll closed: ${truncate(poll.question, 100)}`);
}

// ----- support, mutes and hidden answers -----
// Only this participant's sockets receive these.

socket.on("my_support_updated", ({ alert }) => {
  const existing = byId(`alert-${alert.id}`);
  const before = existing ? existing.querySelectorAll(".support-reply").length : 0;
  const item = alertItem(alert);
  if (existing) existing.replaceWith(item);
  else byId("support-list").prepend(item);
  byId("support-list").hidden = false;
  if (alert.replies.length > before) announce("A facilitator replied to you privately, under Support.");
});

socket.on("my_mute_updated", ({ muted }) => {
  setMuted(muted);
  announce(muted ? "A host has paused your posts in this session." : "You can post again.");
});

socket.on("my_answer_updated", ({ poll_id: pollId, note }) => {
  if (note.status === "visible") notes.delete(pollId);
  else notes.set(pollId, note);
  drawPolls();
  if (note.status === "hidden") announce("A host hid one of your answers.");
});

function setMuted(muted) {
  byId("muted-note").hidden = !muted;
}

function drawSupport(alerts) {
  const list = byId("support-list");
  list.replaceChildren(...alerts.map(alertItem));
  list.hidden = alerts.length === 0;
}

function alertItem(alert) {
  const held = {
    question: "About a question you asked",
    answer: "About an answer you gave",
    comment: "About a comment you wrote",
  };
  const what = held[alert.held] || "You asked for support";
  return h(
    "li",
    { class: "support-request", id: `alert-${alert.id}` },
    h(
      "p",
      { class: "support-what" },
      what,
      alert.message ? [": ", h("span", { class: "support-message", text: alert.message })] : null,
    ),
    alert.replies.length
      ? h(
          "ul",
          { class: "support-replies" },
          alert.replies.map((reply) =>
            h(
              "li",
              { class: "support-reply" },
              h("strong", { text: `${reply.author}:` }),
              " ",
              h("span", { class: "reply-text", text: reply.body }),
            ),
          ),
        )
      : h("p", { class: "support-waiting", text: "A facilitator will reply here." }),
  );
}
