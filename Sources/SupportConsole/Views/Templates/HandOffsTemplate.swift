extension Templates {
    /// Needs a person: the open hand-offs, oldest first, a page at a time.
    static let handOffs = """
        {{<layout}}{{$main}}{{#m}}
        <h1>{{t.handoffs_title}} <span class="count" id="handoff-total">{{total}}</span></h1>
        <p class="hint">{{t.handoffs_hint}}</p>
        {{^items}}<p class="empty">{{t.handoffs_none}}</p>{{/items}}
        {{#items}}
        <article class="handoff card" id="handoff-{{id}}" data-conversation="{{conversationID}}">
          <header>
            <h2><a href="{{conversationPath}}">{{t.conversation}} {{conversationID}}</a></h2>
            <span class="age" title="{{createdAt}}">{{t.waiting_for}} {{age}}</span>
          </header>
          <dl class="facts">
            <dt>{{t.merchant}}</dt><dd>{{#merchantPath}}<a href="{{merchantPath}}">{{merchantID}}</a>{{/merchantPath}}{{^merchantPath}}—{{/merchantPath}}</dd>
            <dt>{{t.subject}}</dt><dd><bdi>{{subject}}</bdi></dd>
            <dt>{{t.reason}}</dt><dd><code>{{reason}}</code> {{reasonText}}</dd>
            {{#detail}}<dt>{{t.detail}}</dt><dd class="detail" dir="auto">{{detail}}</dd>{{/detail}}
            <dt>{{t.message}}</dt><dd><code>{{messageID}}</code></dd>
          </dl>
          <div class="columns">
            <section><h3>{{t.client_messages}}</h3>{{>messages}}</section>
            <section><h3>{{t.reply_sent}}</h3>
              {{#reply}}<div class="message reply"><div class="meta"><span class="tag">{{replyStatus}}</span></div><div class="text" dir="auto">{{reply}}</div>{{#replyCut}}<div class="cut">{{replyCut}}</div>{{/replyCut}}</div>{{/reply}}
              {{^reply}}<p class="note">{{t.no_reply_recorded}}</p>{{/reply}}
            </section>
          </div>
          <form method="post" action="/handoffs/{{id}}/resolve" class="actions">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="return" value="{{returnPath}}">
            <button type="submit" class="primary" name="resolve" value="{{id}}">{{t.mark_resolved}}</button>
          </form>
        </article>
        {{/items}}
        {{>pager}}
        {{/m}}{{/main}}{{/layout}}
        """
}
