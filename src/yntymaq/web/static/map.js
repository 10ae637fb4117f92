// The members map: the year slider recolours the states, refills the table and moves the chart's
// marker from /api/members at the end of the chosen year. Without this script the form's date works.
(function () {
  "use strict";
  var form = document.querySelector("form.map-controls");
  var slider = document.getElementById("map-year");
  if (!form || !slider) { return; }
  var output = document.getElementById("map-year-value");
  var dateField = document.getElementById("map-at");
  var labels = {};
  JSON.parse(form.getAttribute("data-status-labels")).forEach(function (s) { labels[s.status] = s.label; });
  var noneLabel = document.querySelector(".legend .key.st-none").textContent;
  var pending = null, asked = 0;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return key in values ? values[key] : ""; });
  }
  function cell(text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    return td;
  }
  function atOf(year) {
    // the end of a past year; today in the current one (the slider's last year)
    return String(year) === slider.max ? "" : year + "-12-31";
  }
  function show(data) {
    var statuses = {};
    data.members.forEach(function (r) { statuses[r.state] = r.status; });
    document.querySelectorAll("#world-map [data-state]").forEach(function (shape) {
      var status = statuses[shape.getAttribute("data-state")] || "none";
      var dot = shape.classList.contains("dot");
      shape.setAttribute("class", (dot ? "dot " : "") + "st-" + status);
      var title = shape.querySelector("title");
      if (title) { title.textContent = title.textContent.replace(/: [^:]*$/, ": " + (labels[status] || noneLabel)); }
    });
    var tbody = document.querySelector("#map-table tbody");
    tbody.textContent = "";
    data.members.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.className = "status-" + r.status;
      tr.setAttribute("data-state", r.state);
      var name = document.createElement("td"), link = document.createElement("a");
      link.href = "/e/" + encodeURIComponent(r.state);
      link.textContent = r.state_label;
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(cell(labels[r.status] || r.status));
      tr.appendChild(cell(r.start || "—", "date"));
      tr.appendChild(cell(r.end || form.getAttribute("data-open"), "date"));
      tbody.appendChild(tr);
    });
    if (!data.members.length) {
      var empty = document.createElement("tr"), td = cell(form.getAttribute("data-none"), "muted");
      td.colSpan = 4;
      empty.appendChild(td);
      tbody.appendChild(empty);
    }
    var count = document.getElementById("map-count");
    count.firstChild.textContent = fill(form.getAttribute("data-count"), data.count) + " ";
    document.getElementById("map-heading").textContent = fill(form.getAttribute("data-title"), {at: data.at});
    document.getElementById("map-table-title").textContent = fill(form.getAttribute("data-table-title"), {at: data.at});
    dateField.value = data.at;
  }
  function moveMarker(year) {
    var chart = document.getElementById("count-chart"), marker = document.getElementById("count-marker");
    if (!chart || !marker) { return; }
    var first = +chart.getAttribute("data-first"), last = +chart.getAttribute("data-last");
    var left = +chart.getAttribute("data-left"), right = +chart.getAttribute("data-right");
    var width = +chart.getAttribute("data-width");
    var x = left + (year - first) / Math.max(last - first, 1) * (width - left - right);
    marker.setAttribute("x1", x.toFixed(1));
    marker.setAttribute("x2", x.toFixed(1));
  }
  function load(year) {
    var at = atOf(year), mine = ++asked;
    var url = form.getAttribute("data-api") + (at ? "&at=" + at : "");
    document.body.setAttribute("data-map-loading", "true");
    fetch(url, {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (mine !== asked) { return; }  // a later year was asked for meanwhile
        show(data);
        var query = new URLSearchParams(window.location.search);
        if (at) { query.set("at", at); } else { query.delete("at"); }
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
        document.body.setAttribute("data-map-loading", "false");
      });
  }
  slider.addEventListener("input", function () {
    output.textContent = slider.value;
    moveMarker(+slider.value);
    clearTimeout(pending);
    pending = setTimeout(function () { load(slider.value); }, 120);
  });
}());
