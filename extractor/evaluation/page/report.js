// Filters the misses by field and document; a click on a grid cell selects that document and field.
// Only shows and hides rows already on the page (all text there is escaped by the server side).
(function () {
  "use strict";
  var field = document.getElementById("field-filter");
  var doc = document.getElementById("doc-filter");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#misses tr.miss"));

  // a grid column names a group of miss fields: "decisions" is "decision", "protocol" is "protocol.*"
  function matches(rowField, wanted) {
    if (!wanted) return true;
    if (wanted === "decisions") return rowField === "decision";
    if (wanted === "protocol") return rowField.indexOf("protocol.") === 0;
    return rowField === wanted;
  }

  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var ok = matches(row.dataset.field, field.value) && (!doc.value || row.dataset.doc === doc.value);
      row.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = count + " of " + rows.length + " misses shown";
  }

  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (!known) {   // a grid column without misses of its own name ("decisions", "protocol")
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    }
    select.value = value;
  }

  document.querySelectorAll("#grid td.cell").forEach(function (cell) {
    cell.tabIndex = 0;
    function pick() {
      choose(doc, cell.dataset.doc);
      choose(field, cell.dataset.field);
      apply();
      document.getElementById("misses").scrollIntoView();
    }
    cell.addEventListener("click", pick);
    cell.addEventListener("keydown", function (e) { if (e.key === "Enter") pick(); });
  });
  field.addEventListener("change", apply);
  doc.addEventListener("change", apply);
  apply();
})();
