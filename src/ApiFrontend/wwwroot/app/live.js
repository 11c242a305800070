// The live side of the app: one SignalR connection to /hubs/game (WebSockets), signed in when the
// player is, joined to the game on screen. It reconnects by itself, with a fresh token when the old
// one expired (the server closes a connection whose token expires), and after every reconnect asks
// the screens to re-read what they show over HTTP, since events sent while it was away are gone.
import { accessToken, session } from "./api.js";

const EVENTS = ["periodOpened", "bettingClosed", "gameResult", "betSettled", "balanceChanged"];

/**
 * `onEvent(name, payload)` for every hub event, `onState(state)` with "connecting" | "live" |
 * "reconnecting", `onResync()` after every (re)connection.
 */
export function createLive({ onEvent, onState, onResync }) {
  const signalR = window.signalR;
  let joined = null;
  let stopped = false;
  let connection = null;
  let retry = 0;

  function build() {
    const built = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/game", { accessTokenFactory: async () => (await accessToken()) ?? "", transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(10_000, 500 * 2 ** context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    for (const name of EVENTS) { built.on(name, payload => onEvent(name, payload)); }
    built.onreconnecting(() => onState("reconnecting"));
    built.onreconnected(async () => { await rejoin(built); onState("live"); onResync(); });
    // Closed for good (a token that expired, a server that went away for longer than the retries): start over.
    built.onclose(() => { if (!stopped && built === connection) { onState("reconnecting"); scheduleStart(); } });
    return built;
  }

  async function rejoin(target) {
    if (joined) { await target.invoke("JoinGame", joined.game, joined.duration).catch(() => {}); }
  }

  function scheduleStart() {
    const delay = Math.min(10_000, 500 * 2 ** retry++);
    setTimeout(start, delay);
  }

  async function start() {
    if (stopped) { return; }
    connection = build();
    const current = connection;
    onState(retry === 0 ? "connecting" : "reconnecting");
    try {
      await current.start();
      if (current !== connection) { return; }
      retry = 0;
      await rejoin(current);
      onState("live");
      onResync();
    } catch {
      if (current === connection) { scheduleStart(); }
    }
  }

  async function restart() {
    const old = connection;
    connection = null;
    retry = 0;
    if (old) { await old.stop().catch(() => {}); }
    start();
  }

  // Signing in or out changes who the connection is: the hub takes the token when it connects.
  let signedIn = Boolean(session.get());
  session.subscribe(value => {
    if (Boolean(value) !== signedIn) { signedIn = Boolean(value); restart(); }
  });
  // Back online: a connection that survived catches up over HTTP; one that did not starts again.
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
    stop() { stopped = true; connection?.stop(); },
  };
}
