// Renders /openapi.json with Scalar. The document is fetched here (not by Scalar) so that, where the panel is
// admins-only (production), the access token the panel stored can be sent with it.
const tokenKey = 'arya.panel.token';
const form = document.getElementById('sign-in');
const tokenInput = document.getElementById('token');

async function show() {
  const token = sessionStorage.getItem(tokenKey) ?? '';
  const response = await fetch('/openapi.json', { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status === 401 || response.status === 403) {
    const { error } = await response.json();
    document.getElementById('sign-in-reason').textContent = error.message;
    form.hidden = false;
    return;
  }
  form.hidden = true;
  // Scalar's standalone build puts `Scalar` on window.
  // Fonts from this page only (Scalar's default loads them from its CDN), and no hosted-service toolbar.
  window.Scalar.createApiReference('#reference', {
    content: await response.json(),
    withDefaultFonts: false,
    showDeveloperTools: 'never',
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, tokenInput.value.trim());
  void show();
});

void show();
