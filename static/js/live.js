// Shared by the live pages: the socket, a store of the session's state, DOM building.
// The protocol is described in docs/protocol.md. User text only ever reaches the page
// through textContent or text nodes.

const PUBLIC_QUESTION = new Set(["live", "answered"]);
const ACK_TIMEOUT_MS = 10000;

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  addChildren(node, children);
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
}

function addChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function replaceChildren(node, ...children) {
  node.replaceChildren();
  addChildren(node, children);
}

export function byId(id) {
  return document.getElementById(id);
}

// One polite live region per page; clearing first makes a repeated text heard again.
export function announce(text) {
  const region = byId("announcer");
  if (!region) return;
  region.textContent = "";
  window.requestAnimationFrame(() => {
    region.textContent = text;
  });
}

// Keep the page's #connection notice in step with the socket.
export function showConnection(socket) {
  const show = (text) => {
    const box = byId("connection");
    box.textContent = text;
    box.hidden = !text;
  };
  socket.on("connect", () => show(""));
  socket.on("disconnect", () => show("Connection lost. Reconnecting…"));
  socket.on("connect_error", (err) => {
    show((err.data && err.data.message) || "Cannot reach the server. Retrying…");
  });
}

export function connect(view, sessionId) {
  // The global io comes from the vendored socket.io client, loaded just before.
  return window.io({ auth: { session_id: sessionId, view } });
}

// Emit an event and resolve with its ack; a silent server becomes an error ack.
export function send(socket, event, payload) {
  return new Promise((resolve) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => {
      if (err || !ack) {
        resolve({
          ok: false,
          error: {
            code: "timeout",
            message: "No answer from the server. Check your connection and try again.",
          },
        });
      } else {
        resolve(ack);
      }
    });
  });
}

// Show an ack's error next to the form that caused it (role="alert" announces it).
export function showError(form, ack) {
  const box = errorBox(form);
  box.textContent = ack && !ack.ok ? ack.error.message : "";
  box.hidden = !box.textContent;
}

function errorBox(form) {
  let box = form.querySelector(".form-error");
  if (!box) {
    box = h("p", { class: "form-error", role: "alert", hidden: true });
    form.append(box);
  }
  return box;
}

// Make a list show these entries, in order. An entry is {key, signature, build}:
// an element whose signature has not changed is kept as it is (a half-typed form
// survives), and focus moves to the same control of a rebuilt element.
export function syncList(list, entries) {
  const focus = focusKey(list);
  const items = entries.map(({ key, signature, build }) => {
    const existing = list.querySelector(`:scope > [data-key="${key}"]`);
    if (existing && existing.dataset.signature === signature) return existing;
    const item = build();
    item.dataset.key = key;
    item.dataset.signature = signature;
    return item;
  });
  const current = [...list.children];
  if (items.length !== current.length || items.some((item, i) => item !== current[i])) {
    list.replaceChildren(...items);
  }
  restoreFocus(list, focus);
  return items.length;
}

// Where focus is inside a list: the item's key and the control's data-focus name.
function focusKey(list) {
  const active = document.activeElement;
  if (!active || !list.contains(active)) return null;
  const item = active.closest("[data-key]");
  return item ? { active, key: item.dataset.key, control: active.dataset.focus } : null;
}

function restoreFocus(list, focus) {
  if (!focus || document.activeElement === focus.active) return;
  if (list.contains(focus.active)) {
    focus.active.focus();
    return;
  }
  const item = list.querySelector(`:scope > [data-key="${focus.key}"]`);
  const control = item && focus.control && item.querySelector(`[data-focus="${focus.control}"]`);
  if (control) control.focus();
}

export function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

const EVENTS = [
  "session_state",
  "session_updated",
  "question_updated",
  "question_removed",
  "upvotes_updated",
  "poll_updated",
  "polls_reordered",
  "tally_updated",
  "participant_count",
];

// The session as this socket sees it, kept up to date from the server's events.
export class LiveStore {
  constructor({ publicOnly }) {
    this.publicOnly = publicOnly;
    this.session = null;
    this.viewer = null;
    this.questions = new Map();
    this.polls = new Map();
    this.results = new Map();
    this.versions = new Map();
    this.myUpvotes = new Set();
    this.myAnswers = new Map();
    this.count = 0;
  }

  // Apply one event; return what changed so the page redraws only that.
  apply(event, data) {
    const handler = this[`on_${event}`];
    return handler ? handler.call(this, data || {}) : {};
  }

  on_session_state(state) {
    this.session = state.session;
    this.viewer = state.viewer || null;
    const questions = (state.questions || []).filter(
      (q) => !this.publicOnly || PUBLIC_QUESTION.has(q.status),
    );
    this.questions = new Map(questions.map((q) => [q.id, q]));
    this.polls = new Map();
    for (const poll of state.polls || []) this.keepPoll(poll);
    this.results = new Map();
    for (const [id, results] of Object.entries(state.results || {})) {
      this.results.set(Number(id), results);
      if (results.version !== undefined) this.versions.set(Number(id), results.version);
    }
    this.myUpvotes = new Set(state.my_upvotes || []);
    this.myAnswers = new Map(
      Object.entries(state.my_answers || {}).map(([id, answer]) => [Number(id), answer]),
    );
    this.count = state.participant_count || 0;
    return { all: true };
  }

  on_session_updated({ session }) {
    this.session = session;
    return { session: true };
  }

  on_question_updated({ question }) {
    const isNew = !this.questions.has(question.id);
    if (this.publicOnly && !PUBLIC_QUESTION.has(question.status)) {
      this.questions.delete(question.id);
      return { questions: true };
    }
    this.questions.set(question.id, question);
    return { questions: true, newQuestion: isNew ? question : null };
  }

  on_question_removed({ question_id: id }) {
    this.questions.delete(id);
    return { questions: true };
  }

  on_upvotes_updated({ counts }) {
    for (const [id, count] of Object.entries(counts || {})) {
      const question = this.questions.get(Number(id));
      if (question) question.upvotes = count;
    }
    return { questions: true };
  }

  on_poll_updated({ poll }) {
    const before = this.polls.get(poll.id);
    this.keepPoll(poll);
    return { polls: true, poll, before };
  }

  on_polls_reordered({ poll_ids: ids }) {
    ids.forEach((id, index) => {
      const poll = this.polls.get(id);
      if (poll) poll.position = index;
    });
    return { polls: true, reordered: true };
  }

  on_tally_updated({ poll_id: id, version, results }) {
    if (version <= (this.versions.get(id) ?? -1)) return {};
    this.versions.set(id, version);
    this.results.set(id, results);
    return { results: id };
  }

  on_participant_count({ count }) {
    this.count = count;
    return { count: true };
  }

  keepPoll(poll) {
    if (this.publicOnly && poll.status === "draft") this.polls.delete(poll.id);
    else this.polls.set(poll.id, poll);
  }

  sortedPolls() {
    return [...this.polls.values()].sort((a, b) => a.position - b.position || a.id - b.id);
  }

  // The order of questions.list_questions(): most upvoted or newest first.
  sortedQuestions(order) {
    const list = [...this.questions.values()];
    if (order === "recent") return list.sort(byNewest);
    return list.sort((a, b) => b.upvotes - a.upvotes || byNewest(a, b));
  }
}

function byNewest(a, b) {
  return String(b.created_at).localeCompare(String(a.created_at)) || b.id - a.id;
}

// Wire every protocol event to the store, then to the page's redraw function.
export function follow(socket, store, redraw) {
  for (const event of EVENTS) {
    socket.on(event, (data) => redraw(store.apply(event, data), event));
  }
}
