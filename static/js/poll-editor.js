// The console's poll editor: the form of templates/console/_poll.html for an
// existing poll, and the PollDraft of docs/protocol.md read back from any of them.

import { h } from "./live.js";

export const KINDS = {
  single: "Single choice",
  multiple: "Multiple choice",
  rating: "Rating scale",
  word_cloud: "Word cloud",
  open_text: "Open text",
  ranking: "Ranking",
};
export const VISIBILITY = {
  live: "Live, as answers come in",
  after_close: "When the poll closes",
  hidden: "Never: hosts only",
};
const CHOICE_KINDS = new Set(["single", "multiple", "ranking"]);

// The PollDraft of docs/protocol.md: fields a kind does not use are left out.
export function pollDraft(form) {
  const f = form.elements;
  const kind = f.kind.value;
  const rating = kind === "rating";
  const options = f.options.value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    kind,
    question: f.question.value,
    options: CHOICE_KINDS.has(kind) ? options : [],
    results_visibility: f.results_visibility.value,
    min_responses: Number(f.min_responses.value || 0),
    allow_change: f.allow_change.checked,
    max_choices: kind === "multiple" && f.max_choices.value ? Number(f.max_choices.value) : null,
    scale_max: rating ? Number(f.scale_max.value) : null,
    scale_min_label: rating ? f.scale_min_label.value : "",
    scale_max_label: rating ? f.scale_max_label.value : "",
  };
}

export function onKindChange(event) {
  if (event.target.matches("[data-kind-select]")) showKindFields(event.target.form);
}

export function showKindFields(form) {
  const kind = form.elements.kind.value;
  for (const group of form.querySelectorAll("[data-kinds]")) {
    group.hidden = !group.dataset.kinds.split(" ").includes(kind);
  }
}

// The same form as poll_form() in templates/console/_poll.html.
export function pollForm(prefix, poll) {
  const field = (name) => `${prefix}-${name}`;
  const kinds = (list, ...children) => {
    const group = h(
      list === "rating" ? "fieldset" : "div",
      { class: "field", "data-kinds": list },
      children,
    );
    group.hidden = !list.split(" ").includes(poll.kind);
    return group;
  };
  const options = h("textarea", { id: field("options"), name: "options", rows: 4 });
  options.value = poll.options.map((o) => o.label).join("\n");
  return h(
    "form",
    { class: "poll-form", "data-action": "update_poll", "data-poll-id": poll.id },
    h(
      "div",
      { class: "field" },
      h("label", { for: field("kind"), text: "Kind of poll" }),
      select(field("kind"), "kind", KINDS, poll.kind, { "data-kind-select": true }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: field("question"), text: "Question" }),
      h("input", {
        id: field("question"),
        name: "question",
        maxlength: 300,
        required: true,
        value: poll.question,
      }),
    ),
    kinds(
      "single multiple ranking",
      h("label", { for: field("options"), text: "Options, one per line (2 to 10)" }),
      options,
    ),
    kinds(
      "multiple",
      h("label", {
        for: field("max"),
        text: "Most options one person may choose (empty: no limit)",
      }),
      h("input", {
        id: field("max"),
        name: "max_choices",
        type: "number",
        min: 1,
        max: 10,
        value: poll.max_choices || "",
      }),
    ),
    kinds(
      "rating",
      h("legend", { text: "Scale" }),
      h("label", { for: field("scale"), text: "From 1 up to" }),
      select(field("scale"), "scale_max", { 5: "5", 10: "10" }, String(poll.scale_max)),
      h("label", { for: field("minlabel"), text: "Label for 1 (optional)" }),
      h("input", {
        id: field("minlabel"),
        name: "scale_min_label",
        maxlength: 60,
        value: poll.scale_min_label,
      }),
      h("label", { for: field("maxlabel"), text: "Label for the top of the scale (optional)" }),
      h("input", {
        id: field("maxlabel"),
        name: "scale_max_label",
        maxlength: 60,
        value: poll.scale_max_label,
      }),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: field("visibility"), text: "Show results to the room" }),
      select(field("visibility"), "results_visibility", VISIBILITY, poll.results_visibility),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: field("min"), text: "Fewest answers before results are shown" }),
      h("input", {
        id: field("min"),
        name: "min_responses",
        type: "number",
        min: 0,
        max: 100,
        value: poll.min_responses,
      }),
    ),
    h(
      "div",
      { class: "field field-check" },
      h("input", {
        id: field("change"),
        name: "allow_change",
        type: "checkbox",
        checked: poll.allow_change,
      }),
      h("label", { for: field("change"), text: "People may change their answer" }),
    ),
    h("button", { type: "submit", text: "Save changes" }),
  );
}

function select(id, name, choices, current, extra) {
  return h(
    "select",
    { id, name, ...extra },
    Object.entries(choices).map(([value, label]) =>
      h("option", { value, text: label, selected: value === current }),
    ),
  );
}
