extension Templates {
    /// Overview: how the robot is doing, its queues and processes, and what it parked.
    static let overview = """
        {{<layout}}{{$main}}{{#m}}
        <h1>{{t.overview_title}}</h1>
        <div class="tiles">
          {{#tiles}}<div class="tile {{tone}}" id="tile-{{key}}"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/tiles}}
        </div>

        <section id="activity" class="card"><h2>{{t.replies_per_minute}}</h2>
          <table class="activity"><thead><tr><th>{{t.resolver}}</th><th>{{t.last_15_min}}</th><th>{{t.per_minute}}</th><th>{{t.minute_by_minute}}</th></tr></thead><tbody>
          {{#activity}}<tr><td><code>{{name}}</code></td><td>{{total}}</td><td>{{perMinute}}</td><td><span class="bars">{{#bars}}<span class="bar {{height}}" title="{{title}}"></span>{{/bars}}</span></td></tr>{{/activity}}
          {{^activity}}<tr><td colspan="4" class="empty">{{t.no_replies_recently}}</td></tr>{{/activity}}
          </tbody></table>
        </section>

        <div class="columns">
        <section id="latency" class="card"><h2>{{t.latency}}</h2>
          {{#latency}}<dl class="facts"><dt>{{t.latency_count}}</dt><dd>{{count}}</dd><dt>{{t.latency_mean}}</dt><dd>{{mean}}</dd><dt>p50</dt><dd>{{p50}}</dd><dt>p95</dt><dd>{{p95}}</dd></dl><p class="hint">{{t.latency_hint}}</p>{{/latency}}
          {{^latency}}<p class="note">{{t.latency_none}}</p>{{/latency}}
        </section>
        <section id="queues" class="card"><h2>{{t.queues}}</h2>
          <table><thead><tr><th>{{t.queue}}</th><th>{{t.messages_ready}}</th><th>{{t.consumers}}</th></tr></thead><tbody>
          {{#queues}}<tr><td><code>{{name}}</code></td>{{#error}}<td colspan="2" class="bad">{{error}}</td>{{/error}}{{^error}}<td>{{messages}}</td><td>{{consumers}}</td>{{/error}}</tr>{{/queues}}
          </tbody></table>
          {{#queuesError}}<p class="error">{{queuesError}}</p>{{/queuesError}}
        </section>
        </div>

        <section id="processes" class="card"><h2>{{t.processes}}</h2>
          {{^processes}}<p class="note">{{t.processes_none}}</p>{{/processes}}
          {{#hasProcesses}}<table><thead><tr><th>{{t.process}}</th><th>{{t.kind}}</th><th>{{t.live}}</th><th>{{t.ready}}</th><th>{{t.in_flight}}</th><th>{{t.replies_sent}}</th><th>{{t.upstream_errors}}</th><th>{{t.breakers}}</th></tr></thead><tbody>{{/hasProcesses}}
          {{#processes}}<tr><td><code>{{target}}</code></td><td>{{kind}}</td><td><span class="pill {{liveTone}}">{{live}}</span></td><td><span class="pill {{readyTone}}">{{ready}}</span>{{#readyDetail}}<div class="small">{{readyDetail}}</div>{{/readyDetail}}</td><td>{{inFlight}}</td><td>{{replies}}</td><td>{{errors}}</td><td>{{#breakers}}<span class="pill {{tone}}">{{api}}: {{state}}</span> {{/breakers}}{{^breakers}}—{{/breakers}}</td></tr>{{/processes}}
          {{#hasProcesses}}</tbody></table>{{/hasProcesses}}
        </section>

        <section id="parked" class="card"><h2>{{t.parked_title}} <span class="count">{{parkedCount}}</span></h2>
          <p class="hint">{{t.parked_hint}}</p>
          {{^parked}}<p class="empty">{{t.parked_none}}</p>{{/parked}}
          {{#hasParked}}<table><thead><tr><th>{{t.conversation}}</th><th>{{t.parked_at}}</th><th>{{t.failed_attempts}}</th><th>{{t.parked_reason}}</th><th></th></tr></thead><tbody>{{/hasParked}}
          {{#parked}}<tr><td><a href="{{path}}">{{conversationID}}</a></td><td>{{parkedAt}}</td><td>{{attempts}}</td><td class="detail">{{reason}}</td>
            <td><form method="post" action="/parked/release"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{conversationID}}"><input type="hidden" name="return" value="/overview"><button type="submit">{{t.release_parked}}</button></form></td></tr>{{/parked}}
          {{#hasParked}}</tbody></table>{{/hasParked}}
          <p><a href="/dead-letters">{{t.dead_letters_link}}</a></p>
        </section>

        <section id="recent" class="card"><h2>{{t.recent_replies}}</h2>
          {{^recent}}<p class="empty">{{t.no_replies_recently}}</p>{{/recent}}
          {{#hasRecent}}<table><thead><tr><th>{{t.conversation}}</th><th>{{t.resolver}}</th><th>{{t.language}}</th><th>{{t.sent}}</th><th>{{t.route}}</th></tr></thead><tbody>{{/hasRecent}}
          {{#recent}}<tr><td><a href="{{path}}">{{conversationID}}</a></td><td><code>{{resolver}}</code></td><td>{{language}}</td><td>{{sentAt}}</td><td class="route">{{route}}</td></tr>{{/recent}}
          {{#hasRecent}}</tbody></table>{{/hasRecent}}
        </section>
        {{/m}}{{/main}}{{/layout}}
        """
}
