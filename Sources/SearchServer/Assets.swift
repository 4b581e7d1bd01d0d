/// The page's script and style, compiled in: no file path from a request reaches the file system.
enum Assets {
    static let style = """
        *{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
        header{padding:.6rem 1rem;background:#fff;border-bottom:1px solid #e3e3e3;display:flex;gap:1rem;align-items:baseline}
        .brand{font-weight:700;color:#b3261e;text-decoration:none}main{max-width:50rem;margin:0 auto;padding:1rem}
        .box{display:flex;gap:.5rem}#q{flex:1;min-width:0;font-size:1.1rem;padding:.55rem .7rem;border:1px solid #bbb;border-radius:6px}
        button{font-size:1rem;padding:.5rem 1rem;border:0;border-radius:6px;background:#b3261e;color:#fff}
        details{margin:.5rem 0}.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.4rem .8rem;padding:.4rem 0}
        .filters input:not([type=checkbox]){width:100%;padding:.3rem .4rem;border:1px solid #ccc;border-radius:4px}
        .count,.hint,.exports{color:#555;font-size:.92rem;margin:.4rem 0}.error{color:#b3261e}
        .hits{padding-left:1.4rem}.hits li{margin:0 0 1.1rem}.title{font-size:1.08rem;font-weight:600;color:#1a0dab;text-decoration:none}
        .title:hover{text-decoration:underline}.meta{color:#666;font-size:.85rem}.snippet{margin:.2rem 0}
        mark{background:#ffe066;color:inherit;padding:0 .08em;border-radius:2px}.pages{display:flex;gap:1.5rem;margin:1rem 0}
        article p{margin:.7rem 0}.num{color:#999;font-size:.8rem;margin-right:.3rem}.focus{background:#fff7d6;outline:4px solid #fff7d6}
        h1{font-size:1.4rem;line-height:1.3}
        @media (max-width:480px){main{padding:.6rem}.title{font-size:1rem}}
        """

