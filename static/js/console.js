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
  showConnection,
  showError,
  syncList,
  truncate,
} from "./live.js";

const root = byId("console");
const REASONS = JSON.parse(root.dataset.reasons || "[]");
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

socket.on("session_state", (state) => {
  drawAlerts(state.support || []);
  drawMutes(state.mutes || []);
});
follow(socket, store, redraw);
showConnection(socket);
root.addEventListener("click", onClick);
root.addEventListener("submit", onSubmit);
root.addEventListener("change", onKindChange);

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
  byId("quiet-state").textContent = s.quiet
    ? "Quiet mode: participants see no counts."
    : "Participants see upvote and attendance counts.";
  const quiet = byId("quiet-button");
  quiet.dataset.quiet = String(!s.quiet);
  quiet.textContent = s.quiet ? "Show counts" : "Quiet mode";
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
  set_quiet_mode: (b) => ({ quiet: b.dataset.quiet === "true" }),
  mute_participant: authorOf,
  unmute_participant: (b) => ({ mute_id: Number(b.dataset.muteId) }),
  reveal_results: pollId,
  open_poll: pollId,
  close_poll: pollId,
  reopen_poll: pollId,
  moderate_response: (b) => ({
    response_id: Number(b.dataset.responseId),
    action: b.dataset.moderation,
  }),
};

// The post whose author a mute button names: a question, an answer or an alert.
function authorOf(b) {
  if (b.dataset.questionId) return { question_id: Number(b.dataset.questionId) };
  if (b.dataset.responseId) return { response_id: Number(b.dataset.responseId) };
  return { alert_id: Number(b.dataset.alertId) };
}

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
  reply_support: (f) => ({ alert_id: Number(f.dataset.alertId), body: f.elements.body.value }),
  set_poll_care: (f) => ({
    ...pollId(f),
    content_note: f.elements.content_note.value,
    reveal_mode: f.elements.reveal_mode.value,
  }),
  moderate_response: (f) => ({
    response_id: Number(f.dataset.responseId),
    action: "hide",
    reason: f.elements.reason.value,
  }),
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
  if (ack.ok && form.dataset.action === "reply_support") form.reset();
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
      q.needs_care ? [" ", h("span", { class: "badge badge-care", text: "Needs care" })] : null,
    ),
    q.original ? labelled("original", "As written (hosts only):", q.original) : null,
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
      actionButton("mute_participant", "Mute its author", id, "mute"),
    ),
    tool(
      "Edit",
      textForm(
        "edit_question",
        q.id,
        "body",
        "Question text",
        q.original || q.body,
        500,
        "Save text",
        true,
      ),
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
    reasonSelect(field),
    h("button", { type: "submit", text: "Hide question" }),
  );
}

// The reasons admins keep; the author of what is hidden sees the one chosen.
function reasonSelect(id) {
  return h(
    "select",
    { id, name: "reason", required: true },
    REASONS.map((reason) => h("option", { value: reason, text: reason })),
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
  const waits = poll.reveal_mode === "everyone_answered" && !poll.revealed;
  return h(
    "li",
    { class: `poll-card poll-${poll.status}`, id: `cpoll-${poll.id}` },
    poll.content_note
      ? h("p", { class: "content-note" }, h("strong", { text: "Content note:" }), " ", poll.content_note)
      : null,
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
      waits ? actionButton("reveal_results", "Reveal results", id, "reveal") : null,
    ),
    tool("Content note and results", careForm(poll)),
    answered ? null : tool("Edit", pollForm(`cpoll${poll.id}`, poll)),
    h("div", { class: "results", id: `cresults-${poll.id}` }, pollResults(poll)),
  );
}

function careForm(poll) {
  const field = (name) => `cpoll${poll.id}-${name}`;
  const note = h("input", { id: field("note"), name: "content_note", maxlength: 300 });
  note.value = poll.content_note || "";
  const modes = [
    ["standard", "As set above"],
    ["everyone_answered", "Once everyone here has answered, or I reveal them"],
  ];
  return h(
    "form",
    { "data-action": "set_poll_care", "data-poll-id": poll.id },
    h("label", { for: field("note"), text: "Content note shown before the question (optional)" }),
    note,
    h("label", { for: field("reveal"), text: "When the room sees results" }),
    h(
      "select",
      { id: field("reveal"), name: "reveal_mode" },
      modes.map(([value, label]) =>
        h("option", { value, text: label, selected: poll.reveal_mode === value }),
      ),
    ),
    h("button", { type: "submit", text: "Save" }),
  );
}

