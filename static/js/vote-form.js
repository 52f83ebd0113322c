// A poll's answer form on the participant's page, as templates/participate/_poll.html
// draws it, and the protocol's Answer read back from it.

import { h } from "./live.js";

// The same reading of the form as answer_from_form() in cafe/web/participate.py.
export function answerFrom(form, poll) {
  const data = new FormData(form);
  if (poll.kind === "rating") return { rating: Number(data.get("rating")) };
  if (poll.kind === "word_cloud" || poll.kind === "open_text") {
    return { text: String(data.get("text") || "") };
  }
  return { option_ids: data.getAll("option_id").filter(Boolean).map(Number) };
}

// The form of an open poll, posting to `action` when the socket is not there.
export function voteForm(poll, answer, { action, csrf }) {
  return h(
    "form",
    { class: "vote-form", method: "post", action, "data-poll-id": poll.id },
    h("input", { type: "hidden", name: "csrf_token", value: csrf }),
    h("fieldset", {}, h("legend", { text: instructions(poll) }), pollInputs(poll, answer)),
    h("button", {
      type: "submit",
      "data-focus": "vote",
      text: answer ? "Change answer" : "Send answer",
    }),
  );
}

function instructions(poll) {
  switch (poll.kind) {
    case "single":
      return "Choose one answer.";
    case "multiple":
      return poll.max_choices ? `Choose up to ${poll.max_choices}.` : "Choose all that apply.";
    case "rating":
      return `Choose a number from 1 to ${poll.scale_max}.`;
    case "word_cloud":
      return "Answer in a word or a few words (up to 40 characters).";
    case "open_text":
      return "Answer in your own words (up to 500 characters).";
    default:
      return "Put the options in order: first is the one you rate highest.";
  }
}

function pollInputs(poll, answer) {
  const chosen = (answer && answer.option_ids) || [];
  const id = (suffix) => `p${poll.id}-${suffix}`;
  if (poll.kind === "single" || poll.kind === "multiple") {
    const type = poll.kind === "single" ? "radio" : "checkbox";
    return h(
      "div",
      { class: "choices" },
      poll.options.map((o) =>
        h(
          "div",
          { class: "choice" },
          h("input", {
            type,
            name: "option_id",
            value: o.id,
            id: id(`o${o.id}`),
            checked: chosen.includes(o.id),
          }),
          h("label", { for: id(`o${o.id}`), text: o.label }),
        ),
      ),
    );
  }
  if (poll.kind === "rating") return ratingInputs(poll, answer, id);
  if (poll.kind === "word_cloud") {
    return [
      h("label", { for: id("text"), text: "Your word or words" }),
      h("input", {
        type: "text",
        name: "text",
        id: id("text"),
        maxlength: 40,
        required: true,
        autocomplete: "off",
        value: (answer && answer.text) || "",
      }),
    ];
  }
  if (poll.kind === "open_text") {
    const area = h("textarea", {
      name: "text",
      id: id("text"),
      maxlength: 500,
      rows: 3,
      required: true,
    });
    area.value = (answer && answer.text) || "";
    return [h("label", { for: id("text"), text: "Your answer" }), area];
  }
  return rankingInputs(poll, chosen, id);
}

function ratingInputs(poll, answer, id) {
  const points = [];
  for (let value = 1; value <= poll.scale_max; value += 1) {
    const end =
      value === 1 ? poll.scale_min_label : value === poll.scale_max ? poll.scale_max_label : "";
    points.push(
      h(
        "div",
        { class: "scale-point" },
        h("input", {
          type: "radio",
          name: "rating",
          value,
          id: id(`r${value}`),
          checked: Boolean(answer && answer.rating === value),
        }),
        h(
          "label",
          { for: id(`r${value}`) },
          String(value),
          end ? h("span", { class: "visually-hidden", text: ` (${end})` }) : null,
        ),
      ),
    );
  }
  return h(
    "div",
    { class: "scale" },
    poll.scale_min_label
      ? h("span", { class: "scale-end", "aria-hidden": "true", text: poll.scale_min_label })
      : null,
    h("div", { class: "scale-points" }, points),
    poll.scale_max_label
      ? h("span", { class: "scale-end", "aria-hidden": "true", text: poll.scale_max_label })
      : null,
  );
}

function rankingInputs(poll, chosen, id) {
  return h(
    "div",
    { class: "ranks" },
    poll.options.map((_, index) => {
      const position = index + 1;
      return h(
        "div",
        { class: "rank" },
        h("label", {
          for: id(`k${position}`),
          text: `Position ${position}${position === 1 ? " (highest)" : ""}`,
        }),
        h(
          "select",
          { name: "option_id", id: id(`k${position}`), required: true },
          h("option", { value: "", text: "Choose…" }),
          poll.options.map((o) =>
            h("option", { value: o.id, text: o.label, selected: chosen[index] === o.id }),
          ),
        ),
      );
    }),
  );
}
