/* The web chat page.
 *
 * - Sends the client's messages one after the other: a message written while the previous one waits
 *   for its answer is shown at once (marked as queued) and sent next; every answer goes right below
 *   its own message.
 * - Shows a typing indicator while the bot works, and scrolls the newest answer into view: all of
 *   it when it fits, else the end of its newest message with all its buttons, else its beginning.
 * - Restores the conversation after a reload (GET history), polls for the integration manager's
 *   replies every 5 s, ends the conversation on a shared device (POST end, after a confirmation).
 * - Builds every message from text nodes and created elements (never innerHTML); phone numbers,
 *   e-mail addresses and web links become links (links.js).
 * The texts and URLs come from the page (<script type="application/json" id="chat-config">).
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("chat-config").textContent);
  var texts = config.texts, urls = config.urls;
  var POLL_MS = 5000;
  var scroller = document.getElementById("scroller"), log = document.getElementById("log");
  var welcome = document.getElementById("welcome");
  var form = document.getElementById("composer"), input = document.getElementById("text");
  var endButton = document.getElementById("end"), endDialog = document.getElementById("end-dialog");

  var appendText = window.LotseLinks.append;  // links.js

  // ---- building the conversation ----------------------------------------------------------------------
  function row(side) {
    var div = document.createElement("div"), label = document.createElement("span");
    div.className = "row " + side;
    label.className = "sr-only";
    label.textContent = (side === "me" ? texts.you : texts.bot) + ": ";
    div.appendChild(label);
    return div;
  }

  function bubble(side, text, kind) {
    var msg = document.createElement("div");
    msg.className = "msg " + side + (kind ? " " + kind : "");
    msg.dir = "auto";
    appendText(msg, text);
    return msg;
  }

  function clientRow(text) {
    var div = row("me");
    div.appendChild(bubble("me", text));
    return div;
  }

  /** A bot message: its text (with the manager's label) and its buttons. */
  function botRow(message) {
    var div = row("bot");
    if (message.text) {
      var msg = bubble("bot", "", message.label ? "manager" : "");
      if (message.label) {
        var from = document.createElement("span");
        from.className = "from";
        from.dir = "auto";
        from.textContent = message.label;
        msg.appendChild(from);
      }
      appendText(msg, message.text);
      div.appendChild(msg);
    }
    var buttons = message.buttons || [];
    if (buttons.length) {
      var box = document.createElement("div");
      box.className = "buttons";
      buttons.forEach(function (b) {
        var el = document.createElement("button");
        el.type = "button";
        el.className = "choice";
        el.dir = "auto";
        el.textContent = b.title;
        el.addEventListener("click", function () { send(b.payload, b.title, false); });
        box.appendChild(el);
      });
      div.appendChild(box);
    }
    return div;
  }

  function noteRow(text, kind) {
    if (kind === "error") {
      var div = row("bot");
      div.appendChild(bubble("bot", text, "error"));
      return div;
    }
    var p = document.createElement("p");
    p.className = "note";
    p.dir = "auto";
    p.textContent = text;
    return p;
  }

  var typing = (function () {
    var div = document.createElement("div"), msg = document.createElement("div");
    div.className = "row bot typing";
    msg.className = "msg";
    msg.dir = "auto";
    msg.textContent = texts.typing;
    div.appendChild(msg);
    return div;
  })();

  // ---- scrolling ----------------------------------------------------------------------------------------
  var atEnd = true;
  scroller.addEventListener("scroll", function () {
    atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  }, {passive: true});
  if (window.ResizeObserver) {  // the phone's keyboard opens: keep the newest message in view
    new ResizeObserver(function () { if (atEnd) toEnd(); }).observe(scroller);
  }

  function toEnd() {
    scroller.scrollTop = scroller.scrollHeight;
    atEnd = true;
  }

  /** Scroll an answer (``nodes``) into view: all of it when it fits; else, when its newest message
      has buttons, the end of that message with all its buttons (the question comes last); else the
      beginning of the answer, where a person starts to read. */
  function reveal(nodes) {
    if (!nodes.length) return;
    var box = scroller.getBoundingClientRect(), height = scroller.clientHeight;
    function top(node) { return node.getBoundingClientRect().top - box.top + scroller.scrollTop - 8; }
    var newest = nodes[nodes.length - 1];
    var bottom = newest.getBoundingClientRect().bottom - box.top + scroller.scrollTop + 8;
    if (bottom - top(nodes[0]) <= height) scroller.scrollTop = bottom - height;
    else if (newest.querySelector(".buttons")) scroller.scrollTop = bottom - height;
    else scroller.scrollTop = top(nodes[0]);
    atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  }

  // ---- talking to the server ----------------------------------------------------------------------------
  function apiUrl(path, params) {
    var search = new URLSearchParams(location.search);  // ?lang=: errors come in the page's language
    Object.keys(params || {}).forEach(function (key) { search.set(key, params[key]); });
    var query = search.toString();
    return path + (query ? "?" + query : "");
  }

  function csrf() {
    return (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
  }

  function post(url, body) {
    return fetch(apiUrl(url), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf()},
      body: JSON.stringify(body || {})
    });
  }

  function get(url, params) {
    return fetch(apiUrl(url, params), {credentials: "same-origin", headers: {"Accept": "application/json"}});
  }

  function json(response) {
    return response.json().catch(function () { return {}; });  // a proxy's error page
  }

  // ---- the queue of the client's messages -------------------------------------------------------------
  var queue = [];       // {text, typed, row}: queue[0] is on its way while busy
  var busy = false;
  var generation = 0;   // ending the conversation drops answers still on their way
  var after = 0;        // the polling's Unix time
  var ready;            // the restored conversation
  var inFlight = null;  // the message on its way, until its answer is shown

  /** Insert nodes before the first message still waiting in the queue (else at the end). */
  function place(nodes) {
    var anchor = null;
    for (var i = 0; i < queue.length; i++) {
      if (queue[i].row.classList.contains("queued")) { anchor = queue[i].row; break; }
    }
    nodes.forEach(function (node) { log.insertBefore(node, anchor); });
  }

  function send(text, shown, typed) {
    var div = clientRow(shown || text);
    div.classList.add("queued");
    queue.push({text: text, typed: typed, row: div});
    log.appendChild(div);
    toEnd();
    pump();
  }

  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    var item = queue[0], mine = generation;
    inFlight = ready.then(function () {
      item.row.classList.remove("queued");
      log.insertBefore(typing, item.row.nextSibling);
      if (atEnd) toEnd();
      return post(urls.messages, {text: item.text}).then(function (response) {
        return json(response).then(function (data) { return {ok: response.ok, data: data}; });
      }, function () { return {ok: false, data: {}}; });
    }).catch(function () { return {ok: false, data: {}}; }).then(function (result) {
      if (typing.parentNode) typing.parentNode.removeChild(typing);
      queue.shift();
      busy = false;
      if (mine !== generation) { pump(); return; }
      var nodes;
      if (result.ok) {
        if (result.data.erased) clear(true);  // "delete my data" confirmed: nothing of it stays on the screen
        nodes = (result.data.messages || []).map(botRow);
      } else {
        nodes = [noteRow(result.data.message || texts.unavailable, "error")];
        if (item.typed && !input.value) input.value = item.text;  // one press sends it again
      }
      place(nodes);
      if (nodes.length) reveal(nodes); else if (atEnd) toEnd();
      pump();
    });
  }

  /** Remove the conversation from the screen but the welcome (and, with ``keepWaiting``, messages still to be sent). */
  function clear(keepWaiting) {
    var waiting = keepWaiting ? queue.map(function (item) { return item.row; }) : [];
    Array.prototype.slice.call(log.children).forEach(function (node) {
      if (node !== welcome && node !== typing && waiting.indexOf(node) < 0) log.removeChild(node);
    });
  }

  // ---- restoring, polling, ending -----------------------------------------------------------------------
  function restore() {
    log.setAttribute("aria-busy", "true");
    return get(urls.history).then(function (response) {
      return json(response).then(function (data) {
        if (!response.ok) {
          place([noteRow(data.message || texts.unavailable, "error")]);
          return;
        }
        place((data.messages || []).map(function (m) {
          return m.from === "client" ? clientRow(m.text) : botRow(m);
        }));
        after = Math.max(after, Number(data.latest) || 0);
      });
    }).catch(function () { /* offline for a moment: the conversation is still in Rasa */ }).then(function () {
      log.removeAttribute("aria-busy");
      toEnd();
    });
  }

  function poll() {
    get(urls.messages, {after: String(after)}).then(function (response) {
      if (!response.ok) return;
      return response.json().then(function (data) {
        var nodes = (data.messages || []).map(botRow);
        place(nodes);
        if (nodes.length) reveal(nodes);
        after = Math.max(after, Number(data.latest) || 0);
      });
    }).catch(function () { /* offline for a moment: the next poll catches up */ }).then(function () {
      setTimeout(poll, POLL_MS);
    });
  }

  function endConversation() {
    generation += 1;      // an answer still on its way is not shown any more
    queue.splice(busy ? 1 : 0);
    clear(false);
    if (typing.parentNode) typing.parentNode.removeChild(typing);
    input.value = "";
    // After the message on its way: its answer must not bring the old session cookie back.
    Promise.resolve(inFlight).then(function () { return post(urls.end); }).then(function (response) {
      return json(response).then(function (data) {
        if (!response.ok) {
          place([noteRow(data.message || texts.unavailable, "error")]);
          return;
        }
        after = 0;
        place([noteRow(data.message || texts.ended, "note")]);
        toEnd();
        input.focus();
      });
    }, function () { place([noteRow(texts.unavailable, "error")]); });
  }

  // ---- wiring -------------------------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    input.focus();
    if (!text) return;
    input.value = "";
    send(text, null, true);
  });
  Array.prototype.forEach.call(document.querySelectorAll("#examples [data-text]"), function (button) {
    button.addEventListener("click", function () { send(button.getAttribute("data-text"), null, false); });
  });
  endButton.addEventListener("click", function () {
    if (typeof endDialog.showModal !== "function") {
      if (window.confirm(endDialog.querySelector("p").textContent)) endConversation();
      return;
    }
    endDialog.returnValue = "";
    endDialog.showModal();
  });
  endDialog.addEventListener("close", function () {
    if (endDialog.returnValue === "end") endConversation(); else endButton.focus();
  });

  ready = restore();
  ready.then(function () { setTimeout(poll, POLL_MS); });
})();
