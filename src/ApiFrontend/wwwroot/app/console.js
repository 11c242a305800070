// The operator console at /admin/ (admins only; every call is checked by the API, the page only hides
// what a non-admin could not do anyway): the withdrawal queue, player lookup with credit and debit,
// and the audit and cluster health at a glance.
import { html, render, useState, useEffect, useRef, useLoad, useAction, ErrorNote, Pager, when, useHashRoute } from "./ui.js";
import { api, query, session, login, logout } from "./api.js";
import { rupees, gameName, durationName, betLabel } from "./games.js";
import { Transactions, ENTRY_TYPES, describeDestination } from "./wallet.js";

function Console() {
  const [current, setCurrent] = useState(session.get());
  useEffect(() => session.subscribe(setCurrent), []);
  const [screen = "withdrawals", ...rest] = useHashRoute();

  if (!current) { return html`<${ConsoleLogin} />`; }
  if (current.user?.role !== "admin") {
    return html`<main><section class="card narrow"><h1>Operators only</h1>
      <p>This console is for the operator's staff. You are signed in as a player.</p>
      <p><a href="/">Back to the games</a></p>
      <button class="ghost" onClick=${() => logout()}>Log out</button></section></main>`;
  }
  const tab = (path, label) => html`<a href=${`#/${path}`} class=${screen === path ? "active" : ""}>${label}</a>`;
  return html`
    <header class="top"><span class="brand">Operator console</span>
      <span>${current.user.phone_no} <button class="ghost small" style="color:#fff" onClick=${() => logout()}>Log out</button></span></header>
    <main>
      <nav class="tabs">${tab("withdrawals", "Withdrawals")}${tab("players", "Players")}${tab("health", "Health")}</nav>
      ${screen === "players" ? html`<${Players} selected=${rest[0]} />` : screen === "health" ? html`<${Health} />` : html`<${Withdrawals} />`}
    </main>`;
}

function ConsoleLogin() {
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  const submit = async event => {
    event.preventDefault();
    await run(() => login(phone, password).catch(e => { if (e.status === 401) { e.message = "Wrong phone number or password."; } throw e; }));
  };
  return html`<main><section class="card narrow"><h1>Operator console</h1>
    <form onSubmit=${submit} data-testid="console-login">
      <label>Phone number<input name="phone" type="tel" required value=${phone} onInput=${e => setPhone(e.currentTarget.value)} /></label>
      <label>Password<input name="password" type="password" required value=${password} onInput=${e => setPassword(e.currentTarget.value)} /></label>
      <${ErrorNote} error=${error} />
      <button type="submit" disabled=${busy}>Log in</button>
    </form></section></main>`;
}

const age = since => {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 60_000));
  return minutes < 60 ? `${minutes} min` : minutes < 2880 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
};

function Withdrawals() {
  const [status, setStatus] = useState("pending");
  const [page, setPage] = useState(1);
  const limit = 25;
  const list = useLoad(() => api.get(`/api/admin/withdrawals${query({ status, page, limit })}`), [status, page]);
  return html`<section class="card" data-testid="withdrawals">
    <div class="row"><h2>Withdrawals</h2>
      <select value=${status} onChange=${e => { setStatus(e.currentTarget.value); setPage(1); }} style="width:auto">
        ${["pending", "paid", "rejected", "all"].map(s => html`<option value=${s}>${s}</option>`)}
      </select></div>
    <${ErrorNote} error=${list.error} />
    ${list.data?.items.length === 0 ? html`<p class="muted">No ${status === "all" ? "" : status} withdrawals.</p>` : null}
    <table>
      <thead><tr><th>Requested</th><th>Player</th><th>Amount</th><th>Pay to</th><th>Status</th><th>Reason</th><th></th></tr></thead>
      <tbody>${(list.data?.items ?? []).map(w => html`<${WithdrawalRow} key=${w.withdrawal_id} withdrawal=${w} onDecided=${list.reload} />`)}</tbody>
    </table>
    ${list.data ? html`<${Pager} page=${page} limit=${limit} total=${list.data.total} onPage=${setPage} />` : null}
  </section>`;
}

