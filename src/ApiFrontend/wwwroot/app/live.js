// The live side of the app: one SignalR connection to /hubs/game (WebSockets), signed in when the
// player is, joined to the game on screen. It reconnects by itself, with a fresh token when the old
// one expired (the server closes a connection whose token expires), and after every reconnect asks
// the screens to re-read what they show over HTTP, since events sent while it was away are gone.
import { accessToken, session } from "./api.js";

// accountSuspended comes last on a suspended player's connection; announcement to the connections of its audience (SPEC §7).
const EVENTS = ["periodOpened", "bettingClosed", "gameResult", "betSettled", "balanceChanged", "accountSuspended", "announcement"];
const retryDelay = attempt => Math.min(10_000, 500 * 2 ** attempt);

/**
 * `onEvent(name, payload)` for every hub event, `onState(state)` with "connecting" | "live" |
 * "reconnecting", `onResync()` after every (re)connection. At most one connection exists at a time:
 * each start belongs to a generation, and a connection of an older generation is stopped.
 */
export function createLive({ onEvent, onState, onResync }) {
  const signalR = window.signalR;
  let joined = null;
  let stopped = false;
  let connection = null;
  let generation = 0;
  let attempt = 0;
  let retryTimer = null;

  function build(mine) {
    const built = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/game", { accessTokenFactory: async () => (await accessToken()) ?? "", transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => retryDelay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    const current = () => mine === generation;
    for (const name of EVENTS) { built.on(name, payload => { if (current()) { onEvent(name, payload); } }); }
    built.onreconnecting(() => { if (current()) { onState("reconnecting"); } });
    built.onreconnected(async () => {
      if (!current()) { built.stop(); return; }
      await rejoin(built);
      onState("live");
      onResync();
    });
    // Closed for good (a token that expired, a server gone for longer than the retries): start over.
    built.onclose(() => { if (!stopped && current()) { onState("reconnecting"); scheduleStart(); } });
    return built;
  }

  async function rejoin(target) {
    if (joined) { await target.invoke("JoinGame", joined.game, joined.duration).catch(() => {}); }
  }

  function scheduleStart() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, retryDelay(attempt++));
  }

  async function start() {
    retryTimer = null;
    if (stopped) { return; }
    const mine = ++generation;
    const current = build(mine);
    connection = current;
    onState(attempt === 0 ? "connecting" : "reconnecting");
    try {
      await current.start();
      if (mine !== generation) { await current.stop(); return; } // superseded while connecting
      attempt = 0;
      await rejoin(current);
      onState("live");
      onResync();
    } catch {
      if (mine === generation) { scheduleStart(); }
    }
  }

  /** Drops the current connection (and any pending retry) and connects afresh. */
  async function restart() {
    clearTimeout(retryTimer);
    retryTimer = null;
    generation++;
    attempt = 0;
    const old = connection;
    connection = null;
    if (old) { await old.stop().catch(() => {}); }
    start();
  }

  // The hub takes the token when it connects: signing in, out, or as someone else needs a new connection.
  let who = session.get()?.user?.user_id ?? null;
  session.subscribe(value => {
    const now = value?.user?.user_id ?? null;
    if (now !== who) { who = now; restart(); }
  });
  // Back online: a connection that survived catches up over HTTP; one that did not starts again at once.
  window.addEventListener("online", () => {
    if (connection?.state === signalR.HubConnectionState.Connected) { onState("live"); onResync(); }
    else if (!connection || connection.state === signalR.HubConnectionState.Disconnected) { restart(); }
  });

  start();
  return {
    /** Shows the game `{ game, duration }`: leaves the previous one and joins this one. */
    async watch(game, duration) {
      const previous = joined;
      joined = { game, duration };
      if (connection?.state === signalR.HubConnectionState.Connected) {
        if (previous) { await connection.invoke("LeaveGame", previous.game, previous.duration).catch(() => {}); }
        await connection.invoke("JoinGame", game, duration).catch(() => {});
      }
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      generation++;
      connection?.stop();
    },
  };
}
