/*
 * Search box of the Secretariat site: Material's search box and result list, answered by Pagefind.
 *
 * Why this file exists: the site replaces Material's lunr search (one index of the whole site,
 * downloaded before the first result) with Pagefind (an index in chunks, loaded per query). The markup
 * in overrides/partials/search.html keeps Material's classes, so this script only has to do what
 * Material's own search script would: open and close the box, search as the reader types, draw
 * results with highlighted terms, and move through them with the keyboard.
 *
 * Pagefind's script, WebAssembly and index are fetched on first use of the box, never on page load.
 * Each article language has its own bundle (see hooks/search/indexer.py); they are merged here.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-sec-search]");
  if (!root) return;

  var settings = JSON.parse(root.querySelector("[data-sec-search-settings]").textContent);
  var strings = settings.strings;
  var index = settings.index;
  var toggle = document.getElementById("__search");
  var form = root.querySelector("[data-sec-search-form]");
  var input = root.querySelector("[data-sec-search-query]");
  var meta = root.querySelector("[data-sec-search-meta]");
  var filterBar = root.querySelector("[data-sec-search-filters]");
  var list = root.querySelector("[data-sec-search-list]");
  var siteBase = new URL(settings.base.replace(/\/?$/, "/"), window.location.href);

  var engine = null; /* Promise of Pagefind, created on first use */
  var latest = 0; /* number of the newest query; older answers are dropped */
  var category = null; /* the category filter chosen by the reader, if any */

  /* ---------- Pagefind ---------- */

  function unavailableReason() {
    if (window.location.protocol === "file:") return strings.extra.file;
    if (!index || !index.bundles.length) return strings.extra.empty;
    return null;
  }

  function bundleUrl(bundle) {
    return new URL(bundle.folder, siteBase).href;
  }

  /* Load the first bundle's pagefind.js and merge the other languages' bundles into it. */
  function load() {
    if (engine) return engine;
    var reason = unavailableReason();
    if (reason) {
      engine = Promise.reject(new Error(reason));
    } else {
      var options = { excerptLength: index.excerptLength, baseUrl: siteBase.pathname };
      var primary = index.bundles[0];
      engine = import(bundleUrl(primary) + "pagefind.js").then(function (pagefind) {
        return pagefind
          .options(Object.assign({ basePath: bundleUrl(primary) }, options))
          .then(function () {
            return index.bundles.slice(1).reduce(function (done, bundle) {
              return done.then(function () {
                return pagefind.mergeIndex(
                  bundleUrl(bundle),
                  Object.assign({ language: bundle.language }, options)
                );
              });
            }, Promise.resolve());
          })
          .then(function () {
            return pagefind.init();
          })
          .then(function () {
            return pagefind;
          });
      });
    }
    engine.catch(function () {
      showMessage(unavailableReason() || strings.extra.unavailable);
    });
    return engine;
  }

  /* ---------- Drawing ---------- */

  function showMessage(text) {
    meta.textContent = text;
    list.replaceChildren();
  }

  function countText(n) {
    if (n === 0) return strings.none;
    if (n === 1) return strings.one;
    return strings.other.replace("#", String(n));
  }

  /* Copy Pagefind's excerpt as text plus <mark> elements only, so no markup from a page can run. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var out = document.createElement("p");
    parsed.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element("h1", "", data.meta.title || data.url));
    var where = [data.meta.category, data.meta.subcategory].filter(Boolean).join(" › ");
    if (where || data.meta.date) {
      var line = element("nav", "sec-search-result__where");
      if (where) line.appendChild(element("span", "md-tag", where));
      if (data.meta.date) line.appendChild(element("time", "sec-search-result__date", data.meta.date));
      article.appendChild(line);
    }
    article.appendChild(excerptNodes(data.excerpt || ""));
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function drawFilters(pagefind) {
    if (!index.filters || filterBar.dataset.drawn) return;
    filterBar.dataset.drawn = "yes";
    pagefind.filters().then(function (filters) {
      var names = Object.keys((filters && filters.category) || {}).sort();
      if (names.length < 2) return;
      [null].concat(names).forEach(function (name) {
        var chip = element("button", "md-tag sec-search-filter", name || strings.extra.all);
        chip.type = "button";
        chip.setAttribute("aria-pressed", String(name === category));
        chip.addEventListener("click", function () {
          category = name;
          filterBar.querySelectorAll("button").forEach(function (other) {
            other.setAttribute("aria-pressed", String(other === chip));
          });
          search(input.value);
          input.focus();
        });
        filterBar.appendChild(chip);
      });
      filterBar.hidden = false;
    });
  }

  /* ---------- Searching ---------- */

  function search(query) {
    var number = ++latest;
    if (!query.trim()) {
      showMessage(strings.placeholder);
      return;
    }
    if (!engine) meta.textContent = strings.initializer;
    load()
      .then(function (pagefind) {
        drawFilters(pagefind);
        var filters = category ? { category: category } : {};
        return pagefind.debouncedSearch(query, { filters: filters }, 120).then(function (found) {
          if (!found || number !== latest) return null;
          var shown = found.results.slice(0, index.resultCount);
          return Promise.all(
            shown.map(function (result) {
              return result.data();
            })
          ).then(function (data) {
            return { total: found.results.length, data: data };
          });
        });
      })
      .then(function (answer) {
        if (!answer || number !== latest) return;
        meta.textContent = countText(answer.total);
        list.replaceChildren.apply(list, answer.data.map(resultItem));
      })
      .catch(function () {
        /* load() has already said why search is unavailable */
      });
  }

  /* ---------- Opening, closing and the keyboard ---------- */

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  /* Up and down walk from the box through the results and back, like Material's search. */
  function move(step) {
    var all = [input].concat(links());
    var at = all.indexOf(document.activeElement);
    var next = all[Math.max(0, Math.min(all.length - 1, (at < 0 ? 0 : at) + step))];
    next.focus();
    if (next !== input) next.scrollIntoView({ block: "nearest" });
  }

  function follow(link) {
    if (link) window.location.href = link.href;
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    search(input.value);
  });
  /* Material's box reacts to keyup too; text composed by an input method may arrive only this way. */
  input.addEventListener("keyup", function (event) {
    if (!/^(Arrow|Enter|Escape|Tab)/.test(event.key)) search(input.value);
  });

  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) {
      load();
      setTimeout(function () {
        input.focus();
      }, 50);
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    follow(links()[0]);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search("");
      input.focus();
    });
  });

  root.addEventListener("keydown", function (event) {
    if (!toggle.checked) return;
    var onLink = document.activeElement && document.activeElement.classList.contains("md-search-result__link");
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && onLink) {
      event.preventDefault();
      follow(document.activeElement);
    } else if (onLink && event.key.length === 1 && !event.ctrlKey && !event.metaKey) {
      input.focus(); /* typing again goes back into the box */
    }
  });

  /* "/" opens the search from anywhere, as in Material (but not while typing in a field). */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !toggle.checked) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
