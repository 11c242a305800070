// The public HTTP API (docs/SPEC.md §7) as the web app and the operator console use it: the session
// (access token for an hour, refresh token rotated on every use), player-readable errors, and
// Idempotency-Key on every money operation so a retried request never moves money twice.

const SESSION_KEY = "gameserver.session";
const RENEW_BEFORE_MS = 60_000;
const listeners = new Set();

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
  /** `{ token, expiresAt (ms), refreshToken, user }` or null. */
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

const fromLogin = data => ({
  token: data.token,
  expiresAt: Date.parse(data.expires_at),
  refreshToken: data.refresh_token,
  user: data.user,
});

let renewing = null;

/** Exchanges the refresh token for a new pair once, however many callers ask at the same time. */
function renew() {
  renewing ??= (async () => {
    const current = session.get();
    if (!current?.refreshToken) { return null; }
    try {
      const data = await send("/api/users/token/refresh", { method: "POST", body: { refresh_token: current.refreshToken }, auth: false });
      const next = { ...fromLogin(data), user: data.user ?? current.user };
      session.set(next);
      return next;
    } catch (error) {
      if (error.status === 401) { session.set(null); }
      throw error;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

/** A valid access token, renewed shortly before it expires; null when signed out. */
export async function accessToken() {
  let current = session.get();
  if (current && current.expiresAt - Date.now() < RENEW_BEFORE_MS) {
    current = await renew().catch(() => session.get());
  }
  return current?.token ?? null;
}

/** Estimated game clock minus this device's clock, in ms: countdowns follow the server, not the phone. */
export const serverClock = {
  offset: 0,
  now() { return Date.now() + this.offset; },
  /** The game clock read `serverTime` (ms) while a request sent at `sentAt` was answered now. */
  observe(serverTime, sentAt) {
    if (!Number.isNaN(serverTime)) { this.offset = serverTime - (sentAt + Date.now()) / 2; }
  },
  /** A period just opened at `startsAt` (game time): as sharp a reading as the delivery is fast. */
  observePeriodStart(startsAt) { this.offset = startsAt - Date.now(); },
};

async function send(path, { method = "GET", body, auth = true, idempotencyKey, retryOn503 = 2 } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) { headers["Content-Type"] = "application/json"; }
  if (idempotencyKey) { headers["Idempotency-Key"] = idempotencyKey; }
  if (auth) {
    const token = await accessToken();
    if (token) { headers.Authorization = `Bearer ${token}`; }
  }
  const sentAt = Date.now();
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null, explain(0, null));
  }
  const payload = await response.json().catch(() => null);
  if (response.ok) { return payload?.data ?? payload; }

  if (response.status === 401 && auth && session.get()) {
    // The access token lapsed (or was ended elsewhere): renew once and try again.
    const renewed = await renew().catch(() => null);
    if (renewed) { return send(path, { method, body, auth, idempotencyKey, retryOn503 }); }
  }
  const retryAfter = Number(response.headers.get("Retry-After") ?? "0");
  if (response.status === 503 && retryOn503 > 0 && retryAfter > 0 && retryAfter <= 5) {
    // A busy login pool answers at once with Retry-After (SPEC §7): wait as told, then try again.
    await new Promise(resolve => setTimeout(resolve, retryAfter * 1000));
    return send(path, { method, body, auth, idempotencyKey, retryOn503: retryOn503 - 1 });
  }
  throw new ApiError(response.status, payload, explain(response.status, payload));
}

/** `GET`s and other calls of the API; returns the `data` of `{ success, data }`. */
export const api = {
  get: (path, options) => send(path, { ...options, method: "GET" }),
  post: (path, body, options) => send(path, { ...options, method: "POST", body }),
  put: (path, body, options) => send(path, { ...options, method: "PUT", body }),
  /** A money operation: one Idempotency-Key per intent, so a retry of the same click is the same operation. */
  money: (path, body, idempotencyKey = crypto.randomUUID()) => send(path, { method: "POST", body, idempotencyKey }),
};

export async function login(phone, password) {
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