function WithdrawalRow({ withdrawal: w, onDecided }) {
  const [reason, setReason] = useState("");
  const { busy, error, setError, run } = useAction();
  const decide = async approve => {
    if (!approve && reason.trim() === "") { setError(new Error("Give the player a reason for the rejection.")); return; }
    const body = reason.trim() ? { reason: reason.trim() } : undefined;
    if (await run(() => api.post(`/api/admin/withdrawals/${encodeURIComponent(w.withdrawal_id)}/${approve ? "approve" : "reject"}`, body))) { onDecided(); }
  };
  return html`<tr data-withdrawal=${w.withdrawal_id}>
    <td title=${when(w.requested_at)}>${age(w.requested_at)} ago</td>
    <td><a href=${`#/players/${w.user_id}`}>${w.user_id}</a></td>
    <td><strong>${rupees(w.amount)}</strong></td>
    <td data-testid="destination">${describeDestination(w.destination)}</td>
    <td>${w.status}${w.decided_at ? html`<div class="muted">${when(w.decided_at)} by ${w.decided_by}</div>` : null}</td>
    <td>${w.status === "pending"
      ? html`<input placeholder="reason" value=${reason} onInput=${e => setReason(e.currentTarget.value)} maxlength="500" data-testid="reason" />`
      : (w.reason ?? "")}</td>
    <td>${w.status === "pending" ? html`<div class="actions">
      <button class="small" disabled=${busy} onClick=${() => decide(true)} data-testid="approve">Approve</button>
      <button class="small danger" disabled=${busy} onClick=${() => decide(false)} data-testid="reject">Reject</button>
    </div>` : null}<${ErrorNote} error=${error} /></td>
  </tr>`;
}

function Players({ selected }) {
  const [search, setSearch] = useState(selected ?? "");
  const { busy, error, run } = useAction();
  const find = async event => {
    event?.preventDefault();
    const text = search.trim();
    const user = await run(() => (/^\d{1,15}$/.test(text) && text.length < 10
      ? api.get(`/api/admin/users/${text}`)
      : api.get(`/api/admin/users${query({ phone: text })}`).catch(e => {
        if (e.status === 404 && /^\d+$/.test(text)) { return api.get(`/api/admin/users/${text}`); }
        throw e;
      })));
    // A failed search clears the player shown: a credit must never land on the previous one.
    location.hash = user ? `#/players/${user.user_id}` : "#/players";
  };
  return html`<section>
    <form class="card inline-form" onSubmit=${find} data-testid="player-search">
      <label>Phone number or player id<input name="search" required value=${search} onInput=${e => setSearch(e.currentTarget.value)} /></label>
      <button type="submit" disabled=${busy}>Find</button>
    </form>
    <${ErrorNote} error=${error} />
    ${selected ? html`<${Player} key=${selected} userId=${selected} />` : null}
  </section>`;
}

