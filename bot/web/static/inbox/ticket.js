// The ticket page: the live conversation's new messages every 5 s, and the canned replies.
(function () {
  "use strict";
  const box = document.getElementById("live"), status = document.getElementById("live-status");

  // One line as the server renders it: its own direction (dir="auto"), the side by its class.
  function line(m) {
    const div = document.createElement("div"), label = document.createElement("span"), time = document.createElement("time");
    div.className = "line " + m.sender; div.dir = "auto";
    label.className = "sr-only"; label.lang = "de"; label.dir = "ltr";
    label.textContent = m.sender === "client" ? "Person:" : "Integrationsmanagement:";
    time.dir = "ltr"; time.lang = "de"; time.dateTime = m.time; time.textContent = m.shown;
    div.append(label, document.createTextNode(m.text), time);
    return div;
  }

  async function poll() {
    try {
      const r = await fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"});
      const data = await r.json();
      if (!data.live) {
        status.textContent = "Das Live-Gespräch ist beendet; der Chatbot antwortet wieder.";
        setTimeout(function () { location.reload(); }, 1500);
        return;
      }
      if (r.ok) { box.replaceChildren.apply(box, data.messages.map(line)); status.textContent = ""; }
      else { status.textContent = data.error || "Neue Nachrichten können gerade nicht geladen werden."; }
    } catch (e) {
      status.textContent = "Neue Nachrichten können gerade nicht geladen werden.";
    }
    setTimeout(poll, 5000);
  }

  if (box) { setTimeout(poll, 5000); }
  document.querySelectorAll(".canned-reply").forEach(function (button) {
    button.addEventListener("click", function () {
      const reply = document.getElementById("id_reply");
      reply.value = button.dataset.text; reply.focus();
    });
  });
})();