    /// Results as you type: the form is read as it stands, sent to `/api/search` 250 ms after the
    /// last key, and the answer drawn with the DOM's text nodes (never innerHTML of archive text).
    /// Without JavaScript the form submits and the server draws the same list.
    static let script = #"""
        "use strict";
        (function () {
          const form = document.getElementById("search");
          const results = document.getElementById("results");
          if (!form || !results) return;
          let timer = null, latest = 0;
          const fmt = (n) => n.toLocaleString("vi-VN");
          function params() {
            const p = new URLSearchParams();
            for (const [k, v] of new FormData(form)) if (String(v).trim() !== "") p.append(k, v);
            return p;
          }
          function el(tag, attrs, ...children) {
            const e = document.createElement(tag);
            for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
            for (const c of children) e.append(c);
            return e;
          }
          // Highlights are Unicode scalar offsets into text: split by code points, not UTF-16 units.
          function marked(text, highlights) {
            const cps = Array.from(text);
            let first = highlights.length ? highlights[0][0] : 0;
            let start = Math.max(0, first - 60), end = Math.min(cps.length, start + 260);
            while (start > 0 && cps[start - 1] !== " ") start--;
            const frag = document.createDocumentFragment();
            if (start > 0) frag.append("…");
            // Marks with only spaces between are one, as the CLI and exports show a phrase.
            const joined = [];
            for (const [s, e] of highlights) {
              const last = joined[joined.length - 1];
              if (last && last[1] < s && /^[ \t\u00A0]+$/.test(cps.slice(last[1], s).join(""))) last[1] = e;
              else joined.push([s, e]);
            }
            let at = start;
            for (const [s, e] of joined) {
              if (s < at || e > end) continue;
              frag.append(cps.slice(at, s).join(""), el("mark", {}, cps.slice(s, e).join("")));
              at = e;
            }
            frag.append(cps.slice(at, end).join(""));
            if (end < cps.length) frag.append("…");
            return frag;
          }
          function draw(p, data) {
            results.replaceChildren();
            // A filter value no article has (Page.notice says it alike).
            for (const u of data.unmet || []) {
              const known = u.known.length ? " (chỉ mục có: " + u.known.join(", ") + ")" : "";
              results.append(el("p", { class: "hint unmet" },
                u.filter === "outlet" ? "Không có bài nào của báo “" + u.value + "”" + known
                : u.filter === "category" ? "Không có bài nào thuộc chuyên mục “" + u.value + "”" + known
                : "Không bài nào có ngày, nên lọc theo ngày không giữ bài nào"));
            }
            const count = el("p", { class: "count" });
            const about = (lowerBound) => lowerBound ? "ít nhất " : "";
            if (data.exactTotal !== null && data.anyToneTotal !== null && data.exactTotal !== data.anyToneTotal) {
              count.append(about(data.exactTotalIsLowerBound) + fmt(data.exactTotal) + " kết quả đúng dấu cho ", el("b", {}, data.query),
                " (" + about(data.anyToneTotalIsLowerBound) + fmt(data.anyToneTotal) + " kể cả dấu khác)");
            } else {
              count.append(about(data.totalIsLowerBound) + fmt(data.total) + " kết quả cho ", el("b", {}, data.query));
            }
            count.append(" · " + data.milliseconds.toFixed(1) + " ms");
            results.append(count);
            if (data.reading && /[^\x00-\x7f]/.test(data.reading) && !p.get("any")) {
              const q = new URLSearchParams({ q: data.reading, strict: "1" });
              results.append(el("p", { class: "hint" }, "Thường viết là ", el("a", { href: "/?" + q }, data.reading)));
            }
            if (data.results.length) {
              const ex = el("p", { class: "exports" }, "Tải về: ");
              ["csv", "html", "markdown", "jsonl"].forEach((f, i) => {
                const q = new URLSearchParams(p); q.delete("offset"); q.delete("limit"); q.set("format", f);
                if (i) ex.append(" · ");
                ex.append(el("a", { href: "/api/export?" + q, download: "" }, f.toUpperCase()));
              });
              results.append(ex);
            }
            const offset = Number(p.get("offset") || 0);
            const list = el("ol", { class: "hits", start: String(offset + 1) });
            for (const r of data.results) {
              const a = r.article;
              const q = new URLSearchParams({ id: a.id, p: String(r.paragraph), q: data.query });
              if (p.get("strict")) q.set("strict", "1");
              if (p.get("any")) q.set("any", "1");
              const title = a.title.length > 120 ? a.title.slice(0, 120) + "…" : a.title;
              const meta = [a.outlet, a.date, a.category, r.paragraph === 0 ? "tiêu đề" : "đoạn " + r.paragraph].filter((x) => x);
              list.append(el("li", {}, el("a", { class: "title", href: "/article?" + q + "#p" + r.paragraph }, title),
                el("div", { class: "meta" }, meta.join(" · ")), el("p", { class: "snippet" }, marked(r.text, r.highlights))));
            }
            results.append(list);
            const pages = el("nav", { class: "pages" });
            const limit = Number(p.get("limit") || 10);
            if (offset > 0) { const q = new URLSearchParams(p); q.set("offset", String(Math.max(0, offset - limit))); pages.append(el("a", { rel: "prev", href: "/?" + q }, "← Trước")); }
            if (offset + data.results.length < data.total) { const q = new URLSearchParams(p); q.set("offset", String(offset + limit)); pages.append(el("a", { rel: "next", href: "/?" + q }, "Sau →")); }
            if (pages.childElementCount) results.append(pages);
          }
          async function run() {
            const p = params();
            if (!p.get("q")) { results.replaceChildren(); history.replaceState(null, "", "/"); return; }
            const ticket = ++latest;
            const response = await fetch("/api/search?" + p);
            const data = await response.json();
            if (ticket !== latest) return;  // a newer search has started
            history.replaceState(null, "", "/?" + p);
            if (!response.ok) { results.replaceChildren(el("p", { class: "error" }, data.error || "Lỗi")); return; }
            draw(p, data);
          }
          function later() { clearTimeout(timer); timer = setTimeout(run, 250); }
          form.addEventListener("input", later);
          form.addEventListener("change", later);
          form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
        })();
        """#
}
