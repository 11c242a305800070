// A game screen: the open period with countdowns by the server's clock, the bet board and slip, the
// last results with their markers and a "verify" for each, the trend of the last 100, and my bets.
import { html, useState, useEffect, useRef, useCallback, useAction, ErrorNote, when, base64Url } from "./ui.js";
import { api, query, serverClock } from "./api.js";
import { useApp, go } from "./context.js";
import { GAMES, gameName, durationName, betBoard, betLabel, describeResult, trend, rupees, BASE_AMOUNTS, MULTIPLIERS } from "./games.js";

const TREND_SIZE = 100;
/** SPEC §2: 2 % of every stake is the service fee; a win pays floor(stake × 0.98 × multiplier). */
const FEE_KEPT = 0.98;
const RESULTS_SHOWN = 10;

export function GameScreen({ game, duration }) {
  const app = useApp();
  const catalog = GAMES.find(g => g.game === game) ?? GAMES[0];
  if (!catalog.durations.includes(duration)) { duration = catalog.durations[0]; }

  const [period, setPeriod] = useState(null);
  const [results, setResults] = useState([]);
  const [error, setError] = useState(null);
  const [myBetsVersion, setMyBetsVersion] = useState(0);
  const [selected, setSelected] = useState(null);
  const [lastResult, setLastResult] = useState(null);
  const periodIdRef = useRef(null);
  useEffect(() => { periodIdRef.current = period?.period_id ?? null; }, [period]);

  /** The open period, timed on its own: its server_time is the clock the countdowns follow. */
  const loadPeriod = useCallback(async () => {
    try {
      const sentAt = Date.now();
      const open = await api.get(`/api/games/${game}/periods${query({ duration })}`, { auth: false });
      serverClock.observe(Date.parse(open.server_time), sentAt);
      setPeriod({ ...open, closed: serverClock.now() >= Date.parse(open.betting_closes_at) });
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [game, duration]);

  const loadResults = useCallback(async () => {
    try {
      const page = await api.get(`/api/games/${game}/${duration}/results${query({ page: 1, limit: TREND_SIZE })}`, { auth: false });
      setResults(page.items);
    } catch (e) {
      setError(e);
    }
  }, [game, duration]);

  useEffect(() => {
    setPeriod(null);
    setResults([]);
    setSelected(null);
    loadPeriod();
    loadResults();
    app.watch(game, duration);
  }, [game, duration]);

  useEffect(() => app.onLive((name, payload) => {
    if (name === "resync") { loadPeriod(); loadResults(); setMyBetsVersion(v => v + 1); return; }
    if (!payload || (payload.game !== undefined && (payload.game !== game || payload.duration !== duration))) { return; }
    switch (name) {
      case "periodOpened":
        setPeriod(previous => ({ ...previous, ...payload, starts_at: new Date(Date.parse(payload.ends_at) - duration * 1000).toISOString(), bets: 0, closed: false }));
        break;
      case "bettingClosed":
        setPeriod(previous => (previous?.period_id === payload.period_id ? { ...previous, closed: true } : previous));
        break;
      case "gameResult":
        // The event carries the result: no need to read the list again.
        setResults(previous => [{ ...payload, ends_at: payload.drawn_at }, ...previous.filter(r => r.period_id !== payload.period_id)].slice(0, TREND_SIZE));
        setLastResult(payload);
        serverClock.observeEvent(Date.parse(payload.drawn_at));
        break;
      case "betSettled":
        setMyBetsVersion(v => v + 1);
        break;
    }
  }), [game, duration, loadPeriod, loadResults]);

  // Betting closes by the game's clock; past the period's end without a "period opened" (the hub is
  // away or slow), the next period is read over HTTP, again every few seconds until it comes.
  const closesAt = period ? Date.parse(period.betting_closes_at) : null;
  const endsAt = period ? Date.parse(period.ends_at) : null;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!period) { return undefined; }
    const timers = [];
    const untilClose = closesAt - serverClock.now();
    if (untilClose > 0) { timers.push(setTimeout(() => setTick(t => t + 1), untilClose + 10)); }
    const missed = () => { if (periodIdRef.current === period.period_id) { loadPeriod(); timers.push(setTimeout(missed, 3000)); } };
    timers.push(setTimeout(missed, Math.max(0, endsAt - serverClock.now()) + 2500));
    return () => timers.forEach(clearTimeout);
  }, [period?.period_id, closesAt, endsAt]);
  const bettingOpen = Boolean(period && !period.closed && serverClock.now() < closesAt);

  return html`<section class="game" data-game=${game} data-duration=${duration}>
    <div class="game-tabs" role="tablist">
      ${GAMES.map(g => html`<a role="tab" class=${g.game === game ? "active" : ""} href=${`#/game/${g.game}/${g.durations[0]}`}>${g.name}</a>`)}
    </div>
    <div class="duration-tabs" role="tablist">
      ${catalog.durations.map(d => html`<a role="tab" class=${d === duration ? "active" : ""} href=${`#/game/${game}/${d}`}>${gameName(game)} ${durationName(d)}</a>`)}
    </div>
    <${ErrorNote} error=${error} />
    <div class="card period" data-testid="period">
      <div>
        <div class="muted">Period</div>
        <div class="period-id" data-testid="period-id">${period?.period_id ?? "…"}</div>
      </div>
      <${Countdowns} closesAt=${closesAt} endsAt=${endsAt} />
      ${period && !bettingOpen ? html`<div class="closed-banner">Betting closed, waiting for the draw</div>` : null}
      ${period?.commit ? html`<div class="commit muted" data-testid="commit" title="SHA-256 of the seed that will draw this period: note it, and check it with Verify once the result is out">Commit <span class="mono">${period.commit}</span></div>` : null}
    </div>
    ${lastResult ? html`<${ResultFlash} game=${game} result=${lastResult} onDone=${() => setLastResult(null)} />` : null}
    <${BetBoard} game=${game} onPick=${option => (app.user ? setSelected(option) : go(`login/game/${game}/${duration}`))} disabled=${!bettingOpen} />
    ${selected ? html`<${BetSlip} game=${game} duration=${duration} period=${period} option=${selected} open=${bettingOpen}
        onClose=${() => setSelected(null)} onPlaced=${() => { setSelected(null); setMyBetsVersion(v => v + 1); }} />` : null}
    ${app.user ? html`<${MyBets} game=${game} duration=${duration} version=${myBetsVersion} />` : null}
    <${Results} game=${game} duration=${duration} results=${results.slice(0, RESULTS_SHOWN)} />
    <${Trend} game=${game} results=${results} />
  </section>`;
}

