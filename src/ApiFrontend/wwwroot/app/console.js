// The operator console at /admin/ for the operator's staff (admin, finance, support; SPEC §4). Every call is
// checked by the API by the caller's role now; the page only leaves out what the role cannot do: the
// withdrawal queue (finance, admin), player lookup (all staff; its actions admins only, in
// console-players.js), the daily reports (finance, admin; console-reports.js), the staff audit trail
// and announcements (all staff; publishing admins only; console-staff.js), the audit (finance, admin)
// and the cluster's health (admins).
import { html, render, useState, useEffect, useLoad, useAction, ErrorNote, Pager, when, useHashRoute } from "./ui.js";
import { api, query, session, login, logout } from "./api.js";
import { rupees } from "./games.js";
import { ENTRY_TYPES, describeDestination } from "./wallet.js";
import { Players } from "./console-players.js";
import { StaffActionsPage, AnnouncementsPage } from "./console-staff.js";
import { ReportsPage } from "./console-reports.js";

const STAFF = ["admin", "finance", "support"];
const FINANCE = ["admin", "finance"];

/** The console's pages: route, label, the roles that see it. */
const PAGES = [
  ["withdrawals", "Withdrawals", FINANCE],
  ["players", "Players", STAFF],
  ["reports", "Reports", FINANCE],
  ["staff-actions", "Staff actions", STAFF],
  ["announcements", "Announcements", STAFF],
  ["health", "Health", FINANCE],
];

function Console() {
  const [current, setCurrent] = useState(session.get());
  useEffect(() => session.subscribe(setCurrent), []);
  if (!current) { return html`<${ConsoleLogin} />`; }
  return html`<${SignedIn} key=${current.user?.user_id} current=${current} />`;
}

function SignedIn({ current }) {
  // The role as it is now, not as it was at login: a demoted staff member sees what they may do now.
  const profile = useLoad(() => api.get("/api/users/profile"), []);
  const role = profile.data?.role ?? current.user?.role;
  const route = useHashRoute();
  if (!STAFF.includes(role)) {
    return html`<main><section class="card narrow"><h1>Operators only</h1>
      <p>This console is for the operator's staff. You are signed in as a player.</p>
      <p><a href="/">Back to the games</a></p>
      <button class="ghost" onClick=${() => logout()}>Log out</button></section></main>`;
  }
  const pages = PAGES.filter(([, , roles]) => roles.includes(role));
  const screen = pages.some(([path]) => path === route[0]) ? route[0] : pages[0][0];
  const rest = route.slice(1);
  const page = () => {
    switch (screen) {
      case "withdrawals": return html`<${Withdrawals} />`;
      case "players": return html`<${Players} selected=${rest[0]} role=${role} />`;
      case "reports": return html`<${ReportsPage} />`;
      case "staff-actions": return html`<${StaffActionsPage} />`;
      case "announcements": return html`<${AnnouncementsPage} role=${role} />`;
      default: return html`<${Health} role=${role} />`;
    }
  };
  return html`
    <header class="top"><span class="brand">Operator console</span>
      <span>${current.user.phone_no} <span class="role-badge" data-testid="staff-role">${role}</span>
        <button class="ghost small on-dark" onClick=${() => logout()}>Log out</button></span></header>
    <main>
      <nav class="tabs" data-testid="console-tabs">${pages.map(([path, label]) =>
        html`<a href=${`#/${path}`} class=${screen === path ? "active" : ""} data-page=${path}>${label}</a>`)}</nav>
      ${page()}
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
      <select value=${status} onChange=${e => { setStatus(e.currentTarget.value); setPage(1); }} class="fit">
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

function Health({ role }) {
  return html`<div class="grid"><${Audit} />${role === "admin" ? html`<${Cluster} />` : null}</div>`;
}

function Audit() {
  const audit = useLoad(() => api.get("/api/admin/audit"), []);
  const a = audit.data;
  return html`<section class="card" data-testid="audit">
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
    </section>`;
}

function Cluster() {
  const cluster = useLoad(() => api.get("/api/admin/cluster"), []);
  const c = cluster.data;
  return html`<section class="card" data-testid="cluster">
      <div class="row"><h2>Cluster</h2><button class="ghost small" onClick=${cluster.reload}>Refresh</button></div>
      <${ErrorNote} error=${cluster.error} />
      ${c ? html`<p><strong data-testid="active-silos">${c.active_silos}</strong> active silo${c.active_silos === 1 ? "" : "s"}</p>
        <table><thead><tr><th>Silo</th><th>Status</th><th>Started</th></tr></thead>
          <tbody>${(c.silos ?? []).map(s => html`<tr><td>${s.name ?? s.address}<div class="muted mono">${s.address}</div></td>
            <td class=${s.status === "active" ? "ok" : "bad"}>${s.status}</td><td>${when(s.started_at)}</td></tr>`)}</tbody></table>
        ${c.dashboard_url ? html`<p><a href=${c.dashboard_url} target="_blank" rel="noopener">Orleans Dashboard</a> <span class="muted">(admins only in Production)</span></p>` : null}` : null}
    </section>`;
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${Console} />`, root);
