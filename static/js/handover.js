// Who is hosting: shows "Now hosting: Sam" on every live page while a guest hosts,
// and tells a guest host at once when their link is withdrawn (host_changed and
// hosting_ended in docs/protocol.md).
//
// It listens on the page's own socket rather than opening a second connection per
// person: loaded after the vendored socket.io client and before the page's module,
// it wraps io() so it sees the socket the page opens. User text only ever reaches
// the page through textContent.
(function () {
  "use strict";

  const original = window.io;
  if (typeof original !== "function") {
    return;
  }

  function wrapped(...args) {
    const socket = original(...args);
    watch(socket);
    return socket;
  }
  Object.assign(wrapped, original);
  window.io = wrapped;

  function watch(socket) {
    socket.on("host_changed", showHost);
    socket.on("hosting_ended", endHosting);
  }

  function showHost(data) {
    const host = data && data.host;
    const box = banner();
    box.textContent = host ? `Now hosting: ${host.name}` : "";
    box.hidden = !host;
  }

  // One polite status line at the top of the page's header.
  function banner() {
    let box = document.getElementById("handover");
    if (!box) {
      box = document.createElement("p");
      box.id = "handover";
      box.className = "handover flash";
      box.setAttribute("role", "status");
      box.hidden = true;
      const place = [".live-header", "#join-panel", "main"]
        .map((selector) => document.querySelector(selector))
        .find(Boolean);
      place.append(box);
    }
    return box;
  }

  // The console can no longer change anything: say so, and make it inert so no
  // button looks as if it still works. The notice sits outside the inert part.
  function endHosting(data) {
    const notice = document.createElement("div");
    notice.className = "hosting-ended error-summary";
    notice.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = (data && data.message) || "Your time as guest host has ended.";
    const link = document.createElement("a");
    link.href = "/guest";
    link.textContent = "Go to your guest page";
    notice.append(text, link);
    const page = document.querySelector("#console, #present, #story-feed");
    if (page) {
      page.before(notice);
      page.inert = true;
    } else {
      document.querySelector("main").prepend(notice);
    }
    showHost({ host: null });
  }
})();
