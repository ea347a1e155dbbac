/* Links in the bot's answers: phone numbers (tel:), e-mail addresses (mailto:) and web links become
 * <a> elements; everything else stays text. Builds DOM nodes only (never innerHTML).
 * window.LotseLinks.append(parent, text) appends ``text`` to ``parent``.
 */
(function () {
  "use strict";

  // Right-to-left answers carry invisible direction marks (isolates around Latin words), also inside an
  // e-mail address ("\u2068name\u2069@\u2068example.org\u2069"): they may stand around the "@" and are left
  // out of the link's text; the link itself is always left to right.
  var MARKS = "\u200E\u200F\u2066-\u2069";
  var MARK = new RegExp("[" + MARKS + "]", "g");
  var DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9";
  var NOT_URL = "\\s<>\"'\u202A-\u202E" + MARKS;
  var LINK = new RegExp(
    "((?:https?://|www\\.)[^" + NOT_URL + "]+)" +
    "|([A-Za-z0-9._%+-]+[" + MARKS + "]*@[" + MARKS + "]*[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})" +
    "|((?:\\+|\\(?[0\u0660\u06F0])[" + DIGITS + "][" + DIGITS + " \u00A0\\-/()]*[" + DIGITS + "])", "g");
  var URL_END = /[.,;:!?\u2026\u00BB\u201C\u201D"'\]}\u060C\u061B\u061F\u06D4]+$/;

  function asciiDigits(text) {
    return text.replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); });
  }

  function trimUrl(url) {
    var trimmed = url.replace(URL_END, "");
    while (/\)$/.test(trimmed) && trimmed.split("(").length < trimmed.split(")").length) {
      trimmed = trimmed.slice(0, -1).replace(URL_END, "");
    }
    return trimmed;
  }

  function telHref(number) {
    var plain = asciiDigits(number).replace(/\(0\)/g, "").replace(/[^\d+]/g, "");
    return "tel:" + plain.replace(/^00/, "+");
  }

  /** The link for a match and how many characters of the text it takes, or null when it is no phone
      number after all (too few or too many digits, or part of a longer word or number). */
  function linkFor(match, text) {
    var found = match[0], href, external = false;
    if (match[1]) {
      found = trimUrl(found);
      href = (/^www\./i.test(found) ? "https://" : "") + found;
      external = true;
    } else if (match[2]) {
      href = "mailto:" + found.replace(MARK, "");
    } else {
      var before = text.charAt(match.index - 1), digits = asciiDigits(found).replace(/\D/g, "");
      if (/[\w+\u0660-\u0669\u06F0-\u06F9]/.test(before) || digits.length < 6 || digits.length > 15) return null;
      href = telHref(found);
    }
    var a = document.createElement("a");
    a.href = href;
    breakable(a, found.replace(MARK, ""), match[1] ? "url" : match[2] ? "mail" : "");
    a.dir = "ltr";
    if (external) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return {node: a, length: found.length};
  }

  /** Fill a link with ``text``; on a narrow screen a URL may wrap after "/" and before ".", an e-mail
      address after its "@" (so that it never leaves ".org" alone on a line); a phone number does not wrap. */
  function breakable(a, text, kind) {
    var start = 0;
    for (var i = 1; kind && i < text.length; i++) {
      var after = text.charAt(i - 1);
      if (kind === "mail" ? after === "@" : after === "/" || text.charAt(i) === ".") {
        a.appendChild(document.createTextNode(text.slice(start, i)));
        a.appendChild(document.createElement("wbr"));
        start = i;
      }
    }
    a.appendChild(document.createTextNode(text.slice(start)));
  }

  /** Append ``text`` to ``parent`` as text nodes, with links for phone numbers, e-mail addresses and URLs. */
  function appendText(parent, text) {
    var last = 0, match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(text)) !== null) {
      var link = linkFor(match, text);
      if (!link) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      parent.appendChild(link.node);
      last = match.index + link.length;
      LINK.lastIndex = last;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  window.LotseLinks = {append: appendText};
})();
