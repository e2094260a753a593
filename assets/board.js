// The programme board by keyboard and by mouse:
// - "Jump to stage" moves the focus to the chosen column (type the stage's number on the list);
// - each column's "Skip to the next stage" link moves the focus to the next column;
// - Enter on the "Move to" list submits the move;
// - a dragged card scrolls the board sideways when it nears the board's left or right edge.
(function () {
  "use strict";

  function focusColumn(column) {
    if (!column) {
      return;
    }
    column.scrollIntoView({block: "nearest", inline: "start"});
    column.focus({preventScroll: true});
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-jump-to-column]") && select.value) {
      focusColumn(document.getElementById(select.value));
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-skip-column]");
    if (!link) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var column = link.closest(".board-column");
    var next = column && column.nextElementSibling;
    while (next && !next.classList.contains("board-column")) {
      next = next.nextElementSibling;
    }
    if (next) {
      focusColumn(next);
    } else {
      var end = document.getElementById("board-end");
      if (end) {
        end.focus();
      }
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    var select = event.target;
    if (event.key === "Enter" && select.matches && select.matches(".move-form select") && select.form) {
      event.preventDefault();
      select.form.requestSubmit();
    }
  }, true);

  var EDGE = 80;
  document.addEventListener("dragover", function (event) {
    var board = document.getElementById("board");
    if (!board) {
      return;
    }
    var box = board.getBoundingClientRect();
    var left = Math.max(box.left, 0);
    var right = Math.min(box.right, window.innerWidth);
    if (event.clientX < left + EDGE) {
      board.scrollLeft -= 20;
    } else if (event.clientX > right - EDGE) {
      board.scrollLeft += 20;
    }
  }, true);
})();
