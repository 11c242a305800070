// The player app: a shell (balance, connection state, navigation) around hash-routed screens.
import { html, render, useState, useEffect, useCallback, useRef, useHashRoute } from "./ui.js";
import { api, session, serverClock, logout } from "./api.js";
import { createLive } from "./live.js";
import { AppContext, go } from "./context.js";
import { Announcements } from "./announcements.js";
import { GameScreen } from "./game.js";
import { LoginScreen, RegisterScreen } from "./auth.js";
import { WalletScreen } from "./wallet.js";
import { TeamScreen } from "./team.js";
import { AccountScreen, HistoryScreen } from "./account.js";
import { rupees } from "./games.js";

const SUSPENDED = "This account is suspended; please contact support.";

function App() {
  const route = useHashRoute();
  const [current, setCurrent] = useState(session.get());
  const currentRef = useRef(current);
  const [balance, setBalanceState] = useState(null);
  const [liveState, setLiveState] = useState("connecting");
  const balanceRef = useRef(null);
  const handlers = useRef(new Set());
  const liveRef = useRef(null);
  const watchedRef = useRef(null);
  const [notice, setNotice] = useState(null);

  /**
   * Takes a balance reading only if it is at least as new (by ledger seq) as the one shown: never a
   * stale balance. A reading without `held` (a bet's answer, a settlement) only moves the balance on,
   * and keeps the held amount shown.
   */
  const setBalance = useCallback(reading => {
    if (!reading) { balanceRef.current = null; setBalanceState(null); return; }
    const shown = balanceRef.current;
    if (reading.held === undefined) {
      if (shown && reading.seq <= shown.seq) { return; }
      reading = { ...reading, held: shown?.held ?? 0 };
    } else if (shown && reading.seq < shown.seq) {
      return;
    }
    balanceRef.current = reading;
    setBalanceState(reading);
  }, []);

  const refreshBalance = useCallback(async () => {
    if (!session.get()) { return; }
    const data = await api.get("/api/wallet/balance").catch(() => null);
    if (data) { setBalance({ balance: data.balance, held: data.held, seq: data.last_seq }); }
  }, [setBalance]);

  // Another player's session (signed out, or in as someone else, here or in another tab) starts the balance afresh: seqs are per account.
  useEffect(() => session.subscribe(value => {
    const changed = (value?.user?.user_id ?? null) !== (currentRef.current?.user?.user_id ?? null);
    currentRef.current = value;
    setCurrent(value);
    if (changed) { setBalance(null); }
    if (value) { refreshBalance(); }
    if (changed && value) { setNotice(null); }
  }), []);

  useEffect(() => {
    liveRef.current = createLive({
      onEvent: (name, payload) => {
        if (name === "balanceChanged") { setBalance({ balance: payload.balance, held: payload.held, seq: payload.seq }); }
        if (name === "betSettled") { setBalance({ balance: payload.balance, seq: payload.seq }); }
        // Suspended by the operator (SPEC §4): the server has ended the session and closes the connection; sign out here too.
        if (name === "accountSuspended" && session.get()) {
          setNotice(SUSPENDED);
          logout().finally(() => go("login"));
        }
        if (name === "periodOpened") { serverClock.observeEvent(Date.parse(payload.ends_at) - payload.duration * 1000); }
        for (const handler of handlers.current) { handler(name, payload); }
      },
      onState: setLiveState,
      onResync: () => {
        refreshBalance();
        for (const handler of handlers.current) { handler("resync", null); }
      },
    });
    // A screen's effects run before this one: the game it asked to watch is joined now.
    if (watchedRef.current) { liveRef.current.watch(watchedRef.current.game, watchedRef.current.duration); }
    refreshBalance();
    // Offline is shown at once; coming back, the live connection reports its own state (live.js).
    const offline = () => setLiveState("offline");
    window.addEventListener("offline", offline);
    return () => { liveRef.current?.stop(); window.removeEventListener("offline", offline); };
  }, []);

  const context = {
    session: current,
    user: current?.user ?? null,
    balance,
    setBalance,
    refreshBalance,
    liveState,
    watch: (game, duration) => { watchedRef.current = { game, duration }; liveRef.current?.watch(game, duration); },
    /** Subscribes to hub events (and "resync" after a reconnect) while a screen is shown. */
    onLive: handler => { handlers.current.add(handler); return () => handlers.current.delete(handler); },
  };

  const [screen, ...rest] = route;
  const needsLogin = ["wallet", "team", "account", "history"].includes(screen);
  let body;
  if (needsLogin && !current) {
    body = html`<${LoginScreen} next=${route.join("/")} />`;
  } else {
    switch (screen) {
      case "login": body = html`<${LoginScreen} next=${rest.join("/")} />`; break;
      case "register": body = html`<${RegisterScreen} />`; break;
      case "wallet": body = html`<${WalletScreen} tab=${rest[0]} />`; break;
      case "team": body = html`<${TeamScreen} />`; break;
      case "account": body = html`<${AccountScreen} />`; break;
      case "history": body = html`<${HistoryScreen} />`; break;
      case "game": body = html`<${GameScreen} game=${rest[0] ?? "wingo"} duration=${Number(rest[1] ?? 30)} />`; break;
      default: body = html`<${GameScreen} game="wingo" duration=${30} />`;
    }
  }

  const tab = (path, label, active) => html`<a href=${`#/${path}`} class=${active ? "active" : ""}>${label}</a>`;
  return html`<${AppContext.Provider} value=${context}>
    <header class="top">
      <a class="brand" href="#/">Colour Games</a>
      ${current
        ? html`<a class="balance" href="#/wallet" data-testid="balance" title="Available balance">${rupees(balance?.balance)}</a>`
        : html`<span><a class="button small" href="#/login">Log in</a> <a class="button small ghost" href="#/register">Sign up</a></span>`}
    </header>
    ${liveState !== "live" ? html`<div class="connection ${liveState}" role="status" data-testid="connection">
      ${liveState === "offline" ? "You are offline. Results and your balance will update when you are back." : liveState === "connecting" ? "Connecting…" : "Reconnecting… the screen will catch up when the connection is back."}
    </div>` : null}
    ${notice ? html`<p class="notice app-notice" role="alert" data-testid="app-notice">${notice}</p>` : null}
    <main>${!screen || screen === "game" ? html`<${Announcements} />` : null}${body}</main>
    <nav class="bottom">
      ${tab("game/wingo/30", "Games", !screen || screen === "game")}
      ${tab("history", "Bets", screen === "history")}
      ${tab("wallet", "Wallet", screen === "wallet")}
      ${tab("team", "Team", screen === "team")}
      ${tab("account", "Account", screen === "account")}
    </nav>
  <//>`;
}

// A ?invite=CODE link opens the sign-up form with the code filled in.
const invite = new URLSearchParams(location.search).get("invite");
if (invite) {
  sessionStorage.setItem("gameserver.invite", invite);
  if (!session.get()) { location.hash = "#/register"; }
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${App} />`, root);
