// The staff audit trail and the announcements in the operator console (SPEC §4, §7): any staff role reads
// both; only admins publish an announcement, one Idempotency-Key per intent so a retried click publishes once.
import { html, useState, useRef, useLoad, useAction, ErrorNote, Pager, when } from "./ui.js";
import { api, query } from "./api.js";

/** The staff action kinds (their wire names, SPEC §7) in the staff's words. */
export const STAFF_ACTION_KINDS = {
  withdrawal_approved: "Withdrawal approved",
  withdrawal_rejected: "Withdrawal rejected",
  credit: "Credit",
  debit: "Debit",
  suspend: "Suspension",
  reinstate: "Reinstatement",
  role_change: "Role change",
  vip_override: "VIP override",
  announcement: "Announcement",
};

export function StaffActionsPage() {
  const empty = { staff_id: "", user_id: "", action: "" };
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const field = name => e => setDraft({ ...draft, [name]: e.currentTarget.value.trim() });
  return html`<section>
    <form class="card inline-form" data-testid="staff-action-filters" onSubmit=${e => { e.preventDefault(); setFilters(draft); }}>
      <label>Staff id<input name="staff_id" type="number" min="1" value=${draft.staff_id} onInput=${field("staff_id")} /></label>
      <label>Player id<input name="user_id" type="number" min="1" value=${draft.user_id} onInput=${field("user_id")} /></label>
      <label>Action<select name="action" value=${draft.action} onChange=${field("action")}>
        <option value="">All actions</option>
        ${Object.entries(STAFF_ACTION_KINDS).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select></label>
      <button type="submit">Filter</button>
    </form>
    <div class="card"><h2>Staff actions</h2><${StaffActionsTable} key=${JSON.stringify(filters)} filters=${filters} /></div>
  </section>`;
}

/** The staff audit trail, newest first, by `filters` ({staff_id, user_id, action}, any of them), 25 a page. */
export function StaffActionsTable({ filters }) {
  const [page, setPage] = useState(1);
  const limit = 25;
  const trail = useLoad(() => api.get(`/api/admin/staff-actions${query({ ...filters, page, limit })}`), [page]);
  const items = trail.data?.items ?? [];
  return html`<div data-testid="staff-actions">
    <${ErrorNote} error=${trail.error} />
    ${trail.data && items.length === 0 ? html`<p class="muted">No staff actions.</p>` : null}
    <table><thead><tr><th>When</th><th>Staff</th><th>Action</th><th>Player</th><th>What</th><th>Reason</th></tr></thead>
      <tbody>${items.map(a => html`<tr data-action=${a.action}>
        <td>${when(a.at)}</td>
        <td>${a.staff_id ? html`<a href=${`#/players/${a.staff_id}`}>${a.staff_id}</a>` : "—"}</td>
        <td>${STAFF_ACTION_KINDS[a.action] ?? a.action}</td>
        <td>${a.user_id ? html`<a href=${`#/players/${a.user_id}`}>${a.user_id}</a>` : "—"}</td>
        <td class="mono">${a.subject}</td>
        <td data-testid="action-reason">${a.reason ?? ""}</td></tr>`)}</tbody></table>
    ${trail.data ? html`<${Pager} page=${page} limit=${limit} total=${trail.data.total} onPage=${setPage} />` : null}
  </div>`;
}

/** Whether an announcement is shown now, yet to start, or over (by this device's clock; the server decides). */
const phase = (a, now = Date.now()) => (Date.parse(a.starts_at) > now ? "scheduled" : Date.parse(a.ends_at) <= now ? "ended" : "current");

export function AnnouncementsPage({ role }) {
  const list = useLoad(() => api.get("/api/admin/announcements"), []);
  const items = list.data ?? [];
  return html`<section class="grid">
    <div class="card" data-testid="announcements">
      <div class="row"><h2>Announcements</h2><button class="ghost small" onClick=${list.reload}>Refresh</button></div>
      <${ErrorNote} error=${list.error} />
      ${list.data && items.length === 0 ? html`<p class="muted">No announcements in the last 30 days.</p>` : null}
      <ul class="ledger">${items.map(a => {
        const shown = phase(a);
        return html`<li data-announcement=${a.announcement_id} data-phase=${shown}>
          <div><strong>${a.title}</strong> <span class=${`status ${shown}`}>${shown}</span>
            <div class="pre-line">${a.text}</div>
            <div class="muted">${when(a.starts_at)} – ${when(a.ends_at)} · ${a.min_vip_level > 0 ? `VIP ${a.min_vip_level} and up` : "everyone"} · by ${a.published_by}</div></div>
        </li>`;
      })}</ul>
    </div>
    ${role === "admin" ? html`<${Publish} onPublished=${list.reload} />` : null}
  </section>`;
}

/** A datetime-local value (this device's time zone) a day from now. */
const localInput = date => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function Publish({ onPublished }) {
  const [form, setForm] = useState({ title: "", text: "", starts: "", ends: localInput(new Date(Date.now() + 86_400_000)), vip: "0" });
  const [done, setDone] = useState(null);
  const { busy, error, run } = useAction();
  // One Idempotency-Key per intent: the server names the announcement by it, so a retried click publishes once; an edit is a new intent.
  const intent = useRef(crypto.randomUUID());
  const edit = name => e => { intent.current = crypto.randomUUID(); setForm({ ...form, [name]: e.currentTarget.value }); };
  const submit = async event => {
    event.preventDefault();
    setDone(null);
    const body = { title: form.title, text: form.text, ends_at: form.ends ? new Date(form.ends).toISOString() : null, min_vip_level: Number(form.vip) };
    if (form.starts) { body.starts_at = new Date(form.starts).toISOString(); }
    const published = await run(() => api.post("/api/admin/announcements", body, { idempotencyKey: intent.current }));
    if (published) {
      intent.current = crypto.randomUUID();
      setDone(`Published “${published.title}”.`);
      setForm({ ...form, title: "", text: "", starts: "" });
      onPublished();
    }
  };
  return html`<form class="card" onSubmit=${submit} data-testid="publish-form">
    <h2>Publish an announcement</h2>
    <label>Title<input name="title" required maxlength="120" value=${form.title} onInput=${edit("title")} /></label>
    <label>Text<textarea name="text" required maxlength="2000" rows="4" value=${form.text} onInput=${edit("text")}></textarea></label>
    <label>Starts <span class="muted">(your time; empty: now)</span><input name="starts" type="datetime-local" value=${form.starts} onInput=${edit("starts")} /></label>
    <label>Ends <span class="muted">(your time)</span><input name="ends" type="datetime-local" required value=${form.ends} onInput=${edit("ends")} /></label>
    <label>Audience<select name="audience" value=${form.vip} onChange=${edit("vip")}>
      <option value="0">Everyone</option>
      ${Array.from({ length: 10 }, (_, i) => html`<option value=${String(i + 1)}>VIP ${i + 1} and up</option>`)}
    </select></label>
    <${ErrorNote} error=${error} />
    ${done ? html`<p class="notice" role="status" data-testid="published">${done}</p>` : null}
    <button type="submit" disabled=${busy}>${busy ? "Publishing…" : "Publish"}</button>
  </form>`;
}
