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

// A document's page: a click on a coloured stretch of the text opens the evidence of its claims beside it;
// a claim opened in the list (or named in the address, #claim-12) marks its stretch in the text.
(function () {
  "use strict";
  var text = document.getElementById("doc-text");
  if (!text) { return; }
  function mark(ids) {
    document.querySelectorAll(".claim.active, details.claim-card.active").forEach(function (el) { el.classList.remove("active"); });
    text.querySelectorAll(".claim[data-claims]").forEach(function (span) {
      var own = span.getAttribute("data-claims").split(" ");
      if (ids.some(function (id) { return own.indexOf(id) !== -1; })) { span.classList.add("active"); }
    });
    ids.forEach(function (id) {
      var card = document.getElementById("claim-" + id);
      if (card) { card.classList.add("active"); }
    });
  }
  function open(ids) {
    var first = null;
    ids.forEach(function (id) {
      var card = document.getElementById("claim-" + id);
      if (!card) { return; }
      card.open = true;
      first = first || card;
    });
    mark(ids);
    if (first) { first.scrollIntoView({block: "nearest", behavior: "smooth"}); }
  }
  function fromSpan(span) { return span.getAttribute("data-claims").split(" ").filter(Boolean); }
  text.addEventListener("click", function (event) {
    if (event.target.closest("a")) { return; }  // a name links to its entity's page
    var span = event.target.closest(".claim[data-claims]");
    if (span) { open(fromSpan(span)); }
  });
  text.addEventListener("keydown", function (event) {
    var span = event.target.closest && event.target.closest(".claim[data-claims]");
    if (span && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); open(fromSpan(span)); }
  });
  document.querySelectorAll("details.claim-card[data-claim]").forEach(function (card) {
    card.addEventListener("toggle", function () {
      if (card.open) { mark([card.getAttribute("data-claim")]); }
    });
  });
  function fromHash() {
    var match = /^#claim-(\d+)$/.exec(window.location.hash);
    if (match) { open([match[1]]); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
