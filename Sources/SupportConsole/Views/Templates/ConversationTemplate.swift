extension Templates {
    /// Conversation: what the chats API shows and everything the service recorded of one conversation.
    static let conversation = """
        {{<layout}}{{$main}}{{#m}}
        <h1>{{t.conversation}} {{id}}
          {{#active}}<span class="pill ok">{{t.state_active}}</span>{{/active}}
          {{#closed}}<span class="pill">{{t.state_closed}}</span>{{/closed}}
          {{#waiting}}<span class="pill warn">{{t.state_waiting}}</span>{{/waiting}}
          {{#parked}}<span class="pill bad">{{t.state_parked}}</span>{{/parked}}
          {{#openHandOffs}}<span class="pill warn">{{t.state_needs_person}}</span>{{/openHandOffs}}
        </h1>
        {{^known}}<p class="note">{{t.conversation_unknown}}</p>{{/known}}
        <dl class="facts">
          <dt>{{t.merchant}}</dt><dd>{{#merchantPath}}<a href="{{merchantPath}}">{{merchantID}}</a>{{/merchantPath}}{{^merchantPath}}—{{/merchantPath}}</dd>
          <dt>{{t.subject}}</dt><dd><bdi>{{subject}}</bdi></dd>
          {{#latest}}
          <dt>{{t.resolver}}</dt><dd><code>{{resolver}}</code> ({{language}})</dd>
          <dt>{{t.route}}</dt><dd class="route">{{route}}</dd>
          <dt>{{t.facts_used}}</dt><dd><pre class="facts-used">{{facts}}</pre></dd>
          {{/latest}}
        </dl>

        <section id="messages"><h2>{{t.messages}}</h2>{{>messages}}</section>

        {{#failure}}
        <section id="failures" class="card"><h2>{{t.failures}}</h2>
          <dl class="facts">
            <dt>{{t.failed_attempts}}</dt><dd>{{attempts}}</dd>
            {{#failingKey}}<dt>{{t.failing_message}}</dt><dd><code>{{failingKey}}</code></dd>{{/failingKey}}
            {{#lastError}}<dt>{{t.last_error}}</dt><dd class="detail">{{lastError}}</dd>{{/lastError}}
            {{#parkedAt}}<dt>{{t.parked_at}}</dt><dd>{{parkedAt}}</dd><dt>{{t.parked_reason}}</dt><dd class="detail">{{parkedReason}}</dd>{{/parkedAt}}
          </dl>
          {{#parkedAt}}
          <form method="post" action="/parked/release" class="actions">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <input type="hidden" name="id" value="{{id}}">
            <input type="hidden" name="return" value="{{returnPath}}">
            <button type="submit">{{t.release_parked}}</button>
          </form>
          {{/parkedAt}}
        </section>
        {{/failure}}

        <section id="handoffs"><h2>{{t.handoffs}}</h2>
          {{^handOffs}}<p class="empty">{{t.no_handoffs}}</p>{{/handOffs}}
          {{#hasHandOffs}}<table><thead><tr><th>#</th><th>{{t.message}}</th><th>{{t.reason}}</th><th>{{t.detail}}</th><th>{{t.recorded}}</th><th>{{t.state}}</th></tr></thead><tbody>{{/hasHandOffs}}
          {{#handOffs}}
          <tr id="handoff-{{handOffID}}"><td>{{handOffID}}</td><td><code>{{messageID}}</code></td><td><code>{{reason}}</code> {{reasonText}}</td><td class="detail">{{detail}}</td><td>{{createdAt}}</td>
            <td>{{#resolvedText}}{{resolvedText}}{{/resolvedText}}{{^resolvedText}}
              <form method="post" action="/handoffs/{{handOffID}}/resolve"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{returnPath}}"><button type="submit" class="primary">{{t.mark_resolved}}</button></form>{{/resolvedText}}</td></tr>
          {{/handOffs}}
          {{#hasHandOffs}}</tbody></table>{{/hasHandOffs}}
        </section>

        <section id="ledger"><h2>{{t.ledger}}</h2>
          {{^ledger}}<p class="empty">{{t.no_ledger}}</p>{{/ledger}}
          {{#hasLedger}}<table><thead><tr><th>{{t.message}}</th><th>{{t.status}}</th><th>{{t.resolver}}</th><th>{{t.claimed}}</th><th>{{t.sent}}</th><th>{{t.attempts}}</th><th>{{t.worker_job}}</th><th>{{t.reply}}</th></tr></thead><tbody>{{/hasLedger}}
          {{#ledger}}
          <tr><td><code>{{messageID}}</code></td><td><span class="status {{status}}">{{status}}</span></td><td><code>{{resolver}}</code> {{language}}</td><td>{{claimedAt}}</td><td>{{sentAt}}{{#triedAt}} ({{t.tried}} {{triedAt}}){{/triedAt}}</td><td>{{attempts}}</td><td><code>{{claimedBy}}</code><br><code class="small">{{jobID}}</code></td>
            <td><details><summary>{{t.show_reply}}</summary><div class="text" dir="auto">{{reply}}</div>{{#replyCut}}<div class="cut">{{replyCut}}</div>{{/replyCut}}{{#route}}<p class="route">{{t.route}}: {{route}}</p>{{/route}}{{#facts}}<pre class="facts-used">{{facts}}</pre>{{/facts}}</details></td></tr>
          {{/ledger}}
          {{#hasLedger}}</tbody></table>{{/hasLedger}}
        </section>

        {{#hasStateFacts}}<section id="dispatcher"><h2>{{t.dispatcher_state}}</h2><dl class="facts">{{/hasStateFacts}}
        {{#stateFacts}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/stateFacts}}
        {{#hasStateFacts}}</dl></section>{{/hasStateFacts}}
        {{/m}}{{/main}}{{/layout}}
        """
}
