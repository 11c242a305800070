// Rendering (preact + htm, no compiler) and the small pieces every screen shares.
import { h, render, createContext } from "../lib/preact.mjs";
import { useState, useEffect, useCallback, useContext, useRef, useMemo } from "../lib/preact-hooks.mjs";
import htm from "../lib/htm.mjs";

export const html = htm.bind(h);
export { render, createContext, useState, useEffect, useCallback, useContext, useRef, useMemo };

/** The route in the URL's fragment, e.g. `#/game/wingo/30` → ["game", "wingo", "30"]; follows hash changes. */
export function useHashRoute() {
  const read = () => location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return route;
}

/** Loads with `load()` whenever `deps` change; `{ data, error, loading, reload }`. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState(previous => ({ ...previous, loading: true }));
    try {
      const data = await load();
      if (mine === generation.current) { setState({ data, error: null, loading: false }); }
    } catch (error) {
      if (mine === generation.current) { setState(previous => ({ data: previous.data, error, loading: false })); }
    }
  }, deps);
  useEffect(() => { reload(); }, [reload]);
  return { ...state, reload };
}

/** Runs an action, remembering its error for the form and whether it is busy. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = useCallback(async action => {
    setBusy(true);
    setError(null);
    try { return await action(); } catch (e) { setError(e); return undefined; } finally { setBusy(false); }
  }, []);
  return { busy, error, setError, run };
}

export const ErrorNote = ({ error }) => (error ? html`<p class="error" role="alert">${error.message ?? String(error)}</p>` : null);

export const Pager = ({ page, limit, total, onPage }) => {
  const pages = Math.max(1, Math.ceil(total / limit));
  return html`<div class="pager">
    <button class="ghost" disabled=${page <= 1} onClick=${() => onPage(page - 1)}>‹ Newer</button>
    <span>Page ${page} of ${pages}</span>
    <button class="ghost" disabled=${page >= pages} onClick=${() => onPage(page + 1)}>Older ›</button>
  </div>`;
};

export const when = timestamp => (timestamp ? new Date(timestamp).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—");

export const words = text => String(text ?? "").replaceAll("_", " ");

/** Base64url of UTF-8 text (the verifier reads a proof from its URL fragment). */
export function base64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) { binary += String.fromCharCode(byte); }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
