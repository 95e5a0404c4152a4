/* divergence HTML report: filters, outlet picker, evidence navigation.
   Inlined by divergence/render/html.py. Everything is rendered server-side; this only
   toggles classes and attributes and scrolls. No network, no eval, no innerHTML. */
(function () {
  "use strict";
  var d = document;
  var cols = d.getElementById("cols");
  var list = d.getElementById("dlist");
  var shown = d.getElementById("shown");
  if (!cols || !list) { return; }
  var each = function (nodes, fn) { Array.prototype.forEach.call(nodes, fn); };

  // Evidence marks by divergence id (one pass; ids are compared as strings, never parsed).
  var marks = new Map();
  each(cols.querySelectorAll("mark[data-div]"), function (m) {
    var key = m.getAttribute("data-div");
    var found = marks.get(key);
    if (!found) { found = []; marks.set(key, found); }
    found.push(m);
  });
  var items = Array.prototype.slice.call(list.children);
  var current = -1;
  var active = [];

  function colVisible(i) { return !cols.classList.contains("h" + i); }

  function checked(name) {
    var out = {};
    each(d.querySelectorAll('input[name="' + name + '"]'), function (box) { out[box.value] = box.checked; });
    return out;
  }

  function applyFilters() {
    var kinds = checked("kind");
    var sevs = checked("sev");
    var count = 0;
    items.forEach(function (li) {
      var ok = kinds[li.getAttribute("data-kind")] !== false && sevs[li.getAttribute("data-sev")] !== false;
      li.hidden = !ok;
      if (ok) { count += 1; }
    });
    Object.keys(kinds).forEach(function (k) { cols.classList.toggle("xk-" + k, !kinds[k]); });
    Object.keys(sevs).forEach(function (s) { cols.classList.toggle("xs-" + s, !sevs[s]); });
    shown.textContent = "Showing " + count + " of " + items.length;
  }

  function applyColumns() {
    var pos = 0;
    each(d.querySelectorAll('input[name="col"]'), function (box) {
      var i = box.value;
      if (box.checked) {
        pos += 1;
        cols.style.setProperty("--p" + i, String(pos));
        cols.classList.remove("h" + i);
      } else {
        cols.classList.add("h" + i);
      }
    });
    cols.style.setProperty("--n", String(Math.max(pos, 1)));
    each(cols.querySelectorAll(".row[data-a]"), function (row) {
      row.hidden = !row.getAttribute("data-a").split(" ").some(function (i) { return colVisible(i); });
    });
  }

  function showColumn(i) {
    var box = d.querySelector('input[name="col"][value="' + i + '"]');
    if (box && !box.checked) { box.checked = true; applyColumns(); }
  }

  function activate(li) {
    active.forEach(function (m) { m.classList.remove("active"); });
    if (current >= 0) { items[current].removeAttribute("aria-current"); }
    current = items.indexOf(li);
    li.setAttribute("aria-current", "true");
    active = marks.get(li.getAttribute("data-div")) || [];
    var target = null;
    active.forEach(function (m) {
      m.classList.add("active");
      var cell = m.closest(".cell");
      if (!target && cell && colVisible(cell.getAttribute("data-a"))) { target = m; }
    });
    if (!target && active.length) {
      showColumn(active[0].closest(".cell").getAttribute("data-a"));
      target = active[0];
    }
    active.forEach(function (m) {
      var box = m.closest("details");
      if (box) { box.open = true; }
    });
    if (target) { target.scrollIntoView({block: "center", inline: "nearest"}); }
  }

  list.addEventListener("click", function (e) {
    var li = e.target.closest("li");
    if (li && li.parentNode === list) { activate(li); }
  });

  d.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key !== "j" && e.key !== "k") { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) { return; }
    var visible = items.filter(function (li) { return !li.hidden; });
    if (!visible.length) { return; }
    var at = visible.indexOf(items[current]);
    at = e.key === "j" ? Math.min(at + 1, visible.length - 1) : Math.max(at - 1, 0);
    e.preventDefault();
    visible[at].querySelector("button").focus();
    activate(visible[at]);
  });

  each(d.querySelectorAll('input[name="kind"],input[name="sev"]'), function (box) {
    box.addEventListener("change", applyFilters);
  });
  each(d.querySelectorAll('input[name="col"]'), function (box) {
    box.addEventListener("change", applyColumns);
  });
})();
