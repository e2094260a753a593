// A box's maxlength would cut a long paste short without a word: refuse the paste instead,
// keep what the box held, and say why next to the box (the browser's own validation message).
// The limits themselves come from the services (the pages set maxlength from their constants).
(function () {
  "use strict";

  function limited(box) {
    return (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) && box.maxLength > 0;
  }

  document.addEventListener("paste", function (event) {
    var box = event.target;
    if (!limited(box) || !event.clipboardData) {
      return;
    }
    var pasted = event.clipboardData.getData("text").replace(/\r\n?/g, "\n");
    var selected = box.selectionStart === null ? 0 : box.selectionEnd - box.selectionStart;
    var total = box.value.length - selected + pasted.length;
    if (total <= box.maxLength) {
      return;
    }
    event.preventDefault();
    box.setCustomValidity(
      "The text you pasted is too long: this box takes up to " + box.maxLength.toLocaleString("en-GB") +
      " characters, and with it there would be " + total.toLocaleString("en-GB") + ". " +
      "Nothing was pasted. Shorten the text and paste it again.");
    box.reportValidity();
  }, true);

  document.addEventListener("input", function (event) {
    if (limited(event.target)) {
      event.target.setCustomValidity("");
    }
  }, true);
})();
