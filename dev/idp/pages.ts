// The IdP's own HTML pages, in French: login, logout confirmation, signed-out and error.
// Self-contained (no external assets) so they render offline and leak nothing to third parties.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export const LOGIN_TITLE = "Connexion — Espace régional d'imagerie (démonstration)";
export const LOGIN_ERROR = 'Identifiant ou mot de passe incorrect.';

// Colours keep at least 4.5:1 contrast (WCAG AA) against their backgrounds.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f3f5f8}
main{max-width:26rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 1.25rem;color:#000091}
.card{background:#fff;border:1px solid #c9ced6;border-radius:.5rem;padding:1.25rem}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #666;border-radius:.3rem;background:#fff;color:#1b1b1b}
button{margin-top:1.2rem;width:100%;font:inherit;font-weight:600;padding:.7rem;border:0;border-radius:.3rem;background:#000091;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#000091;border:1px solid #000091}
button:hover{background:#1212ff}
button.secondary:hover{background:#e3e3fd}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.error{margin:0 0 1rem;padding:.7rem .9rem;border-left:4px solid #ce0500;background:#ffe9e9;color:#7a0300}
.demo{margin-top:1.25rem;padding:.9rem 1rem;border:1px dashed #3a3a3a;border-radius:.5rem;background:#fffbe6}
.demo h2{font-size:1rem;margin:0 0 .4rem}
.demo ul{margin:.2rem 0 .5rem;padding-left:1.2rem}
.demo p{margin:.3rem 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}
`;

/** `title` is trusted markup: constants only, never user input. */
function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const DEMO_ACCOUNTS: readonly { username: string; description: string }[] = [
  { username: 'medecin', description: 'médecin généraliste' },
  { username: 'radiologue', description: 'médecin radiologue' },
  { username: 'patient1', description: 'patiente (Marie Dubois)' },
  { username: 'patient2', description: 'patient (Jean Martin)' },
];

export function loginPage(opts: { action: string; username?: string; error?: boolean }): string {
  const error = opts.error
    ? `<p class="error" id="login-error" role="alert">${escapeHtml(LOGIN_ERROR)}</p>`
    : '';
  const described = opts.error ? ' aria-describedby="login-error"' : '';
  // After a failed attempt the identifier is kept, so the password is where to type next.
  const focusUser = opts.error ? '' : ' autofocus';
  const focusPassword = opts.error ? ' autofocus' : '';
  const accounts = DEMO_ACCOUNTS.map(
    (a) => `<li><code>${escapeHtml(a.username)}</code> — ${escapeHtml(a.description)}</li>`,
  ).join('');
  return layout(
    LOGIN_TITLE,
    `<h1>${LOGIN_TITLE}</h1>
<div class="card">
${error}
<form method="post" action="${escapeHtml(opts.action)}" autocomplete="on" novalidate>
<label for="username">Identifiant</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(opts.username ?? '')}"${described}${focusUser}>
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}${focusPassword}>
<button type="submit">Se connecter</button>
</form>
</div>
<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title">Comptes de démonstration</h2>
<ul>${accounts}</ul>
<p>Mot de passe : <code>demo</code></p>
<p>Personnes et identifiants fictifs : aucune donnée réelle.</p>
</section>`,
  );
}

/**
 * `form` is oidc-provider's hidden form (with its anti-CSRF token). When the application
 * named the session with `id_token_hint`, the user already chose to sign out there, so the
 * form is submitted at once; without it, the user confirms here.
 */
export function logoutPage(opts: { form: string; autoSubmit: boolean }): string {
  const auto = opts.autoSubmit
    ? `<script>(function(){var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();})();</script>`
    : '';
  return layout(
    'Déconnexion — Espace régional d’imagerie (démonstration)',
    `<h1>Déconnexion</h1>
<div class="card">
<p>Voulez-vous vous déconnecter de l’espace régional d’imagerie ?</p>
${opts.form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Se déconnecter</button>
<button type="submit" form="op.logoutForm" class="secondary">Rester connecté</button>
</div>
${auto}`,
  );
}

export function loggedOutPage(): string {
  return layout(
    'Déconnecté — Espace régional d’imagerie (démonstration)',
    `<h1>Vous êtes déconnecté</h1>
<div class="card"><p>Votre session a bien été fermée. Vous pouvez fermer cette page.</p></div>`,
  );
}

const ERROR_TEXT: Record<string, string> = {
  invalid_request: 'La demande de connexion est invalide.',
  invalid_client: 'L’application qui demande la connexion est inconnue.',
  invalid_redirect_uri: 'L’adresse de retour de l’application n’est pas autorisée.',
  access_denied: 'L’accès a été refusé.',
  login_required: 'Vous devez vous connecter.',
  session_not_found: 'Votre session a expiré. Veuillez recommencer la connexion.',
  invalid_target: 'La ressource demandée est inconnue.',
  server_error: 'Une erreur interne est survenue.',
};

/** `code` comes from oidc-provider; the description stays out (English, and may echo input). */
export function errorPage(opts: { code: string; status?: number }): string {
  const text = ERROR_TEXT[opts.code] ?? 'La connexion n’a pas pu aboutir.';
  return layout(
    'Erreur — Espace régional d’imagerie (démonstration)',
    `<h1>Connexion impossible</h1>
<div class="card">
<p role="alert">${escapeHtml(text)}</p>
<p>Revenez à l’application et recommencez. Code technique : <code>${escapeHtml(opts.code)}</code></p>
</div>`,
  );
}