/** The two countdowns, re-rendered four times a second on their own (not the whole screen). */
function Countdowns({ closesAt, endsAt }) {
  const [now, setNow] = useState(serverClock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverClock.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return html`<div class="countdowns">
    <div><span class="muted">Betting closes in</span> <strong data-testid="closes-in">${closesAt ? countdown(closesAt - now) : "–"}</strong></div>
    <div><span class="muted">Draw in</span> <strong data-testid="draw-in">${endsAt ? countdown(endsAt - now) : "–"}</strong></div>
  </div>`;
}

const countdown = ms => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
};

function ResultFlash({ game, result, onDone }) {
  useEffect(() => { const timer = setTimeout(onDone, 6000); return () => clearTimeout(timer); }, [result]);
  const shown = describeResult(game, result.result);
  return html`<div class="card flash" role="status" data-testid="result-flash">
    Period ${result.period_id}: <${ResultBalls} game=${game} shown=${shown} /> ${shown.labels.join(" · ")}
  </div>`;
}

function ResultBalls({ game, shown }) {
  if (game === "k3") { return html`<span class="dice">${shown.values.map(v => html`<span class="die">${v}</span>`)}</span>`; }
  if (game === "5d") { return html`<span class="balls">${shown.values.map(v => html`<span class="ball plain">${v}</span>`)}</span>`; }
  return html`<span class="balls"><span class=${`ball ${shown.tones.join("-")}`}>${shown.values[0]}</span></span>`;
}

function BetBoard({ game, onPick, disabled }) {
  const [position, setPosition] = useState("A");
  const sections = betBoard(game, position);
  return html`<div class="card board" data-testid="bet-board">
    ${game === "5d" ? html`<div class="positions">
      ${["A", "B", "C", "D", "E", "SUM"].map(p => html`<button class=${`chip ${p === position ? "active" : ""}`} onClick=${() => setPosition(p)}>${p === "SUM" ? "Sum" : p}</button>`)}
    </div>` : null}
    ${sections.map(section => html`<div class="section">
      <div class="muted">${section.title}</div>
      <div class="options">
        ${section.options.map(option => html`<button class=${`option ${option.tone}`} disabled=${disabled}
            data-bet=${`${option.type}:${option.position ?? ""}:${option.value ?? ""}`} onClick=${() => onPick(option)}>
          ${option.label}<small>×${option.multiplier}</small>
        </button>`)}
      </div>
    </div>`)}
    ${disabled ? html`<p class="muted">Betting opens with the next period.</p>` : null}
  </div>`;
}

