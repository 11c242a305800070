// Logging in and signing up (an invite code comes from a ?invite= link).
import { html, useState, useAction, ErrorNote } from "./ui.js";
import { login, register } from "./api.js";
import { go } from "./context.js";

function PhoneAndPassword({ phone, setPhone, password, setPassword, newPassword }) {
  return html`
    <label>Phone number
      <input name="phone" type="tel" inputmode="tel" autocomplete="tel" required value=${phone} onInput=${e => setPhone(e.currentTarget.value)} placeholder="98765 43210" />
    </label>
    <label>Password
      <input name="password" type="password" required minlength=${newPassword ? 8 : 1} autocomplete=${newPassword ? "new-password" : "current-password"}
        value=${password} onInput=${e => setPassword(e.currentTarget.value)} />
    </label>`;
}

export function LoginScreen({ next }) {
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, run } = useAction();
  const submit = async event => {
    event.preventDefault();
    const user = await run(() => login(phone, password).catch(e => {
      if (e.status === 401) { e.message = "Wrong phone number or password."; }
      throw e;
    }));
    if (user) { go(next || "game/wingo/30"); }
  };
  return html`<section class="card narrow">
    <h1>Log in</h1>
    <form onSubmit=${submit} data-testid="login-form">
      <${PhoneAndPassword} ...${{ phone, setPhone, password, setPassword }} />
      <${ErrorNote} error=${error} />
      <button type="submit" disabled=${busy}>${busy ? "Logging in…" : "Log in"}</button>
    </form>
    <p class="muted">New here? <a href="#/register">Create an account</a></p>
  </section>`;
}

export function RegisterScreen() {
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [invite, setInvite] = useState(sessionStorage.getItem("gameserver.invite") ?? "");
  const { busy, error, run } = useAction();
  const submit = async event => {
    event.preventDefault();
    const user = await run(() => register(phone, password, invite.trim()));
    if (user) {
      sessionStorage.removeItem("gameserver.invite");
      go("wallet/deposit");
    }
  };
  return html`<section class="card narrow">
    <h1>Create your account</h1>
    <form onSubmit=${submit} data-testid="register-form">
      <${PhoneAndPassword} ...${{ phone, setPhone, password, setPassword, newPassword: true }} />
      <label>Invite code <span class="muted">(optional)</span>
        <input name="invite" value=${invite} onInput=${e => setInvite(e.currentTarget.value)} autocomplete="off" />
      </label>
      <${ErrorNote} error=${error} />
      <button type="submit" disabled=${busy}>${busy ? "Creating…" : "Sign up"}</button>
    </form>
    <p class="muted">Already have an account? <a href="#/login">Log in</a></p>
  </section>`;
}
