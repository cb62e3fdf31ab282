// Client-side search over search/index.json: progressive enhancement only.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var status = document.getElementById("search-status");
  var results = document.getElementById("results");
  var input = document.getElementById("q");
  var sectionSelect = document.getElementById("section");
  var base = form.getAttribute("data-index").replace(/search\/index\.json$/, "");
  var docs = null;

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }

  function render(query, section) {
    results.textContent = "";
    var terms = words(query);
    if (!terms.length) { status.textContent = "Type a word to search " + docs.length + " stories."; return; }
    var hits = docs.filter(function (d) {
      if (section && d.s !== section) return false;
      var hay = " " + d.w + " " + d.t.toLowerCase() + " ";
      return terms.every(function (t) { return hay.indexOf(" " + t) !== -1 || d.t.toLowerCase().indexOf(t) !== -1; });
    });
    status.textContent = hits.length + (hits.length === 1 ? " story" : " stories") + " found.";
    hits.slice(0, 100).forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + d.u;
      a.textContent = d.t;
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = [d.d, d.sn].filter(Boolean).join(" · ");
      var ex = document.createElement("p");
      ex.textContent = d.x;
      li.append(a, meta, ex);
      results.append(li);
    });
  }

  function run() {
    var params = new URLSearchParams(window.location.search);
    render(input.value || params.get("q") || "", sectionSelect.value || params.get("section") || "");
  }

  status.textContent = "Loading the search index…";
  fetch(form.getAttribute("data-index"))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      docs = data.docs;
      var seen = {};
      docs.forEach(function (d) {
        if (d.s && !seen[d.s]) {
          seen[d.s] = true;
          var o = document.createElement("option");
          o.value = d.s; o.textContent = d.sn;
          sectionSelect.append(o);
        }
      });
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) input.value = params.get("q");
      if (params.get("section")) sectionSelect.value = params.get("section");
      run();
      form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      input.addEventListener("input", run);
      sectionSelect.addEventListener("change", run);
    })
    .catch(function () {
      status.innerHTML = "";
      status.append("Search could not load its index (opened from disk?). Browse ");
      var a = document.createElement("a");
      a.href = base + "topics/index.html"; a.textContent = "all topics";
      status.append(a, " instead.");
    });
})();
