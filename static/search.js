// Client-side search over the sharded index in search/ (see newsgen/site/search.py).
// Each index file is a script that hands its data to window.__newsgenSearch: a page opened
// from file:// may run a script beside it but not fetch() one, so this works from a disk
// as it does over HTTP, at the root or under a sub-path. Without JavaScript the page's
// <noscript> links the topic hub and the archive instead.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var status = document.getElementById("search-status");
  var results = document.getElementById("results");
  var more = document.getElementById("more");
  var input = document.getElementById("q");
  var sectionSelect = document.getElementById("section");
  var topicSelect = document.getElementById("topic");
  var metaUrl = form.getAttribute("data-index");
  // The search folder and the site's root, as the page reaches them (data-index is
  // relative: "meta.js" from search/index.html; "meta.json" in a site's own copy of
  // an older search.html names the same folder).
  var root = metaUrl.replace(/meta\.js(on)?$/, "");
  var base = root + "../";
  var hub = base + "topics/index.html";
  var PAGE = 20;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var meta = null, stop = {}, cache = {}, hits = [], shown = 0, runId = 0;
  // Script element -> the resolve of the promise waiting for its data.
  var waiting = new Map();

  // Called by each index file as it runs; the running script says which file it is.
  window.__newsgenSearch = function (data) {
    var done = waiting.get(document.currentScript);
    if (done) done(data);
  };

  function say(text, linkText) {
    status.textContent = text;
    if (linkText) {
      var a = document.createElement("a");
      a.href = hub;
      a.textContent = linkText;
      status.append(" ", a, ".");
    }
  }

  function initial(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) {
      return w.length > 1 && !stop[w];
    });
  }

  // The data of one index file ("words/ab", "docs/0", ...), loaded once.
  function load(path) {
    if (!cache[path]) {
      cache[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + path + ".js";
        waiting.set(script, resolve);
        function done(error) {
          waiting.delete(script);
          script.remove();
          // After a resolve (the file ran) a reject changes nothing.
          reject(new Error(path + ".js: " + error));
        }
        script.onload = function () { done("no index data in it"); };
        script.onerror = function () { done("could not be loaded"); };
        document.head.append(script);
      });
    }
    return cache[path];
  }

  function ids(gaps) {
    var out = [], last = 0;
    for (var i = 0; i < gaps.length; i++) { last += gaps[i]; out.push(last); }
    return out;
  }

  function shardKey(term) {
    if (term.length > 2 && meta.shards[term.slice(0, 3)]) return term.slice(0, 3);
    return meta.shards[term.slice(0, 2)] ? term.slice(0, 2) : null;
  }

  // {body: Set of story numbers, title: Set} for one query word.
  function match(term) {
    var key = shardKey(term);
    var empty = { body: new Set(), title: new Set() };
    if (!key) return Promise.resolve(empty);
    return load("words/" + meta.shards[key]).then(function (shard) {
      var prefix = term.length > 2;
      ["b", "t"].forEach(function (part) {
        var target = part === "b" ? empty.body : empty.title;
        Object.keys(shard[part]).forEach(function (w) {
          if (w === term || (prefix && w.indexOf(term) === 0)) {
            ids(shard[part][w]).forEach(function (n) { target.add(n); });
          }
        });
      });
      return empty;
    });
  }

  function facet(kind, select) {
    var i = select.selectedIndex - 1;
    if (i < 0) return Promise.resolve(null);
    return load("facets/" + kind + i).then(function (g) { return new Set(ids(g)); });
  }

  function search(query) {
    var terms = words(query);
    var parts = terms.map(match);
    parts.push(facet("s", sectionSelect), facet("t", topicSelect));
    return Promise.all(parts).then(function (found) {
      var topic = found.pop(), section = found.pop();
      var pool = null, score = {};
      found.forEach(function (m) {
        var next = [];
        (pool || Array.from(m.body)).forEach(function (n) { if (m.body.has(n)) next.push(n); });
        pool = next;
        m.title.forEach(function (n) { score[n] = (score[n] || 0) + 1; });
      });
      if (!terms.length) {
        if (!section && !topic) return null;
        pool = Array.from({ length: meta.count }, function (_, n) { return n; });
      }
      return pool.filter(function (n) {
        return (!section || section.has(n)) && (!topic || topic.has(n));
      }).sort(function (a, b) { return (score[b] || 0) - (score[a] || 0) || a - b; });
    });
  }

  // The next page of results; a run started meanwhile (another key typed) discards it.
  function showMore() {
    var id = runId;
    var slice = hits.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= hits.length;
    var chunks = {};
    slice.forEach(function (n) { chunks[Math.floor(n / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load("docs/" + c); }))
      .then(function () {
        var all = slice.map(function (n) {
          return load("docs/" + Math.floor(n / meta.chunk)).then(function (docs) {
            return docs[n % meta.chunk];
          });
        });
        return Promise.all(all);
      })
      .then(function (docs) { if (id === runId) docs.forEach(addResult); });
  }

  function addResult(d) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = base + "articles/" + d[1] + "/index.html";
    a.textContent = d[0];
    h.append(a);
    var metaLine = document.createElement("p");
    metaLine.className = "meta";
    if (d[2]) {
      var t = document.createElement("time");
      t.dateTime = d[2];
      var ymd = d[2].split("-");
      t.textContent = +ymd[2] + " " + MONTHS[+ymd[1] - 1] + " " + ymd[0];
      metaLine.append(t);
    }
    var sec = meta.sections.filter(function (s) { return s[0] === d[3]; })[0];
    if (sec) metaLine.append((d[2] ? " · " : "") + initial(sec[1]));
    var ex = document.createElement("p");
    ex.className = "summary";
    ex.textContent = d[4];
    li.append(h, metaLine, ex);
    results.append(li);
  }

  function run(push) {
    var query = input.value.trim();
    var id = ++runId;
    if (push) {
      var params = new URLSearchParams();
      if (query) params.set("q", query);
      if (sectionSelect.value) params.set("section", sectionSelect.value);
      if (topicSelect.value) params.set("topic", topicSelect.value);
      try { history.replaceState(null, "", "?" + params.toString()); } catch (e) { /* file: */ }
    }
    return search(query).then(function (found) {
      if (id !== runId) return;
      results.textContent = "";
      shown = 0;
      hits = found || [];
      more.hidden = true;
      if (found === null) {
        say("Type a word to search " + meta.count + " stories, or choose a section or topic.");
        return;
      }
      say(hits.length + (hits.length === 1 ? " story" : " stories") + " found.");
      return showMore();
    }).catch(failed);
  }

  function fill(select, items, chosen) {
    items.forEach(function (item) {
      var o = document.createElement("option");
      o.value = item[0];
      o.textContent = initial(item[1]) + " (" + item[2] + ")";
      select.append(o);
    });
    if (chosen) select.value = chosen;
  }

  function failed() {
    say("Search could not load its index. Browse", "all topics");
  }

  say("Loading the search index…");
  load("meta").then(function (data) {
    meta = data;
    meta.stop.forEach(function (w) { stop[w] = true; });
    var params = new URLSearchParams(window.location.search);
    fill(sectionSelect, meta.sections, params.get("section"));
    fill(topicSelect, meta.topics, params.get("topic"));
    if (params.get("q")) input.value = params.get("q");
    form.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    input.addEventListener("input", function () { run(false); });
    sectionSelect.addEventListener("change", function () { run(true); });
    topicSelect.addEventListener("change", function () { run(true); });
    more.addEventListener("click", showMore);
    run(false);
  }).catch(failed);
})();
