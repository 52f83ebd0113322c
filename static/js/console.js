// The facilitator's console: every button and form sends a host event over the
// socket, and the page is redrawn from the session's events (docs/protocol.md).

import { resultsView } from "./charts.js";
import {
  KINDS,
  VISIBILITY,
  onKindChange,
  pollDraft,
  pollForm,
  showKindFields,
} from "./poll-editor.js";
import {
  LiveStore,
  announce,
  byId,
  connect,
  follow,
  h,
  replaceChildren,
  send,
  showError,
  syncList,
  truncate,
} from "./live.js";

const root = byId("console");
const store = new LiveStore({ publicOnly: false });
const socket = connect("host", Number(root.dataset.sessionId));

const GROUPS = [
  ["pending", ["pending"]],
  ["live", ["live"]],
  ["answered", ["answered"]],
  ["archived", ["hidden", "closed"]],
];
const STATUS = { draft: "Draft", open: "Open", closed: "Closed" };
// Until the socket has the session's state, the console's lists may be stale.
const NOT_READY = {
  ok: false,
  error: { message: "Still connecting to the session. Try again in a moment." },
};

follow(socket, store, redraw);
socket.on("connect", () => setConnection(""));
socket.on("disconnect", () => setConnection("Connection lost. Reconnecting…"));
socket.on("connect_error", (err) => {
  setConnection((err.data && err.data.message) || "Cannot reach the server. Retrying…");
});
root.addEventListener("click", onClick);
root.addEventListener("submit", onSubmit);
root.addEventListener("change", onKindChange);

function setConnection(text) {
  const box = byId("connection");
  box.textContent = text;
  box.hidden = !text;
}

function redraw(change) {
  // Marks that the page shows the server's state, not only what it was served.
  if (change.all) root.dataset.synced = "true";
  if (change.all || change.session) drawSession();
  if (change.all || change.count) byId("participant-count").textContent = store.count;
  if (change.all || change.questions) drawQuestions();
  if (change.newQuestion && change.newQuestion.status === "pending") {
    announce(`New question waiting: ${truncate(change.newQuestion.body, 140)}`);
  }
  if (change.all || change.polls) drawPolls();
  if (change.results) drawResults(change.results);
}

// ----- header -----

function drawSession() {
  const s = store.session;
  byId("session-title").textContent = s.title;
  byId("session-state").textContent = s.state.charAt(0).toUpperCase() + s.state.slice(1);
  byId("qa-state").textContent = s.questions_open ? "Questions are open." : "Questions are closed.";
  const button = byId("qa-button");
  button.dataset.open = String(!s.questions_open);
  button.textContent = s.questions_open ? "Close questions" : "Open questions";
}

// ----- sending -----

const BUTTON_PAYLOADS = {
  approve_question: questionId,
  answer_question: questionId,
  close_question: questionId,
  reopen_question: questionId,
  pin_question: (b) => ({
    question_id: Number(b.dataset.questionId),
    pinned: b.dataset.pinned === "true",
  }),
  set_questions_open: (b) => ({ open: b.dataset.open === "true" }),
  open_poll: pollId,
  close_poll: pollId,
  reopen_poll: pollId,
  moderate_response: (b) => ({
    response_id: Number(b.dataset.responseId),
    action: b.dataset.moderation,
  }),
};

function questionId(element) {
  return { question_id: Number(element.dataset.questionId) };
}

function pollId(element) {
  return { poll_id: Number(element.dataset.pollId) };
}

async function onClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button || button.type === "submit") return;
  if (!store.session) {
    reportAck(NOT_READY);
    return;
  }
  let name = button.dataset.action;
  let payload;
  if (name === "move_poll") {
    name = "reorder_polls";
    payload = { poll_ids: movedOrder(Number(button.dataset.pollId), Number(button.dataset.step)) };
  } else {
    payload = BUTTON_PAYLOADS[name](button);
  }
  button.disabled = true;
  const ack = await send(socket, name, payload);
  button.disabled = false;
  reportAck(ack);
}

