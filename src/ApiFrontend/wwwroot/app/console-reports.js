// The daily business report in the operator console (finance, admin; SPEC §7 "Reports"): per UTC day the
// ledger's totals and each game-duration's bets, over a chosen range (default the last 7 days), and the
// same report as CSV, fetched with the session's token and saved as a file.
import { html, useState, useLoad, useAction, ErrorNote } from "./ui.js";
import { api, query, download } from "./api.js";
import { rupees, gameName, durationName } from "./games.js";

const utcDay = date => date.toISOString().slice(0, 10);

/** The day totals shown, in order: [field, heading, is money]. */
const DAY_COLUMNS = [
  ["active_players", "Active players", false], ["bets", "Bets", false], ["stakes", "Stakes", true], ["payouts", "Payouts", true],
  ["refunds", "Refunds", true], ["ggr", "GGR", true], ["deposits", "Deposits", true], ["withdrawals_paid", "Withdrawals paid", true],
  ["bonuses", "Bonuses", true], ["commissions", "Commissions", true], ["rebates", "Rebates", true],
  ["admin_credits", "Staff credits", true], ["admin_debits", "Staff debits", true],
];

const GAME_COLUMNS = [
  ["active_players", "Active players", false], ["bets", "Bets", false], ["stakes", "Stakes", true], ["payouts", "Payouts", true],
  ["refunds", "Refunds", true], ["ggr", "GGR", true],
];

const cell = (row, [field, , money]) => html`<td data-field=${field} class="num">${money ? rupees(row[field]) : row[field]}</td>`;

export function ReportsPage() {
  const today = new Date();
  const [range, setRange] = useState({ from: utcDay(new Date(today.getTime() - 6 * 86_400_000)), to: utcDay(today) });
  const [draft, setDraft] = useState(range);
  const report = useLoad(() => api.get(`/api/admin/reports/daily${query(range)}`), [range]);
  const csv = useAction();
  const saveCsv = () => csv.run(async () => {
    const { blob, filename } = await download(`/api/admin/reports/daily${query(range)}`, "text/csv", `daily-report-${range.from}-${range.to}.csv`);
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement("a"), { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  const days = report.data?.days ?? [];
  // Newest day first, as staff read it.
  const shown = [...days].reverse();
  return html`<section>
    <form class="card inline-form" data-testid="report-range" onSubmit=${e => { e.preventDefault(); setRange(draft); }}>
      <label>From (UTC day)<input name="from" type="date" required value=${draft.from} onInput=${e => setDraft({ ...draft, from: e.currentTarget.value })} /></label>
      <label>To (UTC day)<input name="to" type="date" required value=${draft.to} onInput=${e => setDraft({ ...draft, to: e.currentTarget.value })} /></label>
      <button type="submit" disabled=${report.loading}>Show</button>
      <button type="button" class="ghost" disabled=${csv.busy} onClick=${saveCsv} data-testid="download-csv">Download CSV</button>
    </form>
    <${ErrorNote} error=${report.error ?? csv.error} />
    <div class="card wide" data-testid="report-days">
      <h2>Day totals <span class="muted">${report.data ? `${report.data.from} to ${report.data.to}` : ""}</span></h2>
      <p class="muted">From the ledger; GGR is stakes − payouts − refunds, what the house kept.</p>
      <table><thead><tr><th>Day (UTC)</th>${DAY_COLUMNS.map(([, heading]) => html`<th class="num">${heading}</th>`)}</tr></thead>
        <tbody>${shown.map(day => html`<tr data-date=${day.date}><td class="mono">${day.date}</td>${DAY_COLUMNS.map(column => cell(day, column))}</tr>`)}</tbody></table>
    </div>
    <div class="card wide" data-testid="report-games">
      <h2>By game</h2>
      ${report.data && shown.every(day => day.games.length === 0) ? html`<p class="muted">No bets in these days.</p>` : null}
      <table><thead><tr><th>Day (UTC)</th><th>Game</th>${GAME_COLUMNS.map(([, heading]) => html`<th class="num">${heading}</th>`)}</tr></thead>
        <tbody>${shown.flatMap(day => day.games.map(g => html`<tr data-date=${day.date} data-game=${`${g.game}/${g.duration}`}>
          <td class="mono">${day.date}</td><td>${gameName(g.game)} ${durationName(g.duration)}</td>${GAME_COLUMNS.map(column => cell(g, column))}</tr>`))}</tbody></table>
    </div>
  </section>`;
}
