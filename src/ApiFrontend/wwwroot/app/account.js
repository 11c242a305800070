// The account (profile, responsible play, logging out) and the bet history across games.
import { html, useState, useLoad, useAction, ErrorNote, Pager, when } from "./ui.js";
import { api, query, logout } from "./api.js";
import { useApp, go } from "./context.js";
import { GAMES, gameName, durationName, betLabel, rupees } from "./games.js";

export function AccountScreen() {
  const app = useApp();
  const profile = useLoad(() => api.get("/api/users/profile"), []);
  const user = profile.data ?? app.user;
  const signOut = async () => { await logout(); go("login"); };
  return html`<section>
    <div class="card" data-testid="profile">
      <h2>My account</h2>
      <dl class="facts">
        <dt>Phone</dt><dd>${user.phone_no}</dd>
        <dt>Player id</dt><dd class="mono">${user.user_id}</dd>
        <dt>VIP level</dt><dd data-testid="vip-level"><strong>${user.vip_level}</strong></dd>
        <dt>Member since</dt><dd>${when(user.registered_at)}</dd>
      </dl>
      <p class="muted">Your VIP level follows what you have staked. From level 1 you earn a daily VIP rebate on the previous day's bets.</p>
      ${["admin", "finance", "support"].includes(user.role) ? html`<p><a href="/admin/">Operator console</a></p>` : null}
      <button class="ghost" onClick=${signOut} data-testid="logout">Log out</button>
    </div>
    <${ResponsiblePlay} />
  </section>`;
}

function ResponsiblePlay() {
  const limits = useLoad(() => api.get("/api/wallet/limits"), []);
  const [deposit, setDeposit] = useState("");
  const [loss, setLoss] = useState("");
  const [days, setDays] = useState("7");
  const save = useAction();
  const exclude = useAction();
  const l = limits.data;
  const pending = l?.pending_increase;
  const value = text => (text.trim() === "" ? undefined : text.trim() === "0" ? null : Number(text));

  const submit = async event => {
    event.preventDefault();
    const body = {};
    if (value(deposit) !== undefined) { body.daily_deposit_limit = value(deposit); }
    if (value(loss) !== undefined) { body.daily_loss_limit = value(loss); }
    if (await save.run(() => api.put("/api/wallet/limits", body))) { setDeposit(""); setLoss(""); limits.reload(); }
  };
  const selfExclude = async () => {
    if (!confirm(`Stop all betting and deposits for ${days} days? This cannot be undone early.`)) { return; }
    if (await exclude.run(() => api.post("/api/wallet/self-exclusion", { days: Number(days) }))) { limits.reload(); }
  };
  const shown = amount => (amount === null || amount === undefined ? "no limit" : rupees(amount));
  return html`<div class="card" data-testid="limits">
    <h2>Responsible play</h2>
    <${ErrorNote} error=${limits.error} />
    ${l ? html`<dl class="facts">
      <dt>Daily deposit limit</dt><dd data-testid="deposit-limit">${shown(l.daily_deposit_limit)}</dd>
      <dt>Daily loss limit</dt><dd>${shown(l.daily_loss_limit)}</dd>
      ${l.self_excluded_until ? html`<dt>Self-excluded until</dt><dd>${when(l.self_excluded_until)}</dd>` : null}
    </dl>` : null}
    ${pending ? html`<p class="notice" data-testid="pending-increase">A higher limit
      (${pending.daily_deposit_limit ? `deposits ${shown(pending.daily_deposit_limit.amount)}` : ""}${pending.daily_deposit_limit && pending.daily_loss_limit ? ", " : ""}${pending.daily_loss_limit ? `losses ${shown(pending.daily_loss_limit.amount)}` : ""})
      applies from ${when(pending.effective_at)}: raising a limit waits 24 hours, lowering it applies at once.</p>` : null}
    <form onSubmit=${submit}>
      <label>New daily deposit limit (₹, 0 for none)<input name="deposit-limit" type="number" min="0" step="0.01" value=${deposit} onInput=${e => setDeposit(e.currentTarget.value)} /></label>
      <label>New daily loss limit (₹, 0 for none)<input name="loss-limit" type="number" min="0" step="0.01" value=${loss} onInput=${e => setLoss(e.currentTarget.value)} /></label>
      <${ErrorNote} error=${save.error} />
      <button type="submit" disabled=${save.busy}>Save limits</button>
    </form>
    <h3>Take a break</h3>
    <label>Days<select value=${days} onChange=${e => setDays(e.currentTarget.value)}>
      ${[1, 7, 30, 90, 180, 365].map(d => html`<option value=${d}>${d}</option>`)}
    </select></label>
    <${ErrorNote} error=${exclude.error} />
    <button class="danger" disabled=${exclude.busy} onClick=${selfExclude}>Self-exclude</button>
  </div>`;
}

export function HistoryScreen() {
  const app = useApp();
  const [filters, setFilters] = useState({ game: "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const limit = 20;
  const [game, duration] = filters.game ? filters.game.split("/") : [undefined, undefined];
  const bets = useLoad(() => api.get(`/api/users/${app.user.user_id}/bet-history${query({ game, duration, start_date: filters.from, end_date: filters.to, page, limit })}`),
    [filters, page]);
  const set = (key, value) => { setFilters({ ...filters, [key]: value }); setPage(1); };
  return html`<section class="card" data-testid="bet-history">
    <h2>My bets</h2>
    <div class="filters">
      <label>Game<select value=${filters.game} onChange=${e => set("game", e.currentTarget.value)}>
        <option value="">All games</option>
        ${GAMES.flatMap(g => g.durations.map(d => html`<option value=${`${g.game}/${d}`}>${g.name} ${durationName(d)}</option>`))}
      </select></label>
      <label>From (UTC day)<input type="date" value=${filters.from} onChange=${e => set("from", e.currentTarget.value)} /></label>
      <label>To (UTC day)<input type="date" value=${filters.to} onChange=${e => set("to", e.currentTarget.value)} /></label>
    </div>
    <${ErrorNote} error=${bets.error} />
    ${bets.data?.items.length === 0 ? html`<p class="muted">No bets for these filters.</p>` : null}
    <ul class="ledger">
      ${(bets.data?.items ?? []).map(bet => html`<li>
        <div><strong>${gameName(bet.game)} ${durationName(bet.duration)} · ${betLabel(bet)}</strong>
          <div class="muted">${bet.period_id} · ${when(bet.placed_at)}</div></div>
        <div class="amounts">${rupees(bet.amount)} <span class=${`status ${bet.status}`}>${bet.status}</span>
          <div class="muted">${bet.payout === null || bet.payout === undefined ? "" : `paid ${rupees(bet.payout)}`}</div></div>
      </li>`)}
    </ul>
    ${bets.data ? html`<${Pager} page=${page} limit=${limit} total=${bets.data.total} onPage=${setPage} />` : null}
  </section>`;
}
