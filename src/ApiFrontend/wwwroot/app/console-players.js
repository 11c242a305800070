// Player lookup in the operator console (any staff role; SPEC §4, §7): find a player by phone number, id
// or invite code, read their profile (VIP level, suspension), ledger, bets, team, sessions, the staff
// actions on their account and their payout methods (masked). Admins also suspend and reinstate, change
// roles, fix the VIP level and credit or debit, each with a reason; the API checks every call anyway.
import { html, useState, useRef, useLoad, useAction, ErrorNote, Pager, when } from "./ui.js";
import { api, query } from "./api.js";
import { rupees, gameName, durationName, betLabel } from "./games.js";
import { Transactions, ENTRY_TYPES, describeDestination } from "./wallet.js";
import { StaffActionsTable } from "./console-staff.js";

/** An invite code: 8 characters of the invite alphabet (SPEC §4; no 0, 1, I or O). */
const INVITE_CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/;

/** A player id (fewer than 10 digits), an invite code, or else a phone number as login reads it. */
function findPlayer(text) {
  const code = text.toUpperCase();
  const byCode = () => api.get(`/api/admin/users${query({ invite_code: code })}`);
  const byId = () => api.get(`/api/admin/users/${text}`);
  if (/^\d{1,9}$/.test(text)) {
    return byId().catch(e => { if (e.status === 404 && INVITE_CODE.test(code)) { return byCode(); } throw e; });
  }
  if (INVITE_CODE.test(code)) { return byCode(); }
  return api.get(`/api/admin/users${query({ phone: text })}`).catch(e => {
    if (e.status === 404 && /^\d+$/.test(text)) { return byId(); }
    throw e;
  });
}

export function Players({ selected, role }) {
  const [search, setSearch] = useState(selected ?? "");
  const { busy, error, run } = useAction();
  const find = async event => {
    event?.preventDefault();
    const user = await run(() => findPlayer(search.trim()));
    // A failed search clears the player shown: an action must never land on the previous one.
    location.hash = user ? `#/players/${user.user_id}` : "#/players";
  };
  return html`<section>
    <form class="card inline-form" onSubmit=${find} data-testid="player-search">
      <label>Phone number, player id or invite code<input name="search" required value=${search} onInput=${e => setSearch(e.currentTarget.value)} /></label>
      <button type="submit" disabled=${busy}>Find</button>
    </form>
    <${ErrorNote} error=${error} />
    ${selected ? html`<${Player} key=${selected} userId=${selected} admin=${role === "admin"} />` : null}
  </section>`;
}

const VIEWS = [["ledger", "Ledger"], ["bets", "Bets"], ["team", "Team"], ["sessions", "Sessions"], ["staff-actions", "Staff actions"], ["payout-methods", "Payout methods"]];

