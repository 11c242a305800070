// The wallet: balance and held funds, deposit through a gateway, withdraw to a saved payout method
// (and the methods themselves), and the ledger's transactions with paging and a type filter.
import { html, useState, useEffect, useRef, useLoad, useAction, ErrorNote, Pager, when } from "./ui.js";
import { api, query, serverClock } from "./api.js";
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
  rebate: "VIP rebate",
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
    ${tab === "deposit" ? html`<${Deposit} />` : tab === "withdraw" ? html`<${WithdrawTab} />` : html`<${Transactions} path="/api/wallet/transactions" />`}
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

/** Payout method kinds (their wire names) in a player's words. */
export const PAYOUT_KINDS = { bank: "Bank account", upi: "UPI", usdt_trc20: "USDT (TRC-20)" };

/** One line for a payout destination as the server sent it (masked for players, in full in the console). */
export function describeDestination(d) {
  if (!d) { return "—"; }
  switch (d.kind) {
    case "bank": return `${PAYOUT_KINDS.bank} ${d.account_number} · ${d.ifsc} · ${d.holder_name}`;
    case "upi": return `${PAYOUT_KINDS.upi} ${d.vpa}`;
    case "usdt_trc20": return `${PAYOUT_KINDS.usdt_trc20} ${d.address}`;
    default: return d.kind;
  }
}

/** Whether a method may receive a withdrawal now, by the game's clock (the server decides; this only explains). */
const usableNow = method => Date.parse(method.usable_from) <= serverClock.now();

/** The withdraw tab: the form, and below it the saved payout methods a withdrawal goes to. */
function WithdrawTab() {
  const methods = useLoad(() => api.get("/api/wallet/payout-methods"), []);
  return html`<${Withdraw} methods=${methods} /><${PayoutMethods} methods=${methods} />`;
}

function Withdraw({ methods }) {
  const app = useApp();
  const [amount, setAmount] = useState("");
  const [chosen, setChosen] = useState("");
  const [outcome, setOutcome] = useState(null);
  const { busy, error, run } = useAction();
  const intent = useRef(crypto.randomUUID());
  const saved = methods.data?.items ?? [];
  const methodId = saved.some(m => m.method_id === chosen) ? chosen : (saved.find(usableNow) ?? saved[0])?.method_id ?? "";
  const submit = async event => {
    event.preventDefault();
    const withdrawal = await run(() => api.money("/api/wallet/withdraw", { amount: Number(amount), method_id: methodId }, intent.current));
    if (withdrawal) {
      intent.current = crypto.randomUUID();
      setAmount("");
      setOutcome(withdrawal);
      app.setBalance({ balance: withdrawal.balance, held: withdrawal.held, seq: withdrawal.seq });
    }
  };
  return html`<form class="card" onSubmit=${submit} data-testid="withdraw-form">
    <h2>Withdraw</h2>
    <p class="muted">The amount is held from your balance until our team pays it out to the method you choose.</p>
    <label>Amount (₹)
      <input name="amount" type="number" min="1" step="0.01" inputmode="decimal" required value=${amount} onInput=${e => setAmount(e.currentTarget.value)} />
    </label>
    ${saved.length === 0
      ? html`<p class="notice">Add a payout method below first: withdrawals are paid only to a method you saved.</p>`
      : html`<label>Pay to
        <select name="method" value=${methodId} onChange=${e => setChosen(e.currentTarget.value)}>
          ${saved.map(m => html`<option value=${m.method_id}>${describeDestination(m.destination)}${usableNow(m) ? "" : ` (from ${when(m.usable_from)})`}</option>`)}
        </select>
      </label>`}
    <${ErrorNote} error=${error ?? methods.error} />
    ${outcome ? html`<p class="notice" role="status" data-testid="withdraw-status">Withdrawal of ${rupees(outcome.amount)} to ${describeDestination(outcome.destination)} requested; it is ${outcome.status}.</p>` : null}
    <button type="submit" disabled=${busy || !methodId}>${busy ? "Requesting…" : "Request withdrawal"}</button>
  </form>`;
}

