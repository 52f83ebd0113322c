// The presenter screen: follows the session as the room sees it, and answers the
// keys J (join), P (poll), Q (questions), A (all) and F (full screen).

import { resultsView } from "./charts.js";
import { LiveStore, byId, connect, follow, h, replaceChildren, syncList } from "./live.js";

const root = byId("present");
const store = new LiveStore({ publicOnly: true });
const socket = connect("presenter", Number(root.dataset.sessionId));
const TOP_QUESTIONS = 5;
const PANELS = { j: "join", p: "poll", q: "questions", a: "all" };
let lastClosed = null;

follow(socket, store, redraw);
document.addEventListener("keydown", onKey);

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if (PANELS[key]) root.dataset.show = PANELS[key];
  else if (key === "f") toggleFullScreen();
}

function toggleFullScreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
}

function redraw(change) {
  // Marks that the page shows the server's state, not only what it was served.
  if (change.all) root.dataset.synced = "true";
  if (change.all || change.session) {
    byId("session-title").textContent = store.session.title;
    root.classList.toggle("quiet", Boolean(store.session.quiet));
  }
  if (change.all || change.count) byId("participant-count").textContent = store.count;
  if (change.all || change.questions) drawQuestions();
  if (change.poll && change.poll.status === "closed") lastClosed = change.poll.id;
  if (change.all || change.polls) drawPolls();
  if (change.results) drawResults(change.results);
}

// The open polls; when none is open, the one closed last, to show its results.
function currentPolls() {
  const polls = store.sortedPolls();
  const open = polls.filter((poll) => poll.status === "open");
  if (open.length) return open;
  const closed = polls.filter((poll) => poll.status === "closed");
  const recent = closed.find((poll) => poll.id === lastClosed);
  return recent ? [recent] : closed.slice(-1);
}

function drawPolls() {
  const entries = currentPolls().map((poll) => ({
    key: `ppoll-${poll.id}`,
    signature: JSON.stringify(poll),
    build: () =>
      h(
        "article",
        { class: "present-poll", id: `ppoll-${poll.id}` },
        poll.content_note
          ? h(
              "p",
              { class: "content-note" },
              h("strong", { text: "Content note:" }),
              " ",
              poll.content_note,
            )
          : null,
        h("h3", { text: poll.question }),
        h("p", { class: "poll-status", text: poll.status === "open" ? "Open" : "Closed" }),
        h(
          "div",
          { class: "results", id: `presults-${poll.id}` },
          resultsView(poll, store.results.get(poll.id)),
        ),
      ),
  }));
  byId("no-polls").hidden = syncList(byId("poll-list"), entries) > 0;
}

function drawResults(id) {
  const poll = store.polls.get(id);
  const box = byId(`presults-${id}`);
  if (poll && box) replaceChildren(box, resultsView(poll, store.results.get(id)));
}

function drawQuestions() {
  const questions = store.sortedQuestions("top");
  const pinned = questions.find((q) => q.pinned);
  const top = questions.filter((q) => q.status === "live" && q !== pinned).slice(0, TOP_QUESTIONS);
  replaceChildren(
    byId("pinned"),
    pinned
      ? h(
          "blockquote",
          { class: "pinned-question" },
          h("p", { class: "question-body", text: pinned.body }),
          h(
            "p",
            { class: "question-meta" },
            pinned.author || "Anonymous",
            h("span", { class: "pinned-votes", text: ` · ${pinned.upvotes} upvotes` }),
          ),
        )
      : null,
  );
  replaceChildren(
    byId("top-questions"),
    top.map((q) =>
      h(
        "li",
        {},
        h("span", { class: "question-body", text: q.body }),
        " ",
        h(
          "span",
          { class: "question-votes" },
          String(q.upvotes),
          h("span", { class: "visually-hidden", text: " upvotes" }),
        ),
      ),
    ),
  );
  byId("no-questions").hidden = Boolean(pinned || top.length);
}