function movedOrder(id, step) {
  const ids = store.sortedPolls().map((poll) => poll.id);
  const from = ids.indexOf(id);
  const to = from + step;
  if (to >= 0 && to < ids.length) [ids[from], ids[to]] = [ids[to], ids[from]];
  return ids;
}

// Errors of buttons show at the top of the console, in an alert.
function reportAck(ack) {
  const box = byId("console-error");
  box.textContent = ack.ok ? "" : ack.error.message;
  box.hidden = ack.ok;
}

const FORM_PAYLOADS = {
  edit_question: (f) => ({ ...questionId(f), body: f.elements.body.value }),
  reply_question: (f) => ({ ...questionId(f), reply: f.elements.reply.value }),
  hide_question: (f) => ({ ...questionId(f), reason: f.elements.reason.value }),
  create_poll: (f) => pollDraft(f),
  update_poll: (f) => ({ ...pollId(f), ...pollDraft(f) }),
};

async function onSubmit(event) {
  const form = event.target;
  const build = FORM_PAYLOADS[form.dataset.action];
  if (!build) return;
  event.preventDefault();
  if (!store.session) {
    showError(form, NOT_READY);
    return;
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  const ack = await send(socket, form.dataset.action, build(form));
  button.disabled = false;
  showError(form, ack);
  if (ack.ok && form.dataset.action === "create_poll") {
    form.reset();
    showKindFields(form);
    announce("Poll created as a draft.");
  }
}

// ----- questions -----

function drawQuestions() {
  const top = store.sortedQuestions("top");
  const oldest = store.sortedQuestions("recent").reverse();
  for (const [key, statuses] of GROUPS) {
    const items = (key === "pending" ? oldest : top).filter((q) => statuses.includes(q.status));
    const entries = items.map((q) => ({
      key: `cq-${q.id}`,
      signature: JSON.stringify(q),
      build: () => questionCard(q),
    }));
    byId(`count-${key}`).textContent = syncList(byId(`list-${key}`), entries);
  }
}

function actionButton(action, label, data, focus) {
  const attrs = { type: "button", "data-action": action, "data-focus": focus, text: label };
  for (const [name, value] of Object.entries(data)) attrs[`data-${name}`] = value;
  return h("button", attrs);
}

function questionCard(q) {
  const isPublic = q.status === "live" || q.status === "answered";
  const id = { "question-id": q.id };
  return h(
    "li",
    {
      class: `question question-${q.status}${q.pinned ? " question-pinned" : ""}`,
      id: `cq-${q.id}`,
    },
    h("p", { class: "question-body", text: q.body }),
    h(
      "p",
      { class: "question-meta" },
      h("span", { class: "question-author", text: q.author || "Anonymous" }),
      " · ",
      h("span", { class: "upvote-count", text: q.upvotes }),
      " upvotes",
      q.pinned ? [" ", h("span", { class: "badge badge-pinned", text: "Pinned" })] : null,
      q.edited ? [" ", h("span", { class: "badge", text: "Edited" })] : null,
    ),
    q.hidden_reason ? labelled("hidden-reason", "Hidden:", q.hidden_reason) : null,
    q.reply ? labelled("question-reply", "Reply:", q.reply) : null,
    h(
      "div",
      { class: "actions" },
      q.status === "pending" ? actionButton("approve_question", "Approve", id, "approve") : null,
      q.status === "live" ? actionButton("answer_question", "Mark answered", id, "answer") : null,
      isPublic
        ? actionButton(
            "pin_question",
            q.pinned ? "Unpin" : "Pin",
            { ...id, pinned: String(!q.pinned) },
            "pin",
          )
        : null,
      isPublic ? actionButton("close_question", "Close", id, "close") : null,
      ["answered", "hidden", "closed"].includes(q.status)
        ? actionButton("reopen_question", "Reopen", id, "reopen")
        : null,
    ),
    tool(
      "Edit",
      textForm("edit_question", q.id, "body", "Question text", q.body, 500, "Save text", true),
    ),
    isPublic
      ? tool(
          "Reply",
          textForm(
            "reply_question",
            q.id,
            "reply",
            "Written reply (empty to remove it)",
            q.reply || "",
            1000,
            "Save reply",
            false,
          ),
        )
      : null,
    q.status !== "hidden" ? tool("Hide", hideForm(q.id)) : null,
  );
}

function labelled(className, label, text) {
  return h("p", { class: className }, h("strong", { text: label }), " ", h("span", { text }));
}

function tool(summary, content) {
  return h("details", { class: "tool" }, h("summary", { text: summary }), content);
}

function textForm(action, id, name, label, value, max, submit, required) {
  const field = `cq${id}-${name}`;
  const area = h("textarea", { id: field, name, rows: 3, maxlength: max, required });
  area.value = value;
  return h(
    "form",
    { "data-action": action, "data-question-id": id },
    h("label", { for: field, text: label }),
    area,
    h("button", { type: "submit", text: submit }),
  );
}

function hideForm(id) {
  const field = `cq${id}-reason`;
  return h(
    "form",
    { "data-action": "hide_question", "data-question-id": id },
    h("label", { for: field, text: "Reason (the author will see it)" }),
    h("input", { id: field, name: "reason", maxlength: 200, required: true }),
    h("button", { type: "submit", text: "Hide question" }),
  );
}

// ----- polls -----

function drawPolls() {
  const polls = store.sortedPolls();
  const entries = polls.map((poll, index) => {
    const answered = (store.results.get(poll.id) || { n: 0 }).n > 0;
    const first = index === 0;
    const last = index === polls.length - 1;
    return {
      key: `cpoll-${poll.id}`,
      signature: JSON.stringify([poll, answered, first, last]),
      build: () => pollCard(poll, answered, first, last),
    };
  });
  byId("no-polls").hidden = syncList(byId("poll-list"), entries) > 0;
}

function pollCard(poll, answered, first, last) {
  const id = { "poll-id": poll.id };
  const lifecycle = {
    draft: ["open_poll", "Open", "open"],
    open: ["close_poll", "Close", "close"],
    closed: ["reopen_poll", "Reopen", "reopen"],
  }[poll.status];
  const up = actionButton("move_poll", "Move up", { ...id, step: -1 }, "up");
  const down = actionButton("move_poll", "Move down", { ...id, step: 1 }, "down");
  up.disabled = first;
  down.disabled = last;
  return h(
    "li",
    { class: `poll-card poll-${poll.status}`, id: `cpoll-${poll.id}` },
    h("h3", { text: poll.question }),
    h(
      "p",
      { class: "poll-facts" },
      KINDS[poll.kind],
      " · ",
      h("strong", { text: STATUS[poll.status] }),
      ` · results: ${VISIBILITY[poll.results_visibility]}`,
    ),
    h(
      "div",
      { class: "actions" },
      actionButton(lifecycle[0], lifecycle[1], id, lifecycle[2]),
      up,
      down,
    ),
    answered ? null : tool("Edit", pollForm(`cpoll${poll.id}`, poll)),
    h("div", { class: "results", id: `cresults-${poll.id}` }, pollResults(poll)),
  );
}

function pollResults(poll) {
  return resultsView(poll, store.results.get(poll.id), { answerItem: answerRow });
}

function answerRow(answer) {
  const data = { "response-id": answer.id };
  return h(
    "li",
    { class: `answer answer-${answer.status}` },
    h("span", { class: "answer-text", text: answer.text }),
    " ",
    h("span", { class: "answer-status", text: answer.status }),
    answer.status !== "visible"
      ? [" ", actionButton("moderate_response", "Show", { ...data, moderation: "approve" })]
      : null,
    answer.status !== "hidden"
      ? [" ", actionButton("moderate_response", "Hide", { ...data, moderation: "hide" })]
      : null,
  );
}

function drawResults(id) {
  const poll = store.polls.get(id);
  const box = byId(`cresults-${id}`);
  if (!poll || !box) return;
  replaceChildren(box, pollResults(poll));
  // The edit form goes away once someone has answered.
  drawPolls();
}
