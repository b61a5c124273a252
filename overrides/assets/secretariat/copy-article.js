/*
 * "Copy article text": puts the article (title, subtitle and body) on the clipboard as plain text,
 * so a secretary can paste it into a word processor without the site's menus, links or pilcrows.
 * The button ships hidden and is shown here, so readers without JavaScript never see a dead button.
 */
(function () {
  "use strict";

  var LEFT_OUT = "[hidden], .headerlink, .md-clipboard, .md-annotation__index, script, style";
  var FEEDBACK_MS = 2500;

  /* innerText keeps paragraph breaks but needs a rendered node: read a cleaned copy placed off-screen. */
  function plainText(nodes) {
    var holder = document.createElement("div");
    holder.setAttribute("aria-hidden", "true");
    holder.style.cssText = "position:fixed;left:-10000px;top:0;width:40em;white-space:normal";
    nodes.forEach(function (node) {
      holder.appendChild(node.cloneNode(true));
    });
    holder.querySelectorAll(LEFT_OUT).forEach(function (node) {
      node.remove();
    });
    document.body.appendChild(holder);
    var text = holder.innerText;
    holder.remove();
    return text.replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  function articleText(header, body) {
    var parts = [header.querySelector("h1"), header.querySelector(".sec-article-header__subtitle"), body];
    return plainText(parts.filter(Boolean));
  }

  /* navigator.clipboard only exists on https and localhost; plain http hosts get the old way. */
  function writeClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.style.cssText = "position:fixed;left:-10000px;top:0";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      area.remove();
      (copied ? resolve : reject)(new Error("copy command refused"));
    });
  }

  function announce(button, label) {
    var original = button.dataset.secLabel || button.textContent.trim();
    button.dataset.secLabel = original;
    button.textContent = label;
    window.setTimeout(function () {
      button.textContent = original;
    }, FEEDBACK_MS);
  }

  function setUp() {
    var header = document.querySelector(".sec-article-header");
    var body = document.querySelector(".sec-article-body");
    var button = header && header.querySelector(".sec-copy-article");
    if (!button || !body || button.dataset.secReady) {
      return;
    }
    button.dataset.secReady = "1";
    button.setAttribute("aria-live", "polite");
    button.hidden = false;
    button.addEventListener("click", function () {
      writeClipboard(articleText(header, body)).then(
        function () {
          announce(button, button.dataset.secCopied);
        },
        function () {
          announce(button, button.dataset.secFailed);
        }
      );
    });
  }

  /* Material re-renders pages in place with navigation.instant; document$ fires for each page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