function pollResults(poll) {
  const results = store.results.get(poll.id);
  const parts = resultsView(poll, results, { answerItem: answerRow });
  if (results && results.entries && results.entries.length) {
    parts.push(
      h("h4", { text: "Held, hidden or redacted entries" }),
      h("ul", { class: "answers entries" }, results.entries.map(answerRow)),
    );
  }
  return parts;
}

function answerRow(answer) {
  const data = { "response-id": answer.id };
  const field = `ca${answer.id}-reason`;
  return h(
    "li",
    { class: `answer answer-${answer.status}` },
    h("span", { class: "answer-text", text: answer.text }),
    " ",
    h("span", { class: "answer-status", text: answer.status }),
    answer.needs_care ? [" ", h("span", { class: "badge badge-care", text: "Needs care" })] : null,
    answer.original
      ? [" ", h("span", { class: "original" }, "As written (hosts only): ", h("span", { text: answer.original }))]
      : null,
    answer.status !== "visible"
      ? [" ", actionButton("moderate_response", "Show", { ...data, moderation: "approve" })]
      : null,
    " ",
    actionButton("mute_participant", "Mute its author", data),
    answer.status !== "hidden"
      ? h(
          "form",
          { "data-action": "moderate_response", "data-response-id": answer.id, class: "hide-answer" },
          h("label", { for: field, text: "Hide, with the reason" }),
          reasonSelect(field),
          h("button", { type: "submit", text: "Hide" }),
        )
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

// ----- needs care: support requests and mutes -----
// Support requests reach only staff hosts; the panel is absent for a guest host.

socket.on("support_updated", ({ alert }) => {
  const list = byId("support-list");
  if (!list) return;
  const existing = byId(`calert-${alert.id}`);
  if (existing && existing.contains(document.activeElement)) {
    // Keep a half-typed reply: only the replies are redrawn.
    replaceChildren(existing.querySelector(".support-replies"), replyItems(alert));
  } else if (existing) {
    existing.replaceWith(alertCard(alert));
  } else {
    list.prepend(alertCard(alert));
    announce(`Needs care: ${alert.pseudonym} ${alert.held ? "wrote something held for care" : "asked for support"}.`);
  }
  countAlerts();
});

socket.on("mutes_updated", ({ mutes }) => drawMutes(mutes));

function drawAlerts(alerts) {
  const list = byId("support-list");
  if (!list) return;
  list.replaceChildren(...alerts.map(alertCard));
  countAlerts();
}

function countAlerts() {
  const count = byId("support-list").children.length;
  byId("count-support").textContent = count;
  byId("no-support").hidden = count > 0;
}

function alertCard(alert) {
  const field = `calert${alert.id}-body`;
  const about = {
    question: " · a question held for care",
    answer: " · an answer held for care",
    comment: " · a comment held for care",
  };
  return h(
    "li",
    { class: alert.held ? "alert-card alert-held" : "alert-card", id: `calert-${alert.id}` },
    h(
      "p",
      { class: "alert-who" },
      h("strong", { text: alert.pseudonym }),
      about[alert.held] || " · asked for support",
    ),
    alert.held_text ? h("p", { class: "alert-text", text: alert.held_text }) : null,
    alert.message ? h("p", { class: "alert-text", text: alert.message }) : null,
    h("ul", { class: "support-replies" }, replyItems(alert)),
    h(
      "form",
      { "data-action": "reply_support", "data-alert-id": alert.id },
      h("label", { for: field, text: "Private reply (only this person sees it)" }),
      h("textarea", { id: field, name: "body", rows: 2, maxlength: 1000, required: true }),
      h("button", { type: "submit", text: "Send privately" }),
    ),
    h(
      "div",
      { class: "actions" },
      actionButton("mute_participant", "Mute this person", { "alert-id": alert.id }, "mute"),
    ),
  );
}

function replyItems(alert) {
  return alert.replies.map((reply) =>
    h(
      "li",
      { class: "support-reply" },
      h("strong", { text: `${reply.author}:` }),
      " ",
      h("span", { class: "reply-text", text: reply.body }),
    ),
  );
}

function drawMutes(mutes) {
  const list = byId("mute-list");
  list.replaceChildren(
    ...mutes.map((mute) =>
      h(
        "li",
        { class: "mute", id: `cmute-${mute.id}` },
        h("span", { class: "mute-name", text: mute.pseudonym }),
        actionButton("unmute_participant", "Unmute", { "mute-id": mute.id }, "unmute"),
      ),
    ),
  );
  byId("no-mutes").hidden = mutes.length > 0;
}
