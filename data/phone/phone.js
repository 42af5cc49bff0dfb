// phone.js: joins with the token in the address and follows the state.
// A first version: src/phones/README.md describes the whole API.
'use strict';

const status = document.getElementById('status');

async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.headers['X-Crossroads'] = '1';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  return { status: response.status, body: await response.json() };
}

function show(state) {
  if (state.status === 'no-seat')
    status.textContent = 'Joined. Choose your seat.';
  else if (state.status === 'voting')
    status.textContent = state.round.prompt;
  else
    status.textContent = 'Waiting for the facilitator…';
}

async function start() {
  let answer = await api('GET', '/api/state');
  if (answer.status === 403) {
    const match = location.pathname.match(/^\/j\/([0-9a-f]{32})$/);
    if (!match) {
      status.textContent = 'Scan the code on the screen to join.';
      return;
    }
    answer = await api('POST', '/api/join', { token: match[1] });
  }
  if (answer.status >= 400) {
    status.textContent = 'This room cannot be joined now.';
    return;
  }
  show(answer.body);
  const events = new EventSource('/api/events');
  events.addEventListener('state', (event) => show(JSON.parse(event.data)));
}

start();
