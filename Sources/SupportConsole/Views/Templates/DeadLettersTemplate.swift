extension Templates {
    /// Dead letters: inspect, replay (one or all) and purge. Not refreshed by itself: every look is a
    /// peek at the queue, which a quorum queue counts as a delivery.
    static let deadLetters = """
        {{<layout}}{{$main}}{{#m}}
        <h1>{{t.dead_letters_title}} <span class="count" id="dead-letter-count">{{count}}</span></h1>
        <p class="hint">{{t.dead_letters_hint}}</p>
        {{#error}}<p class="error">{{error}}</p>{{/error}}
        {{^letters}}<p class="empty">{{t.dead_letters_none}}</p>{{/letters}}
        {{#hasLetters}}
        <div class="actions">
          <form method="post" action="/dead-letters/replay"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="all" value="1"><button type="submit" class="primary" data-confirm="{{t.confirm_replay_all}}">{{t.replay_all}}</button></form>
          <form method="post" action="/dead-letters/purge"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="confirm" value="yes"><button type="submit" class="danger" data-confirm="{{t.confirm_purge}}">{{t.purge_all}}</button></form>
        </div>
        <table id="dead-letters"><thead><tr><th>{{t.dead_letter_id}}</th><th>{{t.conversation}}</th><th>{{t.reason}}</th><th>{{t.attempts}}</th><th>{{t.inspect}}</th><th></th></tr></thead><tbody>
        {{#letters}}<tr data-conversation="{{conversationID}}"><td><code>{{id}}</code></td><td>{{#path}}<a href="{{path}}">{{conversationID}}</a>{{/path}}{{^path}}—{{/path}}</td><td class="detail">{{reason}}</td><td>{{attempts}}</td>
          <td><details><summary>{{t.inspect}}</summary><pre class="body">{{body}}</pre></details></td>
          <td><form method="post" action="/dead-letters/replay"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="primary">{{t.replay}}</button></form></td></tr>{{/letters}}
        </tbody></table>
        {{/hasLetters}}
        {{/m}}{{/main}}{{/layout}}
        """

    /// Search: the conversation asked for and a merchant's conversations.
    static let search = """
        {{<layout}}{{$main}}{{#m}}
        <h1>{{t.search_title}} <q>{{query}}</q></h1>
        {{#invalid}}<p class="error">{{t.search_invalid}}</p>{{/invalid}}
        {{#conversationPath}}<p><a href="{{conversationPath}}">{{t.open_conversation}} {{query}}</a></p>{{/conversationPath}}
        {{#hasMerchant}}
        <h2>{{t.merchant_conversations}} {{query}} <span class="count">{{total}}</span></h2>
        <table><thead><tr><th>{{t.conversation}}</th><th>{{t.subject}}</th><th>{{t.state}}</th><th>{{t.last_seen}}</th><th>{{t.last_reply}}</th><th>{{t.open_handoffs}}</th></tr></thead><tbody>
        {{#conversations}}<tr><td><a href="{{path}}">{{conversationID}}</a></td><td><bdi>{{subject}}</bdi></td><td>{{state}}</td><td>{{lastSeen}}</td><td>{{lastReply}}</td><td>{{openHandOffs}}</td></tr>{{/conversations}}
        </tbody></table>
        {{>pager}}
        {{/hasMerchant}}
        {{#nothing}}<p class="empty">{{t.search_nothing}}</p>{{/nothing}}
        {{/m}}{{/main}}{{/layout}}
        """
}
