/// The console's stylesheet and script, served by the process itself (no CDN, no build step).
enum Assets {
    /// `/static/console.js`: refreshes `<main data-refresh="N">` every N seconds with the same page
    /// fetched again (while the tab is visible and nothing in it has the focus or is unfolded), and
    /// asks before submitting a form whose button has `data-confirm`. No inline script: the pages'
    /// Content-Security-Policy allows only this file.
    static let script = #"""
        "use strict";
        (function () {
          function busy(main) {
            var active = document.activeElement;
            if (active && active !== document.body && main.contains(active)) return true;
            return main.querySelector("details[open]") !== null;
          }
          function refresh(main) {
            if (document.hidden || busy(main)) return;
            fetch(window.location.href, { credentials: "same-origin", headers: { "X-Console-Refresh": "1" } })
              .then(function (response) {
                if (response.redirected || !response.ok) { window.location.reload(); return null; }
                return response.text();
              })
              .then(function (html) {
                if (html === null || busy(main)) return;
                var page = new DOMParser().parseFromString(html, "text/html");
                var fresh = page.getElementById("main");
                if (!fresh) return;
                main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes).map(function (node) {
                  return document.importNode(node, true);
                }));
                var badge = document.getElementById("open-count"), freshBadge = page.getElementById("open-count");
                if (badge && freshBadge) badge.textContent = freshBadge.textContent;
              })
              .catch(function () { /* the next tick tries again */ });
          }
          document.addEventListener("DOMContentLoaded", function () {
            var main = document.getElementById("main");
            var seconds = main ? parseInt(main.getAttribute("data-refresh") || "0", 10) : 0;
            if (seconds > 0) window.setInterval(function () { refresh(main); }, seconds * 1000);
          });
          document.addEventListener("submit", function (event) {
            var button = event.submitter || event.target.querySelector("[data-confirm]");
            var question = button && button.getAttribute("data-confirm");
            if (question && !window.confirm(question)) event.preventDefault();
          });
        })();
        """#

    /// `/static/console.css`.
    static let stylesheet = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --bg: #f5f7fa; --card: #fff;
          --accent: #1f5fbf; --ok: #1b7a3d; --warn: #9a6200; --bad: #b42318; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: 0.6rem 1.2rem;
          background: #14213d; color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        .brand { font-weight: 700; margin-right: 1rem; }
        nav { display: flex; gap: 1rem; }
        nav a[aria-current="page"] { border-bottom: 2px solid #fff; }
        .badge { background: #e85d04; border-radius: 999px; padding: 0 0.5rem; font-size: 0.85em; }
        form.search { margin-left: auto; display: flex; gap: 0.3rem; }
        form.search input { width: 17rem; }
        form.signout { display: flex; gap: 0.5rem; align-items: center; }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        footer { text-align: center; color: var(--muted); font-size: 0.85em; padding: 1rem; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; } h3 { font-size: 1rem; margin: 0.4rem 0; }
        .count { background: var(--line); border-radius: 999px; padding: 0 0.6rem; font-size: 0.8em; }
        .card, article.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
          padding: 0.8rem 1rem; margin: 0 0 1rem; }
        article.handoff header { display: flex; justify-content: space-between; align-items: baseline; }
        article.handoff h2 { margin: 0; }
        .age { color: var(--warn); font-weight: 600; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.5rem 0; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; min-width: 0; }
        .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
        @media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
        .message { border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.6rem; margin: 0.4rem 0;
          background: #fbfcfe; }
        .message.reply, .message.echo { background: #eef5ff; }
        .message .meta { color: var(--muted); font-size: 0.8em; }
        .text, .detail, .route, bdi, pre { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
        .text { max-height: 16em; overflow: auto; }
        .cut, .note { color: var(--muted); font-style: italic; font-size: 0.9em; }
        .tag, .pill { display: inline-block; border-radius: 999px; padding: 0 0.5rem; font-size: 0.8em;
          background: var(--line); color: var(--ink); }
        .pill.ok { background: #d3f0dc; color: var(--ok); } .pill.warn { background: #fdecc8; color: var(--warn); }
        .pill.bad { background: #fbd5d0; color: var(--bad); }
        .status.sent { color: var(--ok); } .status.uncertain, .status.claimed { color: var(--warn); }
        .status.handed_off { color: var(--bad); }
        table { width: 100%; border-collapse: collapse; background: var(--card); }
        th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; }
        td { overflow-wrap: anywhere; }
        td code { overflow-wrap: normal; word-break: keep-all; }
        .small { font-size: 0.8em; color: var(--muted); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0.8rem; margin-bottom: 1rem; }
        .tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.8rem; }
        .tile .value { font-size: 1.6rem; font-weight: 700; } .tile .label { color: var(--muted); font-size: 0.85em; }
        .tile.warn .value { color: var(--warn); } .tile.bad .value { color: var(--bad); } .tile.ok .value { color: var(--ok); }
        .bars { display: inline-flex; align-items: flex-end; gap: 2px; height: 2rem; }
        .bar { display: inline-block; width: 8px; background: var(--accent); border-radius: 2px 2px 0 0; }
        .h0 { height: 1px; background: var(--line); } .h1 { height: 10%; } .h2 { height: 20%; } .h3 { height: 30%; }
        .h4 { height: 40%; } .h5 { height: 50%; } .h6 { height: 60%; } .h7 { height: 70%; } .h8 { height: 80%; }
        .h9 { height: 90%; } .h10 { height: 100%; }
        button { font: inherit; padding: 0.25rem 0.8rem; border-radius: 6px; border: 1px solid var(--line);
          background: #fff; cursor: pointer; white-space: nowrap; }
        button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
        button.danger { background: var(--bad); color: #fff; border-color: var(--bad); }
        .actions { display: flex; gap: 0.6rem; margin: 0.6rem 0; }
        .flash { max-width: 1200px; margin: 0.8rem auto 0; padding: 0.5rem 1rem; background: #d3f0dc; border-radius: 6px; }
        .error { color: var(--bad); } .empty, .hint { color: var(--muted); }
        .login { max-width: 420px; margin: 3rem auto; }
        .login form { display: grid; gap: 0.6rem; } .login label { display: grid; gap: 0.2rem; }
        input { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid var(--line); border-radius: 6px; }
        .pager { display: flex; gap: 1rem; justify-content: center; margin: 1rem 0; }
        pre.body, pre.facts-used { max-height: 20em; overflow: auto; background: #f0f2f6; padding: 0.4rem; margin: 0.3rem 0; }
        """
}