function BetSlip({ game, duration, period, option, open, onClose, onPlaced }) {
  const app = useApp();
  const [base, setBase] = useState(10);
  const [multiplier, setMultiplier] = useState(1);
  const [faces, setFaces] = useState([]);
  const { busy, error, setError, run } = useAction();
  const intent = useRef(crypto.randomUUID());
  const total = Math.round(base * multiplier * 100) / 100;
  const available = app.balance?.balance ?? 0;
  const value = option.pick ? faces.join(",") : option.value;
  const complete = !option.pick || faces.length === option.pick;

  const toggle = face => setFaces(current => (current.includes(face) ? current.filter(f => f !== face)
    : current.length < option.pick ? [...current, face] : current));

  const place = async () => {
    if (total > available) { setError(new Error(`Your balance is ${rupees(available)}: add money or lower the amount.`)); return; }
    const body = { amount: total, type: option.type, duration, period_id: period.period_id };
    if (value) { body.value = value; }
    if (option.position) { body.position = option.position; }
    const placed = await run(() => api.money(`/api/games/${game}/bet`, body, intent.current));
    if (placed) {
      app.setBalance({ balance: placed.balance, seq: placed.seq });
      intent.current = crypto.randomUUID();
      onPlaced(placed);
    }
  };

  return html`<div class="sheet" role="dialog" aria-label="Bet slip" data-testid="bet-slip">
    <div class="sheet-body card">
      <div class="row"><strong>${gameName(game)} ${durationName(duration)} · ${betLabel({ ...option, value })}</strong><button class="ghost" onClick=${onClose} aria-label="Close">✕</button></div>
      ${option.pick ? html`<div><div class="muted">${option.hint}</div><div class="options">
        ${[1, 2, 3, 4, 5, 6].map(face => html`<button class=${`option plain ${faces.includes(face) ? "active" : ""}`} onClick=${() => toggle(face)}>${face}</button>`)}
      </div></div>` : null}
      <div class="muted">Amount</div>
      <div class="options">${BASE_AMOUNTS.map(amount => html`<button class=${`chip ${amount === base ? "active" : ""}`} onClick=${() => setBase(amount)}>₹${amount}</button>`)}</div>
      <div class="muted">Multiplier</div>
      <div class="options">${MULTIPLIERS.map(m => html`<button class=${`chip ${m === multiplier ? "active" : ""}`} onClick=${() => setMultiplier(m)}>×${m}</button>`)}</div>
      <div class="row"><span>Total <strong data-testid="slip-total">${rupees(total)}</strong></span><span class=${total > available ? "over" : "muted"}>Balance ${rupees(available)}</span></div>
      <p class="muted" data-testid="slip-win">Win up to <strong>${rupees(Math.floor(total * FEE_KEPT * parseFloat(option.multiplier) * 100) / 100)}</strong> at ×${option.multiplier}: a 2 % service fee is taken from every stake before the odds apply (period ${period?.period_id ?? "…"}).</p>
      <${ErrorNote} error=${error} />
      <button data-testid="place-bet" disabled=${busy || !open || !complete} onClick=${place}>${!open ? "Betting closed" : busy ? "Placing…" : `Bet ${rupees(total)}`}</button>
    </div>
  </div>`;
}

