// The page a GP sees when the link from their software cannot open anything. Served by the
// gateway itself: it needs no login, no script and no SPA, and works from any DPI. Anyone
// holding its address can read it, so it quotes nothing from the link (routes.ts shows the
// parsers' value-free wording); it escapes all it shows all the same, as text from outside.

export interface ShownError {
  parameter: string;
  message: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

export function escapeHtml(text: string): string {
  // Text content and a title only: no value ever lands in an attribute or a script.
  return text.replace(/[&<>"]/g, (ch) => ESCAPES[ch] ?? ch);
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;background:#f4f6f8;color:#1b1f24;line-height:1.5}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.4rem;margin:0 0 1rem}
section{background:#fff;border:1px solid #c9d1d9;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1rem}
.problems li{margin-bottom:.5rem}
code{background:#eef1f4;padding:0 .25rem;border-radius:3px;overflow-wrap:anywhere}
a{color:#0b4f9c}
a:focus,a:hover{outline:2px solid #0b4f9c;outline-offset:2px}
`;

export function launchErrorPage(opts: {
  title: string;
  intro: string;
  errors: readonly ShownError[];
  whatToDo: readonly string[];
}): string {
  const items = opts.errors
    .map((e) => `<li><code>${escapeHtml(e.parameter)}</code> : ${escapeHtml(e.message)}</li>`)
    .join('\n');
  const steps = opts.whatToDo.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(opts.title)} — Imagerie régionale</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(opts.title)}</h1>
<section role="alert" aria-labelledby="problems-title">
<h2 id="problems-title" style="font-size:1.1rem;margin-top:0">${escapeHtml(opts.intro)}</h2>
<ul class="problems" data-testid="launch-errors">
${items}
</ul>
</section>
<section aria-labelledby="todo-title">
<h2 id="todo-title" style="font-size:1.1rem;margin-top:0">Que faire ?</h2>
<ul>
${steps}
</ul>
<p><a href="/">Ouvrir la visionneuse et rechercher le patient</a></p>
</section>
</main>
</body>
</html>
`;
}

export const LAUNCH_FAILED_TITLE = 'L’imagerie n’a pas pu être ouverte';

export const WHAT_TO_DO_AFTER_BAD_LINK: readonly string[] = [
  'Revenez à votre logiciel (dossier patient, RIS ou compte rendu) et relancez l’ouverture de l’imagerie.',
  'Si le message revient, transmettez-le à l’éditeur de votre logiciel : c’est lui qui fabrique ce lien.',
  'En attendant, vous pouvez ouvrir la visionneuse et rechercher le patient vous-même.',
];
