// The team (invite link and code, six levels, commission history) and daily attendance.
import { html, useState, useLoad, useAction, ErrorNote } from "./ui.js";
import { api } from "./api.js";
import { useApp } from "./context.js";
import { rupees } from "./games.js";
import { Transactions } from "./wallet.js";

export function TeamScreen() {
  const app = useApp();
  const user = app.user;
  const summary = useLoad(() => api.get(`/api/users/${user.user_id}/team-summary`), [user.user_id]);
  const [copied, setCopied] = useState(false);
  const link = `${location.origin}/?invite=${encodeURIComponent(user.invite_code)}`;
  const copy = async () => {
    await navigator.clipboard?.writeText(link).catch(() => {});
    setCopied(true);
  };
  return html`<section>
    <${Attendance} />
    <div class="card" data-testid="invite">
      <h2>Invite friends</h2>
      <p>Your invite code <strong class="mono" data-testid="invite-code">${user.invite_code}</strong></p>
      <input readonly value=${link} data-testid="invite-link" onFocus=${e => e.currentTarget.select()} />
      <button class="ghost" onClick=${copy}>${copied ? "Copied" : "Copy link"}</button>
      <p class="muted">Everyone who signs up through your link joins your team, and their friends join it too, six levels deep.</p>
    </div>
    <div class="card" data-testid="team-summary">
      <h2>My team</h2>
      <${ErrorNote} error=${summary.error} />
      <table>
        <thead><tr><th>Level</th><th>Members</th><th>Active</th><th>Recharge</th><th>Withdrawn</th></tr></thead>
        <tbody>${(summary.data?.levels ?? []).map(level => html`<tr>
          <td>${level.level}</td><td>${level.members}</td><td>${level.active_members}</td>
          <td>${rupees(level.total_recharge)}</td><td>${rupees(level.total_withdrawal)}</td>
        </tr>`)}</tbody>
      </table>
    </div>
    <div>
      <h2>Commission history</h2>
      <${Transactions} path="/api/wallet/transactions" fixedType="referral_commission" />
    </div>
  </section>`;
}

function Attendance() {
  const app = useApp();
  const status = useLoad(() => api.get("/api/attendance"), []);
  const { busy, error, run } = useAction();
  const claim = async () => {
    const claimed = await run(() => api.money("/api/attendance/claim"));
    if (claimed) { status.reload(); app.refreshBalance(); }
  };
  const s = status.data;
  return html`<div class="card" data-testid="attendance">
    <h2>Daily attendance</h2>
    <${ErrorNote} error=${status.error} />
    ${s ? html`
      <ol class="calendar">
        ${[1, 2, 3, 4, 5, 6, 7].map(day => html`<li class=${day <= s.streak ? "done" : day === s.next_day && !s.claimed_today ? "next" : ""}>
          <span>Day ${day}</span>${day <= s.streak ? html`<span aria-label="claimed">✓</span>` : null}
        </li>`)}
      </ol>
      <p>Streak: <strong data-testid="streak">${s.streak}</strong> day${s.streak === 1 ? "" : "s"}.
        ${s.claimed_today ? " Today's bonus is claimed; come back tomorrow."
          : ` Day ${s.next_day} pays ${rupees(s.next_bonus)} once your total recharge reaches ${rupees(s.next_threshold)} (it is ${rupees(s.total_recharge)}).`}</p>
      <${ErrorNote} error=${error} />
      <button disabled=${busy || s.claimed_today} onClick=${claim} data-testid="claim">${s.claimed_today ? "Claimed today" : busy ? "Claiming…" : "Claim today's bonus"}</button>
    ` : null}
  </div>`;
}
