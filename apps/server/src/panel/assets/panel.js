// Browser script of the developer panel (served as a file so the CSP needs no 'unsafe-inline').
const tokenInput = document.getElementById('token');
const statusLine = document.getElementById('status');
const list = document.getElementById('procedures');
const detail = document.getElementById('detail');

tokenInput.value = sessionStorage.getItem('arya.panel.token') ?? '';
tokenInput.addEventListener('change', () => sessionStorage.setItem('arya.panel.token', tokenInput.value.trim()));

function authHeaders() {
  const token = tokenInput.value.trim();
  return token ? { authorization: `Bearer ${token}` } : {};
}

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

/** A starting input built from the JSON Schema: required fields with placeholder values. */
function exampleFor(schema) {
  if (!schema || typeof schema !== 'object') return null;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) return exampleFor(variants.find((variant) => variant.type !== 'null') ?? variants[0]);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map(exampleFor));
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name));
      return Object.fromEntries(entries.map(([name, property]) => [name, exampleFor(property)]));
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function procedureUrl(path, input) {
  const url = new URL(`/trpc/${path}`, location.origin);
  if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
  return url;
}

async function readSubscription(response, output, signal) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  output.textContent = '';
  while (!signal.aborted) {
    const { done, value } = await reader.read();
    if (done) break;
    output.textContent += decoder.decode(value, { stream: true });
  }
}

let stopSubscription = () => {};

async function call(procedure, inputText, output) {
  stopSubscription();
  let input;
  try {
    input = inputText.trim() === '' ? undefined : JSON.parse(inputText);
  } catch (error) {
    output.textContent = `Input is not valid JSON: ${error.message}`;
    return;
  }
  const started = performance.now();
  const controller = new AbortController();
  stopSubscription = () => controller.abort();
  try {
    const response =
      procedure.type === 'mutation'
        ? await fetch(procedureUrl(procedure.path), {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authHeaders() },
            body: JSON.stringify(input ?? null),
            credentials: 'same-origin',
          })
        : await fetch(procedureUrl(procedure.path, input), {
            headers: {
              ...authHeaders(),
              ...(procedure.type === 'subscription' ? { accept: 'text/event-stream' } : {}),
            },
            credentials: 'same-origin',
            signal: controller.signal,
          });
    if (procedure.type === 'subscription' && response.ok) {
      await readSubscription(response, output, controller.signal);
      return;
    }
    const body = await response.json();
    const elapsed = Math.round(performance.now() - started);
    output.textContent = `HTTP ${response.status} in ${elapsed} ms\n\n${JSON.stringify(body, null, 2)}`;
    const accessToken = body?.result?.data?.accessToken;
    if (typeof accessToken === 'string') {
      tokenInput.value = accessToken;
      sessionStorage.setItem('arya.panel.token', accessToken);
      showStatus('Access token from the response put into the token field.');
    }
  } catch (error) {
    if (!controller.signal.aborted) output.textContent = `Request failed: ${error.message}`;
  }
}

function showProcedure(procedure, button) {
  for (const other of list.querySelectorAll('button')) other.setAttribute('aria-current', String(other === button));
  const inputText = element('textarea', {
    value: procedure.input ? JSON.stringify(exampleFor(procedure.input), null, 2) : '',
    placeholder: procedure.input ? '' : 'this procedure takes no input',
  });
  const output = element('pre', { textContent: 'No call yet.' });
  const callButton = element('button', {
    type: 'button',
    textContent: procedure.type === 'subscription' ? 'Subscribe' : 'Call',
  });
  callButton.addEventListener('click', () => call(procedure, inputText.value, output));
  const stopButton = element('button', {
    type: 'button',
    textContent: 'Stop',
    hidden: procedure.type !== 'subscription',
  });
  stopButton.addEventListener('click', () => stopSubscription());
  detail.replaceChildren(
    element('h2', {}, [
      element('code', { textContent: procedure.path }),
      ' ',
      element('span', { className: `badge ${procedure.type}`, textContent: procedure.type }),
    ]),
    element('h3', { textContent: 'Input schema' }),
    element('pre', { textContent: procedure.input ? JSON.stringify(procedure.input, null, 2) : 'none' }),
    element('h3', { textContent: 'Input' }),
    inputText,
    element('p', {}, [callButton, ' ', stopButton]),
    element('h3', { textContent: 'Response' }),
    output,
  );
}

function showCatalogue(procedures) {
  const groups = Map.groupBy(procedures, (procedure) => procedure.path.split('.').slice(0, -1).join('.') || '(root)');
  list.replaceChildren(
    ...[...groups].flatMap(([group, members]) => [
      element('h2', { textContent: group }),
      ...members.map((procedure) => {
        const button = element('button', { type: 'button' }, [
          element('span', { textContent: procedure.path.slice(group === '(root)' ? 0 : group.length + 1) }),
          element('span', { className: `badge ${procedure.type}`, textContent: procedure.type[0].toUpperCase() }),
        ]);
        button.addEventListener('click', () => showProcedure(procedure, button));
        return button;
      }),
    ]),
  );
}

function showStatus(text, { error = false } = {}) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', error);
}

async function loadCatalogue() {
  showStatus('');
  const response = await fetch('/panel/schema.json', { headers: authHeaders(), credentials: 'same-origin' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    showStatus(`Could not load procedures (HTTP ${response.status}): ${body?.error?.message ?? response.statusText}`, {
      error: true,
    });
    return;
  }
  const { procedures } = await response.json();
  showCatalogue(procedures);
  showStatus(
    `${procedures.length} procedures. Procedures taking multipart/form-data (file uploads) cannot be called from here.`,
  );
}

document.getElementById('reload').addEventListener('click', loadCatalogue);
loadCatalogue();
