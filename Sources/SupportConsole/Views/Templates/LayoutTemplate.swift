extension Templates {
    /// Every page but the bare error page: header, navigation, search, sign-out, `{{$main}}` block.
    /// Pages fill `main` through Mustache inheritance (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`).
    static let layout = """
        <!doctype html>
        <html lang="{{chrome.lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="same-origin">
        <title>{{chrome.title}} · {{t.app_name}}</title>
        <link rel="stylesheet" href="/static/console.css">
        <script src="/static/console.js" defer></script>
        </head>
        <body>
        <header class="top">
          <a class="brand" href="/">{{t.app_name}}</a>
          {{#chrome.signedIn}}
          <nav aria-label="{{t.nav_label}}">
            <a href="/"{{#chrome.onHandOffs}} aria-current="page"{{/chrome.onHandOffs}}>{{t.nav_needs_person}} <span class="badge" id="open-count">{{chrome.openHandOffs}}</span></a>
            <a href="/overview"{{#chrome.onOverview}} aria-current="page"{{/chrome.onOverview}}>{{t.nav_overview}}</a>
            <a href="/dead-letters"{{#chrome.onDeadLetters}} aria-current="page"{{/chrome.onDeadLetters}}>{{t.nav_dead_letters}}</a>
          </nav>
          <form class="search" method="get" action="/search" role="search">
            <input type="search" name="q" value="{{chrome.query}}" maxlength="64" placeholder="{{t.search_placeholder}}" aria-label="{{t.search_placeholder}}">
            <button type="submit">{{t.search_button}}</button>
          </form>
          <form class="signout" method="post" action="/logout">
            <input type="hidden" name="csrf" value="{{chrome.csrf}}">
            <span class="who" title="{{t.signed_in_as}}">{{chrome.user}}</span>
            <button type="submit">{{t.sign_out}}</button>
          </form>
          {{/chrome.signedIn}}
        </header>
        {{#chrome.flash}}<p class="flash" role="status">{{chrome.flash}}</p>{{/chrome.flash}}
        <main id="main"{{#chrome.refresh}} data-refresh="{{chrome.refresh}}"{{/chrome.refresh}}>
        {{$main}}{{/main}}
        </main>
        <footer>{{chrome.footer}}</footer>
        </body>
        </html>
        """

    /// A list of chat messages (`messages`, each with `id`, `time`, `kind`, `mark`, `text`, `cut`) and a
    /// note when the chats API did not answer (`messagesNote`).
    static let messages = """
        {{#messagesNote}}<p class="note">{{messagesNote}}</p>{{/messagesNote}}
        {{#messages}}
        <div class="message {{kind}}">
          <div class="meta"><span class="id">{{id}}</span> · <time>{{time}}</time>{{#mark}} <span class="tag">{{mark}}</span>{{/mark}}</div>
          <div class="text" dir="auto">{{text}}</div>
          {{#cut}}<div class="cut">{{cut}}</div>{{/cut}}
        </div>
        {{/messages}}
        """

    /// Previous / next links of a listing (`pager`: `number`, `count`, `previous`, `next`).
    static let pager = """
        {{#pager}}{{#several}}
        <nav class="pager" aria-label="{{t.pages}}">
          {{#previous}}<a rel="prev" href="{{previous}}">← {{t.previous}}</a>{{/previous}}
          <span>{{t.page}} {{number}} / {{count}}</span>
          {{#next}}<a rel="next" href="{{next}}">{{t.next}} →</a>{{/next}}
        </nav>
        {{/several}}{{/pager}}
        """
}
