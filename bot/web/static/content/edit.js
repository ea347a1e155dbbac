/* FAQ editor, text page: the chat preview follows the answer while the editor types (no save). */
(function () {
  "use strict";
  const form = document.getElementById("text-form");
  const answer = document.getElementById("id_answer");
  const bubble = document.getElementById("preview");
  const state = document.getElementById("preview-state");
  if (!form || !answer || !bubble || !window.fetch) return;
  const url = form.dataset.previewUrl;
  const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  let timer = null;
  async function refresh() {
    const body = new URLSearchParams({answer: answer.value});
    try {
      const response = await fetch(url, {method: "POST", body: body, headers: {"X-CSRFToken": token},
                                         credentials: "same-origin"});
      if (!response.ok) return;
      const data = await response.json();
      bubble.textContent = data.preview || "(keine Antwort in dieser Sprache)";
      bubble.classList.toggle("empty", !data.preview);
      state.textContent = "Vorschau – noch nicht gespeichert.";
    } catch (error) { /* offline for a moment: the "Vorschau" button still works */ }
  }
  answer.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 400); });
})();
