// A little progressive enhancement; every page works without it.
// Filter a table's rows as one types into an input that names the table in data-filter-table.
(function () {
  "use strict";
  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  document.querySelectorAll("input[data-filter-table]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = wanted !== "" && fold(row.textContent).indexOf(wanted) === -1;
      });
    });
  });
}());