function Player({ userId, admin }) {
  const profile = useLoad(() => api.get(`/api/admin/users/${userId}`), [userId]);
  const [view, setView] = useState("ledger");
  const [version, setVersion] = useState(0);
  const p = profile.data;
  // Every action re-reads the profile and whatever tab is open (the ledger after a credit, the trail after a suspension).
  const changed = () => { profile.reload(); setVersion(v => v + 1); };
  const tab = (name, label) => html`<a href="#" class=${view === name ? "active" : ""} data-view=${name} onClick=${e => { e.preventDefault(); setView(name); }}>${label}</a>`;
  if (!p) { return html`<${ErrorNote} error=${profile.error} />`; }
  const s = p.suspension;
  return html`<div>
    <${ErrorNote} error=${profile.error} />
    ${s ? html`<div class="suspended-banner" role="status" data-testid="suspension">
      <strong>Suspended</strong> since ${when(s.suspended_at)} by staff member <a href=${`#/players/${s.suspended_by}`}>${s.suspended_by}</a>
      <div>Reason: <span data-testid="suspension-reason">${s.reason}</span></div></div>` : null}
    <div class="grid">
      <div class="card" data-testid="player-profile">
        <h2>Player ${p.user_id}</h2>
        <dl class="facts">
          <dt>Phone</dt><dd>${p.phone_no}</dd><dt>Role</dt><dd data-testid="player-role">${p.role}</dd>
          <dt>Status</dt><dd data-testid="player-status" class=${s ? "bad" : "ok"}>${s ? "suspended" : "active"}</dd>
          <dt>VIP level</dt><dd data-testid="player-vip"><strong>${p.vip_level}</strong>${p.vip_override === null || p.vip_override === undefined ? " (by turnover)" : " (fixed by staff)"}</dd>
          <dt>By turnover</dt><dd>${p.turnover_vip_level}</dd>
          <dt>Balance</dt><dd data-testid="player-balance"><strong>${rupees(p.balance)}</strong></dd><dt>Held</dt><dd>${rupees(p.held)}</dd>
          <dt>Invite code</dt><dd class="mono" data-testid="player-invite-code">${p.invite_code}</dd><dt>Invited by</dt><dd>${p.inviter_id ? html`<a href=${`#/players/${p.inviter_id}`}>${p.inviter_id}</a>` : "—"}</dd>
          <dt>Registered</dt><dd>${when(p.registered_at)}</dd><dt>Last login</dt><dd>${when(p.last_login_at)}</dd>
        </dl>
      </div>
      ${admin ? html`<div class="card" data-testid="admin-actions">
        <${SuspendOrReinstate} profile=${p} onDone=${changed} />
        <${ChangeRole} profile=${p} onDone=${changed} />
        <${VipOverride} profile=${p} onDone=${changed} />
      </div>
      <${Adjust} userId=${p.user_id} onDone=${changed} />` : null}
    </div>
    <nav class="tabs" data-testid="player-views">${VIEWS.map(([name, label]) => tab(name, label))}</nav>
    <div key=${`${view}-${version}`}>${view === "ledger" ? html`<${Transactions} path=${`/api/admin/users/${p.user_id}/transactions`} types=${ENTRY_TYPES} />`
      : view === "bets" ? html`<${PlayerBets} userId=${p.user_id} />`
      : view === "team" ? html`<${PlayerTeam} userId=${p.user_id} />`
      : view === "sessions" ? html`<${PlayerSessions} userId=${p.user_id} />`
      : view === "staff-actions" ? html`<div class="card"><${StaffActionsTable} filters=${{ user_id: p.user_id }} /></div>`
      : html`<${PlayerPayoutMethods} userId=${p.user_id} />`}</div>
  </div>`;
}

/**
 * A staff action with a required reason (kept in the staff audit trail): `fields` before the reason, `act(reason)`
 * calls the API; with `confirm` the first click asks and a second one acts. The server's words show on a refusal.
 */
function ReasonedAction({ testid, title, fields = null, label, danger = false, confirm = null, act, onDone }) {
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(null);
  const { busy, error, setError, run } = useAction();
  const submit = async event => {
    event.preventDefault();
    setDone(null);
    if (reason.trim() === "") { setError(new Error("Give a reason: it is kept in the staff audit trail.")); return; }
    if (confirm && !confirming) { setError(null); setConfirming(true); return; }
    setConfirming(false);
    const result = await run(() => act(reason.trim()));
    if (result) { setReason(""); setDone(`${title}: done.`); onDone(); }
  };
  return html`<form class="staff-action" onSubmit=${submit} data-testid=${testid}>
    <h3>${title}</h3>
    ${fields}
    <label>Reason<input name="reason" maxlength="500" value=${reason} placeholder="kept in the staff audit trail"
      onInput=${e => { setReason(e.currentTarget.value); setConfirming(false); }} /></label>
    <${ErrorNote} error=${error} />
    ${confirming ? html`<p class="notice" role="status" data-testid="confirm-question">${confirm}</p>` : null}
    ${done ? html`<p class="notice" role="status">${done}</p>` : null}
    <div class="actions">
      <button type="submit" class=${danger ? "danger" : ""} disabled=${busy} data-testid="submit">${confirming ? `Yes, ${label.toLowerCase()}` : label}</button>
      ${confirming ? html`<button type="button" class="ghost" onClick=${() => setConfirming(false)} data-testid="cancel">Cancel</button>` : null}
    </div>
  </form>`;
}

function SuspendOrReinstate({ profile: p, onDone }) {
  const suspended = Boolean(p.suspension);
  const verb = suspended ? "reinstate" : "suspend";
  return html`<${ReasonedAction} key=${verb} testid=${`${verb}-form`} title=${suspended ? "Reinstate" : "Suspend"} label=${suspended ? "Reinstate" : "Suspend"}
    danger=${!suspended} onDone=${onDone}
    confirm=${suspended ? `Reinstate player ${p.user_id}? They can log in, bet and withdraw again.`
      : `Suspend player ${p.user_id}? They are signed out at once and cannot log in, bet, deposit or withdraw; their money stays.`}
    act=${reason => api.post(`/api/admin/users/${p.user_id}/${verb}`, { reason })} />`;
}

