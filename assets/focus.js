// Messages where the person is looking (GOV.UK habits), for every page:
// - an error summary that appears after the person submits or presses a button takes the focus
//   (it has tabindex=-1), so the keyboard and the screen reader are taken to it;
// - a link in an error summary moves the focus to its field without leaving the page: the query
//   (?inspection=N) and the errors on screen stay as they are;
// - an element marked data-focus-when-shown (a notice or refusal next to the control that acted) takes
//   the focus when it appears after a button press or a drop;
// - a modal dialog keeps the focus inside while open, closes with Escape (its [data-dialog-close]
//   control), and gives the focus back to the control that opened it.
(function () {
  "use strict";

  var actedAt = 0;
  var ACTED_MS = 6000;

  function acted() {
    actedAt = Date.now();
  }
  function submitted() {
    // A summary already on screen is taken again: the person asked for the check once more.
    acted();
    shown = new WeakSet();
    setTimeout(scan, 700);
  }
  document.addEventListener("submit", submitted, true);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button, [role=button], input[type=submit]");
    if (button && button.type === "submit") {
      submitted();
    } else if (button) {
      acted();
    }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest && event.target.closest("button, input, select")) {
      acted();
    }
  }, true);
  // A card dropped on the board acts as a button press does: a refusal shown next to it takes the focus.
  document.addEventListener("drop", acted, true);
  document.addEventListener("dragend", acted, true);

  function recently() {
    return Date.now() - actedAt < ACTED_MS;
  }

  function focusable(element) {
    if (element.matches("input, select, textarea, button, a[href], [tabindex]")) {
      return element;
    }
    return element.querySelector("input:not([type=hidden]), select, textarea, button, a[href], [tabindex]");
  }

  // A link to a place on this page (the skip link, an error summary's link): the router writes it out as
  // this path plus the fragment, without the query, and would navigate. Move the focus there instead.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.hasAttribute("data-skip-column") || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var href = link.getAttribute("href");
    var hash = href.indexOf("#");
    var path = href.slice(0, hash).replace(/\/$/, "");
    if (path && path !== location.pathname.replace(/\/$/, "")) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(href.slice(hash + 1)));
    if (!target) {
      return;
    }
    // Only the browser's navigation is stopped: the page's own click handler on the link still runs.
    event.preventDefault();
    var inSummary = link.closest(".error-summary");
    var field = inSummary ? (focusable(target) || target) : target;
    if (!field.matches("input, select, textarea, button, a[href], [tabindex]")) {
      field.setAttribute("tabindex", "-1");
    }
    (inSummary ? (target.closest(".form-group") || target) : target).scrollIntoView({block: "start"});
    field.focus({preventScroll: true});
  }, true);

  var shown = new WeakSet();

  function take(element) {
    if (shown.has(element)) {
      return;
    }
    shown.add(element);
    if (!recently()) {
      return;
    }
    if (!element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "-1");
    }
    element.scrollIntoView({block: "center"});
    element.focus({preventScroll: true});
  }

  var dialogs = [];
  var lastOutside = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && !event.target.closest("[role=dialog]")) {
      lastOutside = event.target;
    }
  }, true);

  function trap(dialog) {
    if (dialogs.some(function (d) { return d.dialog === dialog; })) {
      return;
    }
    // React may already have moved the focus into the dialog (autofocus): the opener is the last control
    // focused outside it.
    var opener = document.activeElement && !dialog.contains(document.activeElement) ? document.activeElement
      : lastOutside;
    dialogs.push({dialog: dialog, opener: opener, openerId: opener && opener.id});
    dialog.querySelectorAll("input[type=file]").forEach(function (input) {
      if (!input.labels || input.labels.length === 0) {
        input.setAttribute("aria-label", dialog.getAttribute("data-file-label") || "Choose a file");
      }
    });
    if (!dialog.contains(document.activeElement)) {
      var first = focusable(dialog);
      if (first) {
        first.focus();
      }
    }
  }

  function release() {
    dialogs = dialogs.filter(function (entry) {
      if (document.contains(entry.dialog)) {
        return true;
      }
      var back = entry.opener && document.contains(entry.opener) ? entry.opener
        : (entry.openerId ? document.getElementById(entry.openerId) : null);
      if (back) {
        back.focus();
      }
      return false;
    });
  }

  function tabbables(dialog) {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
                              "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"),
      function (element) { return element.offsetParent !== null || element === document.activeElement; });
  }

  document.addEventListener("keydown", function (event) {
    var open = dialogs.length ? dialogs[dialogs.length - 1].dialog : null;
    if (!open) {
      return;
    }
    if (event.key === "Escape") {
      var close = open.querySelector("[data-dialog-close]");
      if (close) {
        event.preventDefault();
        close.click();
      }
      return;
    }
    if (event.key !== "Tab") {
      return;
    }
    var items = tabbables(open);
    if (!items.length) {
      return;
    }
    var first = items[0];
    var last = items[items.length - 1];
    if (!open.contains(document.activeElement)) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }, true);

  document.addEventListener("focusin", function (event) {
    var open = dialogs.length ? dialogs[dialogs.length - 1].dialog : null;
    if (open && !open.contains(event.target)) {
      var first = focusable(open);
      if (first) {
        first.focus();
      }
    }
  });

  // The file input a drop zone draws has no label of its own: name it after the form group's label
  // (or the dialog's data-file-label), so a screen reader says what the file is for.
  function labelFileInputs() {
    document.querySelectorAll("input[type=file]").forEach(function (input) {
      if (input.hasAttribute("aria-label") || (input.labels && input.labels.length > 0)) {
        return;
      }
      var owner = input.closest("[data-file-label]");
      var group = input.closest(".form-group");
      var label = group ? group.querySelector(".label") : null;
      var text = owner ? owner.getAttribute("data-file-label") : (label ? label.textContent.trim() : "");
      input.setAttribute("aria-label", text || "Choose a file");
    });
  }

  // A box that scrolls sideways (a wide table at 320 px) must be reachable by keyboard to scroll it
  // (WCAG 2.1.1): it joins the tab order, named after its caption or heading when it has one.
  function scrollableRegions() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var style = window.getComputedStyle(box);
      var scrolls = /(auto|scroll)/.test(style.overflowX) && box.scrollWidth > box.clientWidth + 1;
      if (!scrolls || box.hasAttribute("tabindex")) {
        return;
      }
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        var caption = box.querySelector("caption, h2, h3");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Scrollable table");
      }
    });
  }
  window.addEventListener("resize", scrollableRegions);

  // Measuring boxes forces a layout, so after the first scan it runs only when a change brings a
  // table in or changes one (a board drag or a live update changes the page many times a second).
  var SCROLLERS = "table, .table-wrap, [data-scrolls]";
  function bringsTable(records) {
    for (var i = 0; i < records.length; i++) {
      var target = records[i].target;
      if (records[i].addedNodes.length > 0 && target.nodeType === 1 && target.closest(SCROLLERS)) {
        return true;
      }
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var node = added[j];
        if (node.nodeType === 1 && (node.matches(SCROLLERS) || node.querySelector(SCROLLERS))) {
          return true;
        }
      }
    }
    return false;
  }

  function scan(records) {
    labelFileInputs();
    if (!records || bringsTable(records)) {
      scrollableRegions();
    }
    document.querySelectorAll(".error-summary, [data-focus-when-shown]").forEach(take);
    document.querySelectorAll("[role=dialog][aria-modal=true]").forEach(trap);
    release();
  }

  function start() {
    document.querySelectorAll(".error-summary, [data-focus-when-shown]").forEach(function (element) {
      shown.add(element);
    });
    new MutationObserver(scan).observe(document.body, {subtree: true, childList: true});
    scan();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
