// The public HTTP API (docs/SPEC.md §7) as the web app and the operator console use it: the session
// (access token for an hour, refresh token rotated on every use), player-readable errors, and
// Idempotency-Key on every money operation so a retried request never moves money twice.

const RENEW_BEFORE_MS = 60_000;
const listeners = new Set();
// The player app and the operator console keep separate sessions: logging out of one leaves the other.
const SESSION_KEY = location.pathname.startsWith("/admin") ? "gameserver.console.session" : "gameserver.session";

/** An API error with a message a player can read; `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.retryAfter = problem?.retryAfter ?? null;
  }
}

/** Words for a problem answer (RFC 7807): the server's own detail where it explains the refusal, else by status. */
export function explain(status, problem) {
  const detail = typeof problem?.detail === "string" && problem.detail.length <= 300 ? problem.detail : null;
  switch (status) {
    case 0: return "No connection to the server. Check your internet connection and try again.";
    case 400: return detail ?? "Something in the form is not right. Check it and try again.";
    case 401: return "Your session has ended. Please log in again.";
    case 403: return detail ?? "You are not allowed to do that.";
    case 404: return detail ?? "We could not find that.";
    case 409: return detail ?? "That cannot be done right now.";
    case 413: return "That is more than the server accepts.";
    case 429: return "Too many requests. Wait a few seconds and try again.";
    case 503: return "The server is busy. Please try again in a moment.";
    default: return status >= 500 ? "Something went wrong on our side. Please try again." : (detail ?? `Request failed (${status}).`);
  }
}

export const session = {
  /** `{ token, expiresAt (ms, this device's clock), refreshToken, user }` or null. */
  get() {
    try { return JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null"); } catch { return null; }
  },
  set(value) {
    if (value) { localStorage.setItem(SESSION_KEY, JSON.stringify(value)); } else { localStorage.removeItem(SESSION_KEY); }
    for (const listener of listeners) { listener(value); }
  },
  /** Called with the new session (or null) whenever it changes, here or in another tab. */
  subscribe(listener) { listeners.add(listener); return () => listeners.delete(listener); },
};
window.addEventListener("storage", event => {
  if (event.key === SESSION_KEY) { for (const listener of listeners) { listener(session.get()); } }
});

/**
 * A token's life on this device's clock: its lifetime (`exp` − `iat` of the JWT) from the moment it
 * arrived, so a phone whose clock is wrong neither sends expired tokens nor renews on every call.
 */
function localExpiry(token, expiresAt) {
  try {
    const claims = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
    if (Number.isFinite(claims.exp) && Number.isFinite(claims.iat)) { return Date.now() + (claims.exp - claims.iat) * 1000; }
  } catch { /* not a JWT we can read: fall back to the server's expiry */ }
  return Date.parse(expiresAt);
}

const fromLogin = data => ({
  token: data.token,
  expiresAt: localExpiry(data.token, data.expires_at),
  refreshToken: data.refresh_token,
  user: data.user,
});

const needsRenewal = current => current && current.expiresAt - Date.now() < RENEW_BEFORE_MS;

/** Runs `action` holding a lock shared by every tab of this origin (Web Locks), or alone where there is none. */
const exclusively = action => (navigator.locks ? navigator.locks.request(`${SESSION_KEY}.renewal`, action) : action());

let renewing = null;

/**
 * Exchanges the refresh token for a new pair: once per tab however many callers ask, and one tab at
 * a time, re-reading the session inside the lock, because a refresh token is single use and the
 * server ends the whole session when a used one comes back (SPEC §7). `refused` is an access token
 * the server turned down: renewed even if it looks fresh, unless another tab has replaced it already.
 */
function renew(refused = null) {
  renewing ??= exclusively(async () => {
    const current = session.get();
    if (!current?.refreshToken) { return null; }
    if (refused ? current.token !== refused : !needsRenewal(current)) { return current; } // another tab renewed it meanwhile
    try {
      const data = await send("/api/users/token/refresh", { method: "POST", body: { refresh_token: current.refreshToken }, auth: false });
      if (session.get()?.refreshToken !== current.refreshToken) { return session.get(); } // logged out or in again meanwhile
      const next = { ...fromLogin(data), user: data.user ?? current.user };
      session.set(next);
      return next;
    } catch (error) {
      // Refused: the session ended (or was stolen and ended, or the account is suspended: 403); but only the session that was sent is forgotten.
      if ((error.status === 401 || error.status === 403) && session.get()?.refreshToken === current.refreshToken) { session.set(null); }
      throw error;
    }
  }).finally(() => { renewing = null; });
  return renewing;
}

/** A valid access token, renewed shortly before it expires; null when signed out. */
export async function accessToken() {
  let current = session.get();
  if (needsRenewal(current)) {
    current = await renew().catch(() => session.get());
  }
  return current?.token ?? null;
}

/** Estimated game clock minus this device's clock, in ms: countdowns follow the server, not the phone. */
export const serverClock = {
  offset: 0,
  now() { return Date.now() + this.offset; },
  /** The game clock read `serverTime` (ms) while a request sent at `sentAt` was answered now: the midpoint. */
  observe(serverTime, sentAt) {
    if (!Number.isNaN(serverTime)) { this.offset = serverTime - (sentAt + Date.now()) / 2; }
  },
  /**
   * An event stamped `stamp` (game time) arrived now: the game clock is at least that far, later by
   * the delivery, so it can only move the estimate on (a late estimate would show betting open after
   * the server closed it).
   */
  observeEvent(stamp) {
    if (!Number.isNaN(stamp)) { this.offset = Math.max(this.offset, stamp - Date.now()); }
  },
};

async function send(path, { method = "GET", body, auth = true, idempotencyKey, retryOn503 = 2, renewOn401 = true } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) { headers["Content-Type"] = "application/json"; }
  if (idempotencyKey) { headers["Idempotency-Key"] = idempotencyKey; }
  const token = auth ? await accessToken() : null;
  if (token) { headers.Authorization = `Bearer ${token}`; }
  const sentAt = Date.now();
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null, explain(0, null));
  }
  const payload = await response.json().catch(() => null);
  if (response.ok) { return payload?.data ?? payload; }

  if (response.status === 401 && token && renewOn401) {
    // The access token lapsed (or was ended elsewhere): renew once and try again, once.
    // A renewal refused with 403 (a suspended account) is the answer, in the server's words.
    const renewed = await renew(token).catch(error => { if (error.status === 403) { throw error; } return null; });
    if (renewed) { return send(path, { method, body, auth, idempotencyKey, retryOn503, renewOn401: false }); }
  }
  const retryAfter = Number(response.headers.get("Retry-After") ?? "0");
  if (response.status === 503 && retryOn503 > 0 && retryAfter > 0 && retryAfter <= 5) {
    // A busy login pool answers at once with Retry-After (SPEC §7): wait as told, then try again.
    await new Promise(resolve => setTimeout(resolve, retryAfter * 1000));
    return send(path, { method, body, auth, idempotencyKey, retryOn503: retryOn503 - 1, renewOn401 });
  }
  throw new ApiError(response.status, payload, explain(response.status, payload));
}