function ChangeRole({ profile: p, onDone }) {
  const [role, setRole] = useState(p.role);
  return html`<${ReasonedAction} testid="role-form" title="Role" label="Change role" onDone=${onDone}
    fields=${html`<label>New role<select name="role" value=${role} onChange=${e => setRole(e.currentTarget.value)}>
      ${["player", "support", "finance", "admin"].map(r => html`<option value=${r}>${r}</option>`)}</select></label>`}
    confirm=${role === p.role ? null : `Make player ${p.user_id} ${role === "player" ? "a player" : `${role} staff`}?`}
    act=${reason => api.put(`/api/admin/users/${p.user_id}/role`, { role, reason })} />`;
}

function VipOverride({ profile: p, onDone }) {
  const fixed = p.vip_override === null || p.vip_override === undefined ? "turnover" : String(p.vip_override);
  const [level, setLevel] = useState(fixed);
  return html`<${ReasonedAction} testid="vip-form" title="VIP level" label="Set VIP level" onDone=${onDone}
    fields=${html`<label>Level<select name="vip" value=${level} onChange=${e => setLevel(e.currentTarget.value)}>
      <option value="turnover">Follow turnover (now ${p.turnover_vip_level})</option>
      ${Array.from({ length: 11 }, (_, n) => html`<option value=${String(n)}>${n}</option>`)}</select></label>`}
    act=${reason => api.put(`/api/admin/users/${p.user_id}/vip`, level === "turnover" ? { follow_turnover: true, reason } : { level: Number(level), reason })} />`;
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
  return html`<div class="card" data-testid="player-bets"><${ErrorNote} error=${bets.error} />
    <table><thead><tr><th>Placed</th><th>Game</th><th>Period</th><th>Bet</th><th>Stake</th><th>Status</th><th>Payout</th></tr></thead>
      <tbody>${(bets.data?.items ?? []).map(b => html`<tr><td>${when(b.placed_at)}</td><td>${gameName(b.game)} ${durationName(b.duration)}</td>
        <td class="mono">${b.period_id}</td><td>${betLabel(b)}</td><td>${rupees(b.amount)}</td><td>${b.status}</td><td>${b.payout === null || b.payout === undefined ? "—" : rupees(b.payout)}</td></tr>`)}</tbody></table>
    ${bets.data ? html`<${Pager} page=${page} limit=${20} total=${bets.data.total} onPage=${setPage} />` : null}</div>`;
}

function PlayerTeam({ userId }) {
  const team = useLoad(() => api.get(`/api/users/${userId}/team-summary`), [userId]);
  return html`<div class="card" data-testid="player-team"><${ErrorNote} error=${team.error} />
    <table><thead><tr><th>Level</th><th>Members</th><th>Active</th><th>Team balance</th><th>Recharge</th><th>Withdrawn</th></tr></thead>
      <tbody>${(team.data?.levels ?? []).map(l => html`<tr><td>${l.level}</td><td>${l.members}</td><td>${l.active_members}</td>
        <td>${rupees(l.team_balance)}</td><td>${rupees(l.total_recharge)}</td><td>${rupees(l.total_withdrawal)}</td></tr>`)}</tbody></table></div>`;
}

function PlayerSessions({ userId }) {
  const sessions = useLoad(() => api.get(`/api/admin/users/${userId}/sessions`), [userId]);
  const items = sessions.data ?? [];
  return html`<div class="card" data-testid="player-sessions"><${ErrorNote} error=${sessions.error} />
    ${sessions.data && items.length === 0 ? html`<p class="muted">No signed-in sessions.</p>` : null}
    <table><thead><tr><th>Session</th><th>Started</th><th>Ends by</th></tr></thead>
      <tbody>${items.map(s => html`<tr><td class="mono">${s.session_id}</td><td>${when(s.started_at)}</td><td>${when(s.ends_by)}</td></tr>`)}</tbody></table></div>`;
}

function PlayerPayoutMethods({ userId }) {
  const methods = useLoad(() => api.get(`/api/admin/users/${userId}/payout-methods`), [userId]);
  const items = methods.data?.items ?? [];
  return html`<div class="card" data-testid="player-payout-methods"><${ErrorNote} error=${methods.error} />
    ${methods.data && items.length === 0 ? html`<p class="muted">No payout method saved.</p>` : null}
    <table><thead><tr><th>Method (masked)</th><th>Added</th><th>Changed</th><th>Usable from</th></tr></thead>
      <tbody>${items.map(m => html`<tr data-method=${m.method_id}><td>${describeDestination(m.destination)}</td><td>${when(m.added_at)}</td>
        <td>${when(m.changed_at)}</td><td>${when(m.usable_from)}</td></tr>`)}</tbody></table></div>`;
}