function Results({ game, duration, results }) {
  const [verifying, setVerifying] = useState(null);
  const [error, setError] = useState(null);
  const verify = async periodId => {
    setVerifying(periodId);
    setError(null);
    // Opened now, filled when the proof arrives: a window opened later than the click would be blocked.
    const tab = window.open("about:blank", "_blank");
    try {
      const proof = await api.get(`/api/games/${game}/${duration}/periods/${periodId}`, { auth: false });
      const url = `/verify#proof=${base64Url(JSON.stringify({ success: true, data: proof }))}`;
      if (tab) { tab.location.href = url; } else { location.href = url; }
    } catch (e) {
      tab?.close();
      setError(e);
    } finally {
      setVerifying(null);
    }
  };
  // A day's archive exists once the day is over and its chain was anchored: yesterday's, if its anchor is listed.
  const yesterday = new Date(serverClock.now() - 86_400_000).toISOString().slice(0, 10);
  const [archived, setArchived] = useState(false);
  useEffect(() => {
    let live = true;
    api.get(`/api/fairness/anchors${query({ from: yesterday, to: yesterday })}`, { auth: false })
      .then(anchors => { if (live) { setArchived(anchors.some(a => a.game === game && a.duration === duration)); } })
      .catch(() => {});
    return () => { live = false; };
  }, [game, duration, yesterday]);
  return html`<div class="card results" data-testid="results">
    <h2>Results</h2>
    <${ErrorNote} error=${error} />
    <table>
      <thead><tr><th>Period</th><th>Result</th><th></th><th></th></tr></thead>
      <tbody>
        ${results.map(result => {
          const shown = describeResult(game, result.result);
          return html`<tr data-period=${result.period_id}>
            <td class="mono">${result.period_id.slice(-6)}</td>
            <td><${ResultBalls} game=${game} shown=${shown} /></td>
            <td class="markers">${shown.labels.map(label => html`<span class=${`tag ${label.toLowerCase()}`}>${label}</span>`)}${game === "trx" && result.hash ? html`<span class="mono muted" title=${result.hash}>…${result.hash.slice(-6)}</span>` : null}</td>
            <td><button class="ghost small" data-testid="verify" disabled=${verifying === result.period_id} onClick=${() => verify(result.period_id)}>Verify</button></td>
          </tr>`;
        })}
      </tbody>
    </table>
    <p class="muted">Every result is drawn from a seed committed before betting opens.
      ${archived ? html`<a href=${`/api/fairness/${game}/${duration}/${yesterday}`} target="_blank" rel="noopener" data-testid="archive">Proof archive of ${yesterday}</a> (paste it into the verifier) · ` : null}
      <a href="/verify" target="_blank" rel="noopener">Verifier</a></p>
  </div>`;
}

function Trend({ game, results }) {
  const [position, setPosition] = useState(0);
  const rows = trend(game, results, position);
  const most = Math.max(1, ...rows.map(row => row.count));
  return html`<div class="card trend" data-testid="trend">
    <h2>Trend of the last ${results.length}</h2>
    ${game === "5d" ? html`<div class="positions">${["A", "B", "C", "D", "E"].map((p, i) => html`<button class=${`chip ${i === position ? "active" : ""}`} onClick=${() => setPosition(i)}>${p}</button>`)}</div>` : null}
    <table>
      <thead><tr><th>${game === "k3" ? "Face" : "Digit"}</th><th>Missing</th><th>Seen</th><th></th></tr></thead>
      <tbody>${rows.map(row => html`<tr>
        <td><strong>${row.symbol}</strong></td>
        <td>${row.missing}</td>
        <td>${row.count}</td>
        <td class="bar-cell"><span class="bar" style=${`width:${Math.round((row.count / most) * 100)}%`}></span></td>
      </tr>`)}</tbody>
    </table>
    <p class="muted">Missing: periods since it last appeared. Seen: how often in these results.</p>
  </div>`;
}

function MyBets({ game, duration, version }) {
  const [bets, setBets] = useState([]);
  const app = useApp();
  useEffect(() => {
    let live = true;
    api.get(`/api/users/${app.user.user_id}/bet-history${query({ game, duration, page: 1, limit: 10 })}`)
      .then(page => { if (live) { setBets(page.items); } })
      .catch(() => {});
    return () => { live = false; };
  }, [game, duration, version]);
  return html`<div class="card" data-testid="my-bets">
    <h2>My bets</h2>
    ${bets.length === 0 ? html`<p class="muted">No bets on this game yet.</p>` : html`<table>
      <thead><tr><th>Period</th><th>Bet</th><th>Stake</th><th>Status</th><th>Payout</th></tr></thead>
      <tbody>${bets.map(bet => html`<tr data-bet-id=${bet.bet_id}>
        <td class="mono">${bet.period_id.slice(-6)}</td>
        <td>${betLabel(bet)}</td>
        <td>${rupees(bet.amount)}</td>
        <td><span class=${`status ${bet.status}`}>${bet.status}</span></td>
        <td>${bet.payout === null || bet.payout === undefined ? "—" : rupees(bet.payout)}</td>
      </tr>`)}</tbody>
    </table>`}
    <p><a href="#/history">All my bets</a></p>
  </div>`;
}
