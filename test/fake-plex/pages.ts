// The pages read their parameters in the browser rather than templating them into the HTML, so no URL value ever needs escaping here.

export interface Page {
  status: number;
  contentType: string;
  body: string;
}

// data-testid="approved" is added so a test can wait for it to appear instead of checking visibility.
const APPROVE_SCRIPT = `
function approveCode(code, button, onApproved) {
  var error = document.getElementById('error');
  error.textContent = '';
  if (!code) { error.textContent = 'No code to approve'; return; }
  button.disabled = true;
  fetch('/__fake/approve', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: code })
  }).then(function (response) {
    return response.json().then(function (data) {
      if (!response.ok) throw new Error(data.error || ('HTTP ' + response.status));
      var done = document.createElement('p');
      done.setAttribute('data-testid', 'approved');
      done.textContent = 'Approved. You can close this window.';
      document.body.appendChild(done);
      if (onApproved) onApproved();
    });
  }).catch(function (e) {
    error.textContent = String(e && e.message || e);
    button.disabled = false;
  });
}`;

function html(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
<p data-testid="error" id="error" role="alert"></p>
<script>${APPROVE_SCRIPT}
${script}</script>
</body>
</html>
`;
}

// Approved, the real page goes to `forwardUrl` if given (Plex's "Authenticating with Plex"; python-plexapi `oauthUrl`, Seerr's login).
const authPage = (forwards: boolean) =>
  html(
    'Plex (fake) - Sign in',
    `<h1>Sign in with Plex (fake)</h1>
<p data-testid="product-line" id="product-line"></p>
<p>Code: <code data-testid="code" id="code"></code></p>
<button type="button" data-testid="approve" id="approve">Approve</button>
<pre data-testid="auth-params" id="auth-params"></pre>`,
    // The extension puts its parameters after "#?"; keys keep their brackets, e.g. "context[device][product]".
    `var params = {};
new URLSearchParams(location.hash.replace(/^#\\??/, '')).forEach(function (value, key) { params[key] = value; });
document.getElementById('auth-params').textContent = JSON.stringify(params);
document.getElementById('product-line').textContent = (params['context[device][product]'] || 'An app') + ' wants to sign in';
document.getElementById('code').textContent = params.code || '';
document.getElementById('approve').addEventListener('click', function (event) {
  approveCode(params.code, event.currentTarget, ${forwards} && params.forwardUrl && function () {
    location.href = params.forwardUrl;
  });
});`,
  );

// 4-character codes are upper case; accepting lower case matches how people type them.
const LINK_PAGE = html(
  'Plex (fake) - Link',
  `<h1>Link your device (fake)</h1>
<label>Code <input data-testid="pin-input" id="pin" name="pin" autocomplete="off"></label>
<button type="button" data-testid="approve" id="approve">Approve</button>`,
  `var input = document.getElementById('pin');
input.value = new URLSearchParams(location.search).get('pin') || '';
document.getElementById('approve').addEventListener('click', function (event) {
  approveCode(input.value.trim().toUpperCase(), event.currentTarget);
});`,
);

const AVATAR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" rx="32" fill="#e5a00d"/><circle cx="32" cy="25" r="11" fill="#1f1f1f"/>
<path d="M12 54c3-11 11-16 20-16s17 5 20 16" fill="#1f1f1f"/></svg>
`;

const AVATAR_PATH = /^\/users\/[^/]+\/avatar$/;

const HTML = 'text/html; charset=utf-8';

/** The page for a GET path, or undefined when the path belongs to the API. */
export function pageFor(path: string, options: { authPageForwards: boolean }): Page | undefined {
  if (path === '/auth') return { status: 200, contentType: HTML, body: authPage(options.authPageForwards) };
  if (path === '/link' || path === '/link/') return { status: 200, contentType: HTML, body: LINK_PAGE };
  if (AVATAR_PATH.test(path)) return { status: 200, contentType: 'image/svg+xml', body: AVATAR_SVG };
  // Browsers ask for it on their own when opening a page; it is not the extension's request.
  if (path === '/favicon.ico') return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'no icon' };
  return undefined;
}
