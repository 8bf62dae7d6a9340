extension Templates {
    /// The sign-in page: name and password, and/or the shared token, each form with the pre-session
    /// CSRF token (`m.csrf`, also in the `console_login` cookie).
    static let login = """
        {{<layout}}{{$main}}{{#m}}
        <section class="login">
          <h1>{{t.login_title}}</h1>
          {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
          {{#passwords}}
          <form method="post" action="/login" class="card" id="login-password">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="next" value="{{next}}">
            <label>{{t.login_user}} <input name="user" autocomplete="username" required maxlength="64" value="{{user}}"></label>
            <label>{{t.login_password}} <input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
            <button type="submit" class="primary">{{t.login_button}}</button>
          </form>
          {{/passwords}}
          {{#token}}
          <form method="post" action="/login" class="card" id="login-token">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="next" value="{{next}}">
            <label>{{t.login_token}} <input name="token" type="password" autocomplete="off" required maxlength="1024"></label>
            <label>{{t.login_token_name}} <input name="name" maxlength="64" placeholder="{{t.login_token_name_hint}}"></label>
            <button type="submit" class="primary">{{t.login_button}}</button>
          </form>
          {{/token}}
        </section>
        {{/m}}{{/main}}{{/layout}}
        """

    /// A page that only says what went wrong (`m.heading`, `m.message`).
    static let error = """
        {{<layout}}{{$main}}{{#m}}
        <section class="problem">
          <h1>{{heading}}</h1>
          <p>{{message}}</p>
          <p><a href="/">{{t.back_home}}</a></p>
        </section>
        {{/m}}{{/main}}{{/layout}}
        """
}