/** `GET`s and other calls of the API; returns the `data` of `{ success, data }`. */
export const api = {
  get: (path, options) => send(path, { ...options, method: "GET" }),
  post: (path, body, options) => send(path, { ...options, method: "POST", body }),
  put: (path, body, options) => send(path, { ...options, method: "PUT", body }),
  delete: (path, options) => send(path, { ...options, method: "DELETE" }),
  /** A money operation: one Idempotency-Key per intent, so a retry of the same click is the same operation. */
  money: (path, body, idempotencyKey = crypto.randomUUID()) => send(path, { method: "POST", body, idempotencyKey }),
};

/**
 * A file the API answers in another representation than JSON (e.g. `Accept: text/csv` for a report), with
 * the session's token: `{ blob, filename }` (the name from Content-Disposition, else `fallbackName`). A
 * refusal is an ApiError in the server's words, as for any call.
 */
export async function download(path, accept, fallbackName) {
  const token = await accessToken();
  const headers = { Accept: accept };
  if (token) { headers.Authorization = `Bearer ${token}`; }
  let response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, null, explain(0, null));
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem, explain(response.status, problem));
  }
  const named = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") ?? "");
  return { blob: await response.blob(), filename: named?.[1] ?? fallbackName };
}

export async function login(phone, password) {
  if (session.get()) { await logout(); } // another account's session ends first, on the server too
  const data = await send("/api/users/login", { method: "POST", body: { phone_no: phone, password }, auth: false });
  session.set(fromLogin(data));
  return data.user;
}

export async function register(phone, password, inviteCode) {
  const body = { phone_no: phone, password };
  if (inviteCode) { body.invite_code = inviteCode; }
  await send("/api/users/register", { method: "POST", body, auth: false });
  return login(phone, password);
}

export async function logout() {
  await renewing?.catch(() => {});
  const current = session.get();
  session.set(null);
  if (current?.refreshToken) {
    await send("/api/users/logout", { method: "POST", body: { refresh_token: current.refreshToken }, auth: false }).catch(() => {});
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") { search.set(key, String(value)); }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
