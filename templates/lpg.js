/* lpg.js — 适老化 modes, table filters, offline search; no library, works
   from file://, pages work without it. Not deferred: modes apply before paint. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me ? me.src.replace(/lpg\.js(\?.*)?$/, "") : "";
  var params = new URLSearchParams(location.search);

  /* Modes "big" and "hc": classes lpg-big, lpg-hc on <html>, saved in
     localStorage "lpg-modes"; if storage refuses, for this page only. */
  var MODES = ["big", "hc"], KEY = "lpg-modes", html = document.documentElement;
  try {
    var saved = (localStorage.getItem(KEY) || "").split(" ");
    MODES.forEach(function (m) { html.classList.toggle("lpg-" + m, saved.indexOf(m) >= 0); });
  } catch (e) { /* no storage */ }
  function setupModes(box) {
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button"));
    function sync() { buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(html.classList.contains("lpg-" + b.dataset.mode))); }); }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        html.classList.toggle("lpg-" + b.dataset.mode);
        var on = MODES.filter(function (m) { return html.classList.contains("lpg-" + m); });
        try { localStorage.setItem(KEY, on.join(" ")); } catch (e) { /* this page only */ }
        sync();
        fitScrollRegions();
      });
    });
    sync();
    box.hidden = false;
  }

  /* Scroll regions (tabindex="0" in the page, for keyboards without JS
     too) keep their tab stop only while their content overflows. */
  var regions = [];
  function fitScrollRegions() {
    regions.forEach(function (r) {
      if (r.scrollWidth > r.clientWidth + 1) { r.setAttribute("tabindex", "0"); } else { r.removeAttribute("tabindex"); }
    });
  }

  function text(el) { return el ? (el.getAttribute("data-value") || el.textContent || "").trim() : ""; }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { e.append(k); });
    return e;
  }
  var uid = 0;

  /* A table's name: the label of its scroll region. */
  function tableName(table) {
    var region = table.closest("[aria-label]");
    return region ? region.getAttribute("aria-label") : "表格";
  }

  /* Filters: <table data-filter="村居,隐患类别,等级,整改状态"> gets a select per
     named column (values from the rows), a text box and, when some rows are
     overdue, a 仅看逾期 box. A URL parameter named like a column presets it;
     ?q= presets the text box (the search links a hazard id that way). */
  function setupFilter(table) {
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, text);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var box = el("div", { "class": "filters", role: "group", "aria-label": "筛选：" + tableName(table) });
    var controls = [];
    table.getAttribute("data-filter").split(",").forEach(function (name) {
      var col = heads.indexOf(name);
      if (col < 0) { return; }
      var seen = {};
      rows.forEach(function (r) { var v = text(r.cells[col]); if (v) { seen[v] = true; } });
      var values = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
      var want = params.get(name);
      if (values.length < 2 && !want) { return; }
      var id = "f" + (++uid);
      var sel = el("select", { id: id }, [el("option", { value: "" }, ["全部"])]);
      values.forEach(function (v) { sel.append(el("option", { value: v }, [v])); });
      if (want && seen[want]) { sel.value = want; }
      box.append(el("label", { "for": id }, [name]), sel);
      controls.push({ col: col, sel: sel });
    });
    var qid = "f" + (++uid);
    var q = el("input", { type: "search", id: qid, size: "14" });
    if (params.get("q")) { q.value = params.get("q"); }
    box.append(el("label", { "for": qid }, ["含文字"]), q);
    var late = null;
    var isLate = function (r) { return r.classList.contains("overdue"); };
    if (rows.some(isLate) && !rows.every(isLate)) {
      late = el("input", { type: "checkbox", id: "f" + (++uid) });
      box.append(el("label", { "class": "check" }, [late, "仅看逾期"]));
    }
    var count = el("output", { "aria-live": "polite" });
    box.append(count);
    function apply() {
      var n = 0, words = q.value.trim().toLowerCase();
      rows.forEach(function (r) {
        var ok = controls.every(function (c) { return !c.sel.value || text(r.cells[c.col]) === c.sel.value; }) &&
          (!words || r.textContent.toLowerCase().indexOf(words) >= 0) &&
          (!late || !late.checked || r.classList.contains("overdue"));
        r.hidden = !ok;
        if (ok) { n++; }
      });
      count.textContent = "显示 " + n + " / " + rows.length + " 条";
      fitScrollRegions();
    }
    box.addEventListener("input", apply);
    box.addEventListener("change", apply);
    var anchor = table.closest(".scroll") || table;
    anchor.parentNode.insertBefore(box, anchor);
    apply();
  }

  /* Search: search/index.js calls LPG.index, search/hazards-M.js calls
     LPG.hazards; both are loaded with <script> elements (fetch() is not
     allowed from file://). */
  var LPG = window.LPG = { idx: null, shards: {}, asked: {} };
  var form = null, out = null, status = null;
  function load(src) {
    if (LPG.asked[src]) { return; }
    LPG.asked[src] = true;
    document.head.append(el("script", { src: root + src }));
  }
  LPG.index = function (x) { LPG.idx = x; run(); };
  LPG.hazards = function (m, rows) { LPG.shards[m] = rows; run(); };

  function link(href, label, note) {
    return el("li", {}, [el("a", { href: root + href }, [label]), note ? " " + note : ""]);
  }
  function section(title, items, more) {
    if (!items.length) { return null; }
    var h = el("h2", {}, [title + "（" + (items.length + more) + "）"]);
    var ul = el("ul", { "class": "results" }, items);
    var s = el("section", {}, [h, ul]);
    if (more) { s.append(el("p", { "class": "note" }, ["另有 " + more + " 条，请输入更多文字缩小范围。"])); }
    s.total = items.length + more;
    return s;
  }
  function run() {
    if (!form || !LPG.idx) { return; }
    var x = LPG.idx, q = form.q.value.trim(), lq = q.toLowerCase();
    out.textContent = "";
    if (!q) { out.append(el("p", { "class": "note" }, ["输入隐患编号、村居、街镇、企业或隐患类别。"])); announce(""); return; }
    var town = {}, village = {}, type = {};
    x.towns.forEach(function (t) { town[t[0]] = t[1]; });
    x.villages.forEach(function (v) { village[v[0]] = v[1]; });
    x.types.forEach(function (t) { type[t[0]] = t[1]; });
    var limit = 50, sections = [];
    function collect(list, match, make) {
      var hits = list.filter(match);
      return [hits.slice(0, limit).map(make), Math.max(0, hits.length - limit)];
    }
    var has = function (s) { return String(s).toLowerCase().indexOf(lq) >= 0; };
    // Hazard ids: an id names its month (E01-202607-0018); otherwise a
    // query with a digit or a hyphen is looked up in every month.
    var wait = false, months = [];
    var m = /^[a-z0-9]+-(\d{4})(\d{2})/i.exec(q);
    if (m) { months = [m[1] + "-" + m[2]]; } else if (/[0-9-]/.test(q) && /^[\x21-\x7e]+$/.test(q)) { months = x.months; }
    var hz = [];
    months.forEach(function (mm) {
      if (x.months.indexOf(mm) < 0) { return; }
      if (!LPG.shards[mm]) { wait = true; load("search/hazards-" + mm + ".js"); return; }
      hz = hz.concat(LPG.shards[mm].filter(function (h) { return has(h[0]); }));
    });
    var r = collect(hz, function () { return true; }, function (h) {
      var month = h[0].split("-")[1].replace(/^(\d{4})(\d{2})$/, "$1-$2");
      var href = h[7] ? "towns/" + h[1] + "/" + h[0] + ".html" : h[6] ? "towns/" + h[1] + "/index.html?q=" + encodeURIComponent(h[0]) + "#open" : "towns/" + h[1] + "/hazards-" + month + ".csv";
      return link(href, h[0], "· " + (town[h[1]] || h[1]) + " · " + (village[h[2]] || h[2]) + " · " + (type[h[3]] || h[3]) + " · " + h[4] + " · " + h[5] + (h[7] || h[6] ? "" : "（已闭环，见派发清单）"));
    });
    sections.push(section("隐患", r[0], r[1]));
    r = collect(x.villages, function (v) { return has(v[1]) || v[0] === q; }, function (v) {
      return link("towns/" + v[2] + "/index.html" + (v[3] ? "?" + new URLSearchParams({ "村居": v[1] }) + "#open" : ""), v[1], "· " + (town[v[2]] || v[2]) + " · 未闭环 " + v[3] + " 处");
    });
    sections.push(section("村居", r[0], r[1]));
    r = collect(x.towns, function (t) { return has(t[1]) || t[0] === q; }, function (t) { return link("towns/" + t[0] + "/index.html", t[1], "· " + t[0]); });
    sections.push(section("街镇", r[0], r[1]));
    r = collect(x.enterprises, function (e) { return has(e[0]) || has(e[1]); }, function (e) { return link("enterprises/" + e[0] + "/index.html", e[1], "· " + e[0]); });
    sections.push(section("液化气企业", r[0], r[1]));
    r = collect(x.types, function (t) { return has(t[0]) || has(t[1]); }, function (t) { return link("types/" + t[0] + "/index.html", t[1], "· " + t[0]); });
    sections.push(section("隐患类别", r[0], r[1]));
    var total = sections.reduce(function (n, s) { return s ? n + s.total : n; }, 0);
    sections = sections.filter(Boolean);
    if (wait) { out.append(el("p", { "class": "note" }, ["正在载入隐患索引…"])); }
    if (!sections.length && !wait) { out.append(el("p", {}, ["没有找到“" + q + "”。"])); }
    sections.forEach(function (s) { out.append(s); });
    if (!wait) { announce(total ? "找到 " + total + " 条结果" : "没有找到“" + q + "”"); }
  }
  /* The results are no live region (up to 250 links a keystroke): a
     status line says how many, once typing pauses. */
  var pending = 0;
  function announce(msg) {
    clearTimeout(pending);
    pending = setTimeout(function () { if (status.textContent !== msg) { status.textContent = msg; } }, 400);
  }
  function setupSearch(f) {
    form = f;
    out = document.getElementById("search-results");
    status = el("p", { id: "search-status", "class": "note", role: "status" });
    out.parentNode.insertBefore(status, out);
    if (params.get("q")) { form.q.value = params.get("q"); }
    form.q.addEventListener("input", run);
    document.documentElement.classList.add("js");
    load("search/index.js");
  }

  /* Sorting: <table data-sort>: a click on a header sorts the body by that
     column (again: the other way); data-value or text, numbers as numbers;
     data-missing last both ways. */
  function setupSort(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells), body = table.tBodies[0];
    heads.forEach(function (th, col) {
      var b = el("button", { type: "button", "class": "sort" }, [th.textContent]);
      th.textContent = "";
      th.append(b);
      b.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") !== "descending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        Array.prototype.slice.call(body.rows).sort(function (x, y) {
          var m = x.cells[col].hasAttribute("data-missing") - y.cells[col].hasAttribute("data-missing");
          if (m) { return m; }
          var a = text(x.cells[col]), c = text(y.cells[col]), r = a - c;
          r = isNaN(r) ? a.localeCompare(c, "zh-CN") : r;
          return down ? -r : r;
        }).forEach(function (r) { body.append(r); });
      });
    });
  }

  function start() {
    var box = document.querySelector(".modes");
    if (box) { setupModes(box); }
    regions = Array.prototype.slice.call(document.querySelectorAll(".scroll[tabindex], .chart-box[tabindex]"));
    fitScrollRegions();
    window.addEventListener("resize", fitScrollRegions);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-filter]"), setupFilter);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sort]"), setupSort);
    var f = document.getElementById("site-search");
    if (f && document.getElementById("search-results")) { setupSearch(f); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
