// The lobby checks now and then whether its session has started, and shows the
// way in when it has. Without JavaScript, reloading the page does the same.
(function () {
  "use strict";

  const lobby = document.querySelector("[data-state-url]");
  if (!lobby) {
    return;
  }
  const label = lobby.querySelector("[data-lobby-label]");
  const go = lobby.querySelector("[data-lobby-go]");
  const everyMs = 10000;

  function show(data) {
    if (data.state === lobby.dataset.state) {
      return;
    }
    lobby.dataset.state = data.state;
    label.textContent = data.label;
    go.hidden = data.state !== "live";
  }

  function check() {
    fetch(lobby.dataset.stateUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => data && show(data))
      .catch(() => {}) // offline for a moment: the next check tries again
      .finally(() => window.setTimeout(check, everyMs));
  }

  window.setTimeout(check, everyMs);
})();
