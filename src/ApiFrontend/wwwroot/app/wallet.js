// The wallet: balance and held funds, deposit through a gateway, withdraw, and the ledger's
// transactions with paging and a type filter.
import { html, useState, useEffect, useRef, useLoad, useAction, ErrorNote, Pager, when } from "./ui.js";
import { api, query } from "./api.js";
import { useApp } from "./context.js";
import { rupees } from "./games.js";

/** Ledger entry types (their wire names) in a player's words. */
export const ENTRY_TYPES = {
  deposit: "Deposit",
  withdrawal_hold: "Withdrawal requested",
  withdrawal_release: "Withdrawal returned",
  withdrawal_paid: "Withdrawal paid",
  bet_stake: "Bet",
  bet_payout: "Winnings",
  bet_refund: "Bet refunded",
  admin_credit: "Credit from support",
  admin_debit: "Debit by support",
  attendance_bonus: "Attendance bonus",
  referral_commission: "Team commission",
};

export function WalletScreen({ tab = "overview" }) {
  const app = useApp();
  useEffect(() => { app.refreshBalance(); }, []);
  const link = (name, label) => html`<a role="tab" class=${tab === name ? "active" : ""} href=${`#/wallet/${name}`}>${label}</a>`;
  return html`<section>
    <div class="card balance-card" data-testid="wallet-balance">
      <div><div class="muted">Available</div><div class="big-number">${rupees(app.balance?.balance)}</div></div>
      <div><div class="muted">Held for withdrawals</div><div>${rupees(app.balance?.held)}</div></div>
    </div>
    <div class="duration-tabs" role="tablist">
      ${link("overview", "Transactions")}${link("deposit", "Deposit")}${link("withdraw", "Withdraw")}
    </div>
    ${tab === "deposit" ? html`<${Deposit} />` : tab === "withdraw" ? html`<${Withdraw} />` : html`<${Transactions} path="/api/wallet/transactions" />`}
  </section>`;
}

function Deposit() {
  const app = useApp();
  const gateways = useLoad(() => api.get("/api/wallet/gateways"), []);
  const [amount, setAmount] = useState("500");
  const [gateway, setGateway] = useState("");
  const [outcome, setOutcome] = useState(null);
  const { busy, error, run } = useAction();
  const intent = useRef(crypto.randomUUID());
  const names = gateways.data?.gateways ?? [];
  const chosen = gateway || names[0] || "";

  const submit = async event => {
    event.preventDefault();
    const order = await run(() => api.money("/api/wallet/deposit", { amount: Number(amount), gateway: chosen }, intent.current));
    if (order) {
      intent.current = crypto.randomUUID();
      setOutcome(order);
      app.refreshBalance();
    }
  };
  return html`<form class="card" onSubmit=${submit} data-testid="deposit-form">
    <h2>Add money</h2>
    <label>Amount (₹)
      <input name="amount" type="number" min="1" step="0.01" inputmode="decimal" required value=${amount} onInput=${e => setAmount(e.currentTarget.value)} />
    </label>
    <div class="options">${[100, 500, 1000, 5000].map(a => html`<button type="button" class="chip" onClick=${() => setAmount(String(a))}>₹${a}</button>`)}</div>
    <label>Pay with
      <select name="gateway" value=${chosen} onChange=${e => setGateway(e.currentTarget.value)}>
        ${names.map(name => html`<option value=${name}>${name === "test" ? "Test gateway (pays at once, Development only)" : name}</option>`)}
      </select>
    </label>
    <${ErrorNote} error=${error ?? gateways.error} />
    ${outcome ? html`<p class="notice" role="status" data-testid="deposit-status">
      ${outcome.status === "paid" ? `${rupees(outcome.amount)} added to your balance.`
        : outcome.status === "pending" ? `Order ${outcome.order_id} is waiting for your payment.`
        : `The order was ${outcome.status}.`}
      ${outcome.status === "pending" && paymentPage(outcome.payment_url) ? html` <a class="button small" href=${paymentPage(outcome.payment_url)} target="_blank" rel="noopener noreferrer" data-testid="pay">Pay now</a>` : null}
    </p>` : null}
    <button type="submit" disabled=${busy || !chosen}>${busy ? "Creating order…" : "Deposit"}</button>
  </form>`;
}

/** A gateway's payment page, if it is a web address (never a javascript: or other scheme). */
function paymentPage(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function Withdraw() {
  const app = useApp();
  const [amount, setAmount] = useState("");
  const [outcome, setOutcome] = useState(null);
  const { busy, error, run } = useAction();
  const intent = useRef(crypto.randomUUID());
  const submit = async event => {
    event.preventDefault();
    const withdrawal = await run(() => api.money("/api/wallet/withdraw", { amount: Number(amount) }, intent.current));
    if (withdrawal) {
      intent.current = crypto.randomUUID();
      setAmount("");
      setOutcome(withdrawal);
      app.setBalance({ balance: withdrawal.balance, held: withdrawal.held, seq: withdrawal.seq });
    }
  };
  return html`<form class="card" onSubmit=${submit} data-testid="withdraw-form">
    <h2>Withdraw</h2>
    <p class="muted">The amount is held from your balance until our team pays it out.</p>
    <label>Amount (₹)
      <input name="amount" type="number" min="1" step="0.01" inputmode="decimal" required value=${amount} onInput=${e => setAmount(e.currentTarget.value)} />
    </label>
    <${ErrorNote} error=${error} />
    ${outcome ? html`<p class="notice" role="status" data-testid="withdraw-status">Withdrawal of ${rupees(outcome.amount)} requested; it is ${outcome.status}.</p>` : null}
    <button type="submit" disabled=${busy}>${busy ? "Requesting…" : "Request withdrawal"}</button>
  </form>`;
}

/** A ledger, newest first, with a type filter; `path` is the player's own or, in the console, a player's. */
export function Transactions({ path, types = ENTRY_TYPES, fixedType }) {
  const [page, setPage] = useState(1);
  const [type, setType] = useState(fixedType ?? "");
  const limit = 20;
  const entries = useLoad(() => api.get(`${path}${query({ page, limit, type })}`), [path, page, type]);
  return html`<div class="card" data-testid="transactions">
    ${fixedType ? null : html`<label>Type
      <select name="type" value=${type} onChange=${e => { setType(e.currentTarget.value); setPage(1); }}>
        <option value="">All</option>
        ${Object.entries(types).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select>
    </label>`}
    <${ErrorNote} error=${entries.error} />
    ${entries.data?.items.length === 0 ? html`<p class="muted">Nothing here yet.</p>` : null}
    <ul class="ledger">
      ${(entries.data?.items ?? []).map(entry => html`<li data-type=${entry.type}>
        <div><strong>${types[entry.type] ?? entry.type}</strong><div class="muted">${when(entry.created_at)}${entry.memo ? ` · ${entry.memo}` : ""}</div></div>
        <div class="amounts">${entry.amount === 0 && entry.held_change !== 0
          ? html`<span class="muted">${entry.held_change < 0 ? "−" : "+"}${rupees(Math.abs(entry.held_change))} held</span>`
          : html`<span class=${entry.amount < 0 ? "minus" : "plus"}>${entry.amount < 0 ? "−" : "+"}${rupees(Math.abs(entry.amount))}</span>`}
          <div class="muted">balance ${rupees(entry.balance_after)}</div></div>
      </li>`)}
    </ul>
    ${entries.data ? html`<${Pager} page=${page} limit=${limit} total=${entries.data.total} onPage=${setPage} />` : null}
  </div>`;
}
