// Poll results drawn in the page: the same SVG bars as cafe/web/charts.py draws on
// the server, and text lists for word clouds and open answers.

import { h } from "./live.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 600;
const ROW_HEIGHT = 64;
const BAR_HEIGHT = 24;
const BAR_SPACE = 440;
const MAX_LABEL = 44;
const WORD_SIZES = 5;
const BAR_KINDS = new Set(["single", "multiple", "rating", "ranking"]);

function s(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function barChart(bars, title) {
  const longest = Math.max(0, ...bars.map((bar) => bar.value)) || 1;
  const height = Math.max(bars.length, 1) * ROW_HEIGHT;
  const summary = bars.map((bar) => `${bar.label}: ${bar.text}`).join("; ");
  const chart = s("svg", {
    class: "chart",
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: "img",
    "aria-label": `${title}: ${summary}`,
    preserveAspectRatio: "xMinYMin meet",
  });
  bars.forEach((bar, index) => chart.append(row(index, bar, longest)));
  return chart;
}

function row(index, bar, longest) {
  const top = index * ROW_HEIGHT;
  const width = Math.round((BAR_SPACE * bar.value * 10) / longest) / 10;
  const label = bar.label.length <= MAX_LABEL ? bar.label : `${bar.label.slice(0, MAX_LABEL)}…`;
  const group = s("g", { class: "chart-row" });
  group.append(
    s("title", {}, `${bar.label}: ${bar.text}`),
    s("text", { class: "chart-label", x: 0, y: top + 24 }, label),
    s("rect", {
      class: "chart-track",
      x: 0,
      y: top + 32,
      width: BAR_SPACE,
      height: BAR_HEIGHT,
      rx: 3,
    }),
    s("rect", {
      class: "chart-bar",
      x: 0,
      y: top + 32,
      width,
      height: BAR_HEIGHT,
      rx: 3,
    }),
    s("text", { class: "chart-value", x: BAR_SPACE + 10, y: top + 52 }, bar.text),
  );
  return group;
}

function barsFor(poll, results) {
  const kind = poll.kind;
  if (kind === "single" || kind === "multiple") {
    return (results.options || []).map((o) => ({
      label: o.label,
      value: o.count,
      text: `${o.count} (${Math.round(o.percent || 0)}%)`,
    }));
  }
  if (kind === "ranking") {
    return (results.options || []).map((o) => ({
      label: o.label,
      value: o.borda,
      text: o.borda === 1 ? "1 point" : `${o.borda} points`,
    }));
  }
  if (kind === "rating") {
    return (results.distribution || []).map((d) => ({
      label: ratingLabel(d.value, poll),
      value: d.count,
      text: String(d.count),
    }));
  }
  return [];
}

function ratingLabel(value, poll) {
  if (value === 1 && poll.scale_min_label) return `1 – ${poll.scale_min_label}`;
  if (value === poll.scale_max && poll.scale_max_label) {
    return `${value} – ${poll.scale_max_label}`;
  }
  return String(value);
}

function wordSizes(words) {
  const top = Math.max(0, ...words.map((w) => w.count)) || 1;
  return words.map((w) => ({
    ...w,
    size: 1 + Math.round(((WORD_SIZES - 1) * w.count) / top),
  }));
}

function withheldText(poll, results) {
  if (results.withheld_reason === "too_few") {
    return `Results appear once ${poll.min_responses} people have answered.`;
  }
  if (results.withheld_reason === "after_close") return "Results appear when the poll closes.";
  if (results.withheld_reason === "waiting_for_everyone") {
    return "Results appear once everyone here has answered.";
  }
  return "The results of this poll are not shown here.";
}

function responsesText(n) {
  return n === 1 ? "1 response" : `${n} responses`;
}

// The whole results block of a poll: count, then a chart or a list, or why not shown.
// answerItem lets the console add moderation buttons to open-text answers.
export function resultsView(poll, results, { answerItem } = {}) {
  if (!results) return [];
  if (!results.shown)
    return [h("p", { class: "results-withheld", text: withheldText(poll, results) })];
  const parts = [h("p", { class: "results-n", text: responsesText(results.n) })];
  if (poll.kind === "rating" && results.average !== null && results.average !== undefined) {
    parts.push(
      h("p", {
        class: "results-average",
        text: `Average ${Number(results.average).toFixed(1)} out of ${poll.scale_max}`,
      }),
    );
  }
  if (BAR_KINDS.has(poll.kind)) parts.push(barChart(barsFor(poll, results), poll.question));
  if (poll.kind === "word_cloud") parts.push(wordList(results.words || []));
  if (poll.kind === "open_text") {
    const item = answerItem || ((answer) => h("li", { text: answer.text }));
    parts.push(h("ul", { class: "answers" }, (results.answers || []).map(item)));
  }
  return parts;
}

function wordList(words) {
  return h(
    "ul",
    { class: "words" },
    wordSizes(words).map((w) =>
      h(
        "li",
        { class: `word word-${w.size}` },
        w.word,
        " ",
        h("span", { class: "word-count", text: `(${w.count})` }),
      ),
    ),
  );
}
