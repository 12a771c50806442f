/* Thi Đua: the small behaviours of the pages, as one static file (the Content-Security-Policy allows no inline
   script). Each is declared in the markup with a data- attribute:
   - data-confirm="question" on a form (asked on submit) or a button (asked on click);
   - data-autosubmit on a select: choosing sends its form;
   - data-goto-select on a form: sending it opens the address chosen in its select;
   - data-tree-toggle on the ▸ of a tree node: the first click loads the children (htmx), later ones fold them;
   - data-pick-field/-value/-label on a search result of a picker: adds the choice to the picker's list;
   - data-recipient-select on a select, data-recipient-show="kind …" on fields of its form: only the fields for
     the chosen kind are shown (the nomination form: person, unit or household; without script all show);
   - #fill-form (fund bulk entry): puts the common amount into the empty amount boxes without a reload. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm !== undefined && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.gotoSelect !== undefined) {
      event.preventDefault();
      window.location = form.querySelector("select").value;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) select.form.submit();
  });

  // capture phase: runs before htmx sees the click, so a loaded node folds instead of loading again
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("[data-tree-toggle]");
    if (!toggle) return;
    toggle.textContent = toggle.textContent === "▸" ? "▾" : "▸";
    if (toggle.dataset.loaded) {
      toggle.parentElement.querySelector(".kids").classList.toggle("d-none");
      event.stopPropagation();
      event.preventDefault();
      return;
    }
    toggle.dataset.loaded = "1";
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick-field]");
    if (!button) return;
    var field = button.dataset.pickField, value = button.dataset.pickValue;
    var chosen = document.getElementById("pick-" + field + "-chosen");
    if (!chosen) return;
    var existing = chosen.querySelector('input[value="' + value + '"]');
    if (existing) { existing.checked = true; } else {
      var label = document.createElement("label"), input = document.createElement("input");
      label.className = "form-check";
      input.className = "form-check-input"; input.type = "checkbox"; input.name = field; input.value = value;
      input.checked = true;
      label.appendChild(input); label.appendChild(document.createTextNode(" " + button.dataset.pickLabel));
      chosen.appendChild(label);
    }
    button.remove();
  });

  function showRecipientFields(select) {
    if (!select.form) return;
    select.form.querySelectorAll("[data-recipient-show]").forEach(function (field) {
      var box = field.closest(".mb-3") || field;
      box.hidden = field.dataset.recipientShow.split(" ").indexOf(select.value) === -1;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-recipient-select]")) {
      showRecipientFields(event.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-recipient-select]").forEach(showRecipientFields);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var fill = document.getElementById("fill-form");
    if (!fill) return;
    fill.addEventListener("submit", function (event) {
      event.preventDefault();
      var amount = document.getElementById("muc").value.trim();
      var boxes = document.querySelectorAll("#bulk-form input[name^='amount_']");
      var filled = 0;
      boxes.forEach(function (box) {
        if (amount && box.value.trim() === "") { box.value = amount; filled += 1; }
      });
      var note = document.getElementById("fill-note");
      note.textContent = amount ? note.dataset.filledText + " " + filled : "";
    });
  });
})();
