// The participant's story feed: posts, reactions and comments arrive live, and the
// page's forms go over the socket (docs/protocol.md). Without JavaScript the same
// forms post to the server. User text only ever reaches the page as text.

import { announce, byId, connect, h, send, showConnection } from "./live.js";

const REACTIONS = [
  ["heart", "❤️", "Love this"],
  ["clap", "👏", "Well done"],
  ["hug", "🤗", "Sending a hug"],
  ["strong", "💪", "Stay strong"],
];

const root = byId("story-feed");
const code = root.dataset.code;
const list = byId("post-list");
const mine = new Map(); // post id -> the reactions this participant gave
const socket = connect("participant", Number(root.dataset.sessionId));

showConnection(socket);
socket.on("connect", () => send(socket, "request_feed", {}));
socket.on("story_feed", ({ posts }) => {
  list.replaceChildren(...posts.map(postCard));
  byId("no-posts").hidden = posts.length > 0;
  root.dataset.synced = "true";
});
socket.on("story_posted", ({ post }) => {
  if (document.getElementById(`post-${post.id}`)) return;
  list.prepend(postCard(post));
  byId("no-posts").hidden = true;
  announce(`New post from ${post.author.name}`);
});
socket.on("story_post_removed", ({ post_id: id }) => {
  const card = document.getElementById(`post-${id}`);
  if (card) card.remove();
  byId("no-posts").hidden = list.children.length > 0;
});
socket.on("reactions_updated", ({ post_id: id, counts }) => {
  const card = document.getElementById(`post-${id}`);
  if (!card) return;
  for (const [kind, count] of Object.entries(counts)) {
    const cell = card.querySelector(`[data-count="${kind}"]`);
    if (cell) cell.textContent = count;
  }
});
socket.on("comment_updated", ({ comment }) => {
  const listed = byId(`comments-${comment.post_id}`);
  if (!listed) return;
  const existing = document.getElementById(`comment-${comment.id}`);
  if (comment.status === "hidden") {
    if (existing) existing.remove();
  } else if (existing) {
    existing.replaceWith(commentItem(comment));
  } else {
    listed.append(commentItem(comment));
  }
});
socket.on("comment_removed", ({ comment_id: id }) => {
  const existing = document.getElementById(`comment-${id}`);
  if (existing) existing.remove();
});
root.addEventListener("submit", onSubmit);

async function onSubmit(event) {
  const form = event.target;
  if (!form.matches("[data-react], [data-comment]")) return;
  event.preventDefault();
  const postId = Number(form.closest("[data-post-id]").dataset.postId);
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  if (form.matches("[data-react]")) await react(form, postId);
  else await comment(form, postId);
  button.disabled = false;
}

async function react(form, postId) {
  const kind = form.elements.reaction.value;
  const on = form.elements.on.value === "1";
  const ack = await send(socket, "react_to_post", { post_id: postId, reaction: kind, on });
  showError(form, ack);
  if (!ack.ok) return;
  const given = mine.get(postId) || new Set();
  if (on) given.add(kind);
  else given.delete(kind);
  mine.set(postId, given);
  form.elements.on.value = on ? "0" : "1";
  form.querySelector("button").setAttribute("aria-pressed", String(on));
}

async function comment(form, postId) {
  const body = form.elements.body.value;
  const ack = await send(socket, "comment_on_post", { post_id: postId, body });
  showError(form, ack);
  if (!ack.ok) return;
  form.reset();
  announce(
    ack.status === "pending"
      ? "Thank you. Your comment will appear once a host approves it."
      : "Thank you. Your comment is on the post.",
  );
}

function showError(form, ack) {
  let box = form.parentElement.querySelector(":scope > .form-error");
  if (!box) {
    box = h("p", { class: "form-error", role: "alert", hidden: true });
    form.after(box);
  }
  box.textContent = ack.ok ? "" : ack.error.message;
  box.hidden = ack.ok;
}

// ----- drawing, the same markup as templates/stories/_post.html -----

function postCard(post) {
  mine.set(post.id, new Set(post.my_reactions || []));
  return h(
    "li",
    { class: "post card", id: `post-${post.id}`, "data-post-id": post.id },
    h(
      "p",
      { class: "post-author" },
      h("strong", { text: post.author.name }),
      post.author.kind === "guest"
        ? [" ", h("span", { class: "badge badge--guest", text: "Guest host" })]
        : null,
    ),
    h("p", { class: "post-body prose", text: post.body }),
    post.image
      ? h("img", {
          class: "post-image",
          src: `/story-images/${post.id}`,
          alt: post.image.alt,
          width: post.image.width,
          height: post.image.height,
          loading: "lazy",
        })
      : null,
    h(
      "div",
      { class: "reactions", role: "group", "aria-label": "Reactions" },
      REACTIONS.map((reaction) => reactionForm(post, reaction)),
    ),
    h(
      "section",
      { class: "comments", "aria-label": "Comments" },
      h("ul", { class: "comment-list", id: `comments-${post.id}` }, post.comments.map(commentItem)),
      commentForm(post),
    ),
  );
}

function hiddenInput(name, value) {
  return h("input", { type: "hidden", name, value });
}

function reactionForm(post, [kind, emoji, label]) {
  const given = mine.get(post.id).has(kind);
  return h(
    "form",
    {
      method: "post",
      class: "inline-form",
      "data-react": true,
      action: `/s/${code}/stories/${post.id}/reactions`,
    },
    hiddenInput("csrf_token", root.dataset.csrf),
    hiddenInput("reaction", kind),
    hiddenInput("on", given ? "0" : "1"),
    h(
      "button",
      { type: "submit", class: "reaction", "aria-pressed": String(given), "data-reaction": kind },
      h("span", { "aria-hidden": "true", text: emoji }),
      ` ${label} `,
      h("span", { class: "reaction-count", "data-count": kind, text: post.reactions[kind] || 0 }),
    ),
  );
}

function commentItem(comment) {
  return h(
    "li",
    { class: `comment comment-${comment.status}`, id: `comment-${comment.id}` },
    h("p", { class: "comment-body", text: comment.body }),
    h(
      "p",
      { class: "comment-meta" },
      comment.author || "Anonymous",
      comment.status === "pending"
        ? [" · ", h("span", { class: "badge", text: "Waiting for a host" })]
        : null,
    ),
  );
}

function commentForm(post) {
  const field = `comment-${post.id}-body`;
  return h(
    "form",
    {
      method: "post",
      class: "comment-form",
      "data-comment": true,
      action: `/s/${code}/stories/${post.id}/comments`,
    },
    hiddenInput("csrf_token", root.dataset.csrf),
    h("label", { for: field, text: "Add a kind comment" }),
    h("textarea", {
      id: field,
      name: "body",
      rows: 2,
      maxlength: root.dataset.maxComment,
      required: true,
    }),
    h("button", { type: "submit", text: "Send comment" }),
  );
}
