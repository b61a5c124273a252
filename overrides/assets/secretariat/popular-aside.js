/*
 * The article's Popular list is drawn once, below the article, which suits phones. Where Material
 * shows its right-hand sidebar (the table of contents), the list moves there, under the contents,
 * and it moves back when the window narrows. Without JavaScript it simply stays below the article.
 */
(function () {
  "use strict";

  /* The width from which Material's stylesheet shows .md-sidebar--secondary. */
  var WIDE = window.matchMedia("screen and (min-width: 60em)");

  var list = null;
  var home = null;

  function place() {
    if (!list || !list.isConnected) {
      return;
    }
    /* A page with `hide: [toc]` has the sidebar, hidden: the list then stays below the article. */
    var sidebar = document.querySelector(".md-sidebar--secondary:not([hidden]) .md-sidebar__inner");
    if (WIDE.matches && sidebar) {
      sidebar.appendChild(list);
    } else {
      home.after(list);
    }
  }

  function setUp() {
    list = document.querySelector(".sec-popular-aside");
    if (!list || list.dataset.secReady) {
      return;
    }
    list.dataset.secReady = "1";
    home = document.createComment(" popular list below the article ");
    list.before(home);
    place();
  }

  WIDE.addEventListener("change", place);

  /* Material re-renders pages in place with navigation.instant; document$ fires for each page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
})();
