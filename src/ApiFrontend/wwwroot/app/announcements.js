// The operator's announcements on the lobby (SPEC §4): the ones current for the player's VIP level, read
// over HTTP when the screen opens or the connection comes back, and a new one as it arrives on the hub.
import { html, useState, useEffect, useCallback } from "./ui.js";
import { api, serverClock } from "./api.js";
import { useApp } from "./context.js";

/** Shown now by the game's clock: started and not ended (one published for later arrives early, and waits). */
const current = (a, now) => Date.parse(a.starts_at) <= now && now < Date.parse(a.ends_at);

export function Announcements() {
  const app = useApp();
  const userId = app.user?.user_id ?? null;
  const [items, setItems] = useState([]);
  const [, setTick] = useState(0);
  const load = useCallback(async () => {
    if (userId === null) { setItems([]); return; }
    const list = await api.get("/api/announcements").catch(() => null);
    if (list) { setItems(list); }
  }, [userId]);
  useEffect(() => { load(); }, [load]);
  useEffect(() => app.onLive((name, payload) => {
    if (name === "announcement" && payload && userId !== null) {
      setItems(list => [payload, ...list.filter(a => a.announcement_id !== payload.announcement_id)]);
    }
    if (name === "resync") { load(); }
  }), [load, userId]);
  // Once a minute: one that starts or ends meanwhile appears or goes without a reload.
  useEffect(() => { const timer = setInterval(() => setTick(t => t + 1), 60_000); return () => clearInterval(timer); }, []);

  const now = serverClock.now();
  const shown = items.filter(a => current(a, now));
  if (shown.length === 0) { return null; }
  return html`<section class="announcements" data-testid="announcements" aria-label="Announcements">
    ${shown.map(a => html`<article class="card announcement" data-announcement=${a.announcement_id}>
      <h3>${a.title}</h3><p>${a.text}</p></article>`)}
  </section>`;
}