/** The fields each kind of payout method asks for: [wire name, label, input attributes]. */
const PAYOUT_FIELDS = {
  bank: [
    ["holder_name", "Account holder's name", { autocomplete: "name", maxlength: 100 }],
    ["account_number", "Account number", { inputmode: "numeric", autocomplete: "off", maxlength: 24 }],
    ["ifsc", "IFSC (11 characters, e.g. HDFC0001234)", { autocomplete: "off", autocapitalize: "characters", maxlength: 11 }],
  ],
  upi: [["vpa", "UPI id (name@bank)", { autocomplete: "off", inputmode: "email", maxlength: 321 }]],
  usdt_trc20: [["address", "TRON address (starts with T)", { autocomplete: "off", maxlength: 34, spellcheck: false }]],
};

/**
 * The saved payout methods (masked, as the server sends them) with when each can first receive a
 * withdrawal, a form to add one and a button to remove one. A new method waits out a cooling-off
 * (SPEC §5) before a withdrawal can go to it; the server says until when.
 */
function PayoutMethods({ methods }) {
  const [kind, setKind] = useState("upi");
  const [fields, setFields] = useState({});
  const [added, setAdded] = useState(null);
  const { busy, error, run } = useAction();
  const saved = methods.data?.items ?? [];
  const full = methods.data && saved.length >= methods.data.max_saved;

  const add = async event => {
    event.preventDefault();
    const body = { kind };
    for (const [name] of PAYOUT_FIELDS[kind]) { body[name] = fields[name] ?? ""; }
    const method = await run(() => api.post("/api/wallet/payout-methods", body));
    if (method) {
      setFields({});
      setAdded(method);
      methods.reload();
    }
  };
  const remove = async method => {
    if (await run(() => api.delete(`/api/wallet/payout-methods/${encodeURIComponent(method.method_id)}`))) {
      setAdded(null);
      methods.reload();
    }
  };
  return html`<section class="card" data-testid="payout-methods">
    <h2>Payout methods</h2>
    ${saved.length === 0 ? html`<p class="muted">No payout method saved yet.</p>` : null}
    <ul class="ledger">
      ${saved.map(m => html`<li data-method=${m.method_id} data-kind=${m.destination.kind}>
        <div><strong>${describeDestination(m.destination)}</strong>
          <div class="muted" data-testid="usable">${usableNow(m) ? "Ready for withdrawals" : `Can receive withdrawals from ${when(m.usable_from)}`}</div></div>
        <button type="button" class="small danger" disabled=${busy} onClick=${() => remove(m)} data-testid="remove-method">Remove</button>
      </li>`)}
    </ul>
    <form onSubmit=${add} data-testid="payout-method-form">
      <label>Add
        <select name="kind" value=${kind} onChange=${e => { setKind(e.currentTarget.value); setFields({}); }}>
          ${Object.entries(PAYOUT_KINDS).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </label>
      ${PAYOUT_FIELDS[kind].map(([name, label, attributes]) => html`<label>${label}
        <input name=${name} required ...${attributes} value=${fields[name] ?? ""} onInput=${e => setFields({ ...fields, [name]: e.currentTarget.value })} />
      </label>`)}
      <p class="muted">For your safety a new or changed method can receive withdrawals only after a waiting period.</p>
      <${ErrorNote} error=${error} />
      ${added ? html`<p class="notice" role="status" data-testid="method-status">Saved: ${describeDestination(added.destination)}.
        ${usableNow(added) ? " It is ready for withdrawals." : ` It can receive withdrawals from ${when(added.usable_from)}.`}</p>` : null}
      <button type="submit" disabled=${busy || full}>${full ? `At most ${methods.data.max_saved} methods` : busy ? "Saving…" : "Save payout method"}</button>
    </form>
  </section>`;
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