function Player({ userId }) {
  const profile = useLoad(() => api.get(`/api/admin/users/${userId}`), [userId]);
  const [view, setView] = useState("ledger");
  const [version, setVersion] = useState(0);
  const p = profile.data;
  const tab = (name, label) => html`<a href="#" class=${view === name ? "active" : ""} onClick=${e => { e.preventDefault(); setView(name); }}>${label}</a>`;
  return html`<div>
    <${ErrorNote} error=${profile.error} />
    ${p ? html`<div class="grid">
      <div class="card" data-testid="player-profile">
        <h2>Player ${p.user_id}</h2>
        <dl class="facts">
          <dt>Phone</dt><dd>${p.phone_no}</dd><dt>Role</dt><dd>${p.role}</dd><dt>VIP</dt><dd>${p.vip_level}</dd>
          <dt>Balance</dt><dd data-testid="player-balance"><strong>${rupees(p.balance)}</strong></dd><dt>Held</dt><dd>${rupees(p.held)}</dd>
          <dt>Invite code</dt><dd class="mono">${p.invite_code}</dd><dt>Invited by</dt><dd>${p.inviter_id ? html`<a href=${`#/players/${p.inviter_id}`}>${p.inviter_id}</a>` : "—"}</dd>
          <dt>Registered</dt><dd>${when(p.registered_at)}</dd><dt>Last login</dt><dd>${when(p.last_login_at)}</dd>
        </dl>
      </div>
      <${Adjust} userId=${p.user_id} onDone=${() => { profile.reload(); setVersion(v => v + 1); }} />
    </div>
    <nav class="tabs">${tab("ledger", "Ledger")}${tab("bets", "Bets")}${tab("team", "Team")}</nav>
    ${view === "ledger" ? html`<${Transactions} key=${version} path=${`/api/admin/users/${p.user_id}/transactions`} types=${ENTRY_TYPES} />`
      : view === "bets" ? html`<${PlayerBets} userId=${p.user_id} />`
      : html`<${PlayerTeam} userId=${p.user_id} />`}` : null}
  </div>`;
}

function Adjust({ userId, onDone }) {
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  // One Idempotency-Key per intent: a click retried after a lost answer is the same adjustment; a new amount or reason is a new one.
  const intent = useRef(crypto.randomUUID());
  const edit = setter => event => { intent.current = crypto.randomUUID(); setter(event.currentTarget.value); };
  const [done, setDone] = useState(null);
  const adjust = async credit => {
    const entry = await run(() => api.money(`/api/admin/users/${userId}/${credit ? "credit" : "debit"}`, { amount: Number(amount), reason }, `${intent.current}-${credit ? "c" : "d"}`));
    if (entry) {
      intent.current = crypto.randomUUID();
      setDone(`${credit ? "Credited" : "Debited"} ${rupees(Math.abs(entry.amount))}; balance ${rupees(entry.balance_after)}.`);
      setAmount("");
      setReason("");
      onDone();
    }
  };
  return html`<div class="card" data-testid="adjust">
    <h2>Credit or debit</h2>
    <label>Amount (₹)<input type="number" min="0.01" step="0.01" value=${amount} onInput=${edit(setAmount)} /></label>
    <label>Reason (kept in the ledger)<input value=${reason} maxlength="200" onInput=${edit(setReason)} /></label>
    <${ErrorNote} error=${error} />
    ${done ? html`<p class="notice" role="status">${done}</p>` : null}
    <div class="actions"><button disabled=${busy} onClick=${() => adjust(true)}>Credit</button><button class="danger" disabled=${busy} onClick=${() => adjust(false)}>Debit</button></div>
  </div>`;
}

function PlayerBets({ userId }) {
  const [page, setPage] = useState(1);
  const bets = useLoad(() => api.get(`/api/users/${userId}/bet-history${query({ page, limit: 20 })}`), [userId, page]);
  return html`<div class="card"><${ErrorNote} error=${bets.error} />
    <table><thead><tr><th>Placed</th><th>Game</th><th>Period</th><th>Bet</th><th>Stake</th><th>Status</th><th>Payout</th></tr></thead>
      <tbody>${(bets.data?.items ?? []).map(b => html`<tr><td>${when(b.placed_at)}</td><td>${gameName(b.game)} ${durationName(b.duration)}</td>
        <td class="mono">${b.period_id}</td><td>${betLabel(b)}</td><td>${rupees(b.amount)}</td><td>${b.status}</td><td>${b.payout === null || b.payout === undefined ? "—" : rupees(b.payout)}</td></tr>`)}</tbody></table>
    ${bets.data ? html`<${Pager} page=${page} limit=${20} total=${bets.data.total} onPage=${setPage} />` : null}</div>`;
}

function PlayerTeam({ userId }) {
  const team = useLoad(() => api.get(`/api/users/${userId}/team-summary`), [userId]);
  return html`<div class="card"><${ErrorNote} error=${team.error} />
    <table><thead><tr><th>Level</th><th>Members</th><th>Active</th><th>Team balance</th><th>Recharge</th><th>Withdrawn</th></tr></thead>
      <tbody>${(team.data?.levels ?? []).map(l => html`<tr><td>${l.level}</td><td>${l.members}</td><td>${l.active_members}</td>
        <td>${rupees(l.team_balance)}</td><td>${rupees(l.total_recharge)}</td><td>${rupees(l.total_withdrawal)}</td></tr>`)}</tbody></table></div>`;
}

function Health() {
  const audit = useLoad(() => api.get("/api/admin/audit"), []);
  const cluster = useLoad(() => api.get("/api/admin/cluster"), []);
  const a = audit.data;
  const c = cluster.data;
  return html`<div class="grid">
    <section class="card" data-testid="audit">
      <div class="row"><h2>Ledger audit</h2><button class="ghost small" onClick=${audit.reload}>Run again</button></div>
      <${ErrorNote} error=${audit.error} />
      ${a ? html`<p class=${a.conserved ? "ok" : "bad"} data-testid="conserved">${a.conserved ? "Conserved: every paisa is accounted for." : "NOT conserved: see the violations below."}</p>
        <dl class="facts">
          <dt>Accounts</dt><dd>${a.accounts}</dd><dt>Ledger entries</dt><dd>${a.entries}</dd>
          <dt>Balances</dt><dd>${rupees(a.total_balances)}</dd><dt>Held</dt><dd>${rupees(a.total_held)}</dd>
          <dt>Expected</dt><dd>${rupees(a.expected_total)}</dd><dt>Checked</dt><dd>${when(a.checked_at)}</dd>
        </dl>
        <table><tbody>${Object.entries(a.totals_by_type ?? {}).map(([type, total]) => html`<tr><td>${ENTRY_TYPES[type] ?? type}</td><td>${rupees(total)}</td></tr>`)}</tbody></table>
        ${(a.violations ?? []).map(v => html`<p class="bad">${v}</p>`)}` : null}
    </section>
    <section class="card" data-testid="cluster">
      <div class="row"><h2>Cluster</h2><button class="ghost small" onClick=${cluster.reload}>Refresh</button></div>
      <${ErrorNote} error=${cluster.error} />
      ${c ? html`<p><strong data-testid="active-silos">${c.active_silos}</strong> active silo${c.active_silos === 1 ? "" : "s"}</p>
        <table><thead><tr><th>Silo</th><th>Status</th><th>Started</th></tr></thead>
          <tbody>${(c.silos ?? []).map(s => html`<tr><td>${s.name ?? s.address}<div class="muted mono">${s.address}</div></td>
            <td class=${s.status === "active" ? "ok" : "bad"}>${s.status}</td><td>${when(s.started_at)}</td></tr>`)}</tbody></table>
        ${c.dashboard_url ? html`<p><a href=${c.dashboard_url} target="_blank" rel="noopener">Orleans Dashboard</a> <span class="muted">(admins only in Production)</span></p>` : null}` : null}
    </section>
  </div>`;
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${Console} />`, root);
