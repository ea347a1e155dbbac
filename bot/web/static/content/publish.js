/* FAQ editor, publishing page: follow a running publication; reload the page when it has finished
   (the page then says whether there is anything left to publish). */
(function () {
  "use strict";
  const box = document.getElementById("progress");
  if (!box || box.dataset.running !== "1" || !window.fetch) return;
  const seconds = Number(box.dataset.poll) * 1000;
  async function poll() {
    try {
      const response = await fetch(box.dataset.url, {headers: {"Accept": "application/json"}, credentials: "same-origin"});
      if (response.ok) {
        const status = await response.json();
        const label = document.getElementById("progress-label");
        label.textContent = status.label || "–";
        label.className = "status-" + status.status;
        document.getElementById("progress-message").textContent = status.message || "–";
        document.getElementById("progress-accuracy").textContent = status.accuracy_text;
        document.getElementById("progress-baseline").textContent = status.baseline_text;
        if (status.finished) { window.location.reload(); return; }
      }
    } catch (error) { /* the web process restarts: try again */ }
    setTimeout(poll, seconds);
  }
  setTimeout(poll, seconds);
})();
