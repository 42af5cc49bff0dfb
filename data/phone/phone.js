// phone.js: the phone page. Joins the room, takes a seat, votes in the
// open round and keeps up with the laptop. src/phones/README.md describes
// the API; the page's words come from /strings.json.
'use strict';

const $ = (id) => document.getElementById(id);
const VIEWS = ['join', 'seats', 'waiting', 'vote'];
// How often the state is fetched while the event stream is down, and at
// most how long a ballot waits before it is sent again (ms).
const POLL_DOWN = 2000;
const POLL_UP = 15000;
const RETRY_MAX = 4000;

let S = {};                 // the page's words
let state = null;           // the last state the server told
let view = null;            // the view shown
let choosingSeat = false;   // "Change seat" pressed
let events = null;          // the EventSource
let streamUp = false;
let offline = false;
let pollTimer = 0;
let draft = null;           // { round, values: Map key -> value }
let savedVotes = '';        // the server's ballot of draft.round, as sent
let sending = null;         // { round, votes, body, key, timer }

// ---- Words -----------------------------------------------------------------

function fmt(key, values) {
  return (S[key] || key).replace(/\{(\w+)\}/g, (all, name) =>
    values && name in values ? String(values[name]) : all);
}

function applyWords() {
  document.documentElement.lang = S.lang || 'en';
  for (const element of document.querySelectorAll('[data-s]'))
    element.textContent = S[element.dataset.s] || '';
}

function say(text) {
  $('status').textContent = text || '';
}

// ---- Talking to the laptop ---------------------------------------------------

async function api(path, body) {
  const init = { method: body === undefined ? 'GET' : 'POST', credentials: 'same-origin',
                 cache: 'no-store', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.headers['X-Crossroads'] = '1';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  return { status: response.status, body: json || {},
           retryAfter: Number(response.headers.get('Retry-After')) || 1 };
}

let backTimer = 0;

function setOnline(up) {
  if (up && offline) {
    say(S.back);
    // Said once, then out of the way.
    clearTimeout(backTimer);
    backTimer = setTimeout(() => {
      if (!offline)
        say('');
    }, 4000);
  } else if (!up && !offline) {
    say(S.offline);
  }
  offline = !up;
}

// The state now, from the laptop: on waking up, when the laptop is back.
async function resync() {
  try {
    const answer = await api('/api/state');
    setOnline(true);
    if (answer.status === 200)
      show(answer.body);
    else if (answer.status === 403)
      showView('join');
    if (!events || events.readyState === EventSource.CLOSED)
      listen();
  } catch (e) {
    setOnline(false);
  }
}

function listen() {
  if (events)
    events.close();
  streamUp = false;
  if (!('EventSource' in window))
    return;
  events = new EventSource('/api/events');
  events.addEventListener('open', () => {
    streamUp = true;
    setOnline(true);
  });
  events.addEventListener('state', (event) => {
    streamUp = true;
    setOnline(true);
    show(JSON.parse(event.data));
  });
  events.addEventListener('error', () => {
    streamUp = false;
  });
}

// Polling: the fallback while the stream is down, and a check now and then
// that it is not silently dead.
function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if (state)
      await resync();
    schedulePoll();
  }, streamUp ? POLL_UP : POLL_DOWN);
}

// A phone that was locked, or a network that came back: the stream may be
// dead without knowing it. Start it again and ask for the state now.
function wake() {
  if (document.visibilityState === 'hidden' || !state)
    return;
  listen();
  resync();
  if (sending)
    sendBallot();
}

// ---- Views -------------------------------------------------------------------

function showView(name) {
  for (const v of VIEWS)
    $('view-' + v).hidden = v !== name;
  if (view === name)
    return false;
  const first = view === null;
  view = name;
  // A screen reader follows the page to what changed; the first view is
  // read from the top as the page loads.
  if (!first) {
    const heading = document.querySelector('#view-' + name + ' h2');
    heading.focus();
  }
  return true;
}

function show(next) {
  state = next;
  $('workshop').textContent = state.workshop || 'Crossroads';
  document.title = state.workshop || 'Crossroads';
  const seat = state.seat;
  $('seat-line').hidden = !seat;
  if (seat)
    $('seat-name').textContent = fmt('you_are', { seat: seat.label });
  $('change-seat').hidden = choosingSeat;

  if (state.status === 'no-seat' || choosingSeat) {
    if (showView('seats'))
      loadSeats();
    $('keep-seat').hidden = !seat;
    $('leave-seat').hidden = !seat;
  } else if (state.status === 'voting' && state.round) {
    showRound(state.round);
  } else {
    showWaiting(state.round);
  }
  if (sending && (!state.round || !state.round.open || state.round.id !== sending.round))
    stopSending();
}

// ---- Joining -----------------------------------------------------------------

async function join(body) {
  const answer = await api('/api/join', body);
  const error = $('join-error');
  error.textContent = '';
  if (answer.status === 200 || answer.status === 201) {
    if (location.pathname !== '/')
      history.replaceState(null, '', '/');
    show(answer.body);
    listen();
    return;
  }
  showView('join');
  // 400: letters no code has (a typo), as wrong as a wrong code.
  if (answer.status === 403 || (answer.status === 400 && body.code))
    error.textContent = S.wrong_code;
  else if (answer.status === 429)
    error.textContent = S.too_many;
  else if (answer.status === 503)
    error.textContent = S.full;
  else
    error.textContent = S.closed;
}

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('code').value.trim();
  if (code)
    join({ code }).catch(() => setOnline(false));
  else
    $('code').focus();
});

// ---- Seats -------------------------------------------------------------------

function choice(name, value, text, detail, checked, disabled) {
  const label = document.createElement('label');
  label.className = 'choice';
  const input = document.createElement('input');
  input.type = 'radio';
  input.name = name;
  input.value = value;
  input.checked = checked;
  input.disabled = disabled;
  label.append(input, wordsOf(text, detail, ''));
  return label;
}

// A title and, smaller below it, what it means.
function wordsOf(text, detail, id) {
  const words = document.createElement('span');
  words.className = 'words';
  const title = document.createElement('span');
  title.className = 'title';
  if (id)
    title.id = id;
  title.textContent = text;
  words.append(title);
  if (detail) {
    const small = document.createElement('span');
    small.className = 'detail';
    small.textContent = detail;
    words.append(small);
  }
  return words;
}

async function loadSeats() {
  const answer = await api('/api/seats');
  if (answer.status !== 200)
    return;
  const list = $('seats');
  list.replaceChildren();
  for (const seat of answer.body.seats) {
    const taken = seat.claimed && !seat.mine;
    const detail = [seat.role, taken ? S.taken : ''].filter(Boolean).join(' · ');
    list.append(choice('seat', String(seat.participant), seat.label, detail, seat.mine, taken));
  }
  if (answer.body.can_add)
    list.append(choice('seat', 'new', S.new_seat, '', false, false));
}

$('seats-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const picked = document.querySelector('input[name="seat"]:checked');
  const error = $('seats-error');
  if (!picked)
    return;
  const answer = await api('/api/claim',
                           { participant: picked.value === 'new' ? null : Number(picked.value) });
  error.textContent = '';
  if (answer.status === 200) {
    choosingSeat = false;
    show(answer.body);
  } else {
    error.textContent = answer.status === 409 ? S.seat_taken
      : answer.status === 403 ? S.seats_full : S.offline;
    loadSeats();
  }
});

$('change-seat').addEventListener('click', () => {
  choosingSeat = true;
  if (state)
    show(state);
});

$('keep-seat').addEventListener('click', () => {
  choosingSeat = false;
  show(state);
});

$('leave-seat').addEventListener('click', async () => {
  const answer = await api('/api/release', {});
  if (answer.status === 200) {
    choosingSeat = false;
    show(answer.body);
    loadSeats();
  }
});

// ---- Waiting and the result ----------------------------------------------------

function showWaiting(round) {
  showView('waiting');
  $('waiting-voted').hidden = !(round && round.ballot && round.ballot.length);
  const result = round && round.result;
  $('result').hidden = !result;
  if (!result)
    return;
  const percent = new Intl.NumberFormat(S.lang, { style: 'percent' });
  const number = new Intl.NumberFormat(S.lang, { maximumFractionDigits: 1 });
  const titles = new Map(round.options.map((o) => [o.id, o.title]));
  $('result-title').textContent = S.result_title;
  const list = $('result-list');
  list.replaceChildren();
  for (const item of result.options) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'title';
    name.textContent = titles.get(item.option) || item.option;
    const value = document.createElement('span');
    const bar = document.createElement('span');
    bar.className = 'bar';
    let fill = 0;
    if (round.method === 'score') {
      const mean = typeof item.overall === 'number' ? item.overall : null;
      value.textContent = mean === null ? '–' : fmt('mean', { mean: number.format(mean) });
      if (mean !== null && round.scale)
        fill = (mean - round.scale.min) / Math.max(1, round.scale.max - round.scale.min);
    } else {
      fill = item.share || 0;
      value.textContent = percent.format(fill);
    }
    bar.hidden = value.textContent === '–';
    // CSSOM, not a style attribute: the policy allows no inline style.
    bar.style.width = Math.round(Math.min(1, Math.max(0, fill)) * 100) + '%';
    li.append(name, value, bar);
    list.append(li);
  }
}

// ---- The ballot ------------------------------------------------------------------

function valueKey(option, criterion) {
  return option + '\u0001' + (criterion || '');
}

function criteriaOf(round) {
  return round.criteria && round.criteria.length ? round.criteria : [{ id: null, label: S.score }];
}

function fromBallot(round) {
  const values = new Map();
  for (const vote of round.ballot || [])
    values.set(round.method === 'single' ? '' : valueKey(vote.option, vote.criterion),
               round.method === 'single' ? vote.option : vote.value);
  return values;
}

// The votes of @values as the server wants them, in the template's order,
// so that two equal ballots read the same.
function votesOf(round, values) {
  const votes = [];
  if (round.method === 'single') {
    if (values.get(''))
      votes.push({ option: values.get(''), criterion: null, value: 1 });
    return votes;
  }
  for (const option of round.options) {
    if (round.method === 'dots') {
      const dots = values.get(valueKey(option.id, null)) || 0;
      if (dots > 0)
        votes.push({ option: option.id, criterion: null, value: dots });
    } else {
      for (const criterion of criteriaOf(round)) {
        const score = values.get(valueKey(option.id, criterion.id));
        if (score !== undefined)
          votes.push({ option: option.id, criterion: criterion.id, value: score });
      }
    }
  }
  return votes;
}

function dotsUsed(round, values) {
  let used = 0;
  for (const option of round.options)
    used += values.get(valueKey(option.id, null)) || 0;
  return used;
}

function showRound(round) {
  const fresh = !draft || draft.round.id !== round.id;
  const serverVotes = JSON.stringify(votesOf(round, fromBallot(round)));
  if (fresh) {
    draft = { round, values: fromBallot(round) };
    savedVotes = serverVotes;
    buildBallot(round);
  } else {
    // The saved ballot changed elsewhere while this phone had no changes
    // of its own: show the saved one.
    if (JSON.stringify(votesOf(round, draft.values)) === savedVotes && !sending)
      draft.values = fromBallot(round);
    draft.round = round;
    savedVotes = serverVotes;
  }
  // A new round on the view already shown replaces what had the focus.
  if (!showView('vote') && fresh)
    $('prompt').focus();
  syncBallot();
}

function buildBallot(round) {
  $('round-number').textContent = fmt('round', { number: round.number });
  $('prompt').textContent = round.prompt;
  $('help').textContent = round.help || '';
  $('help').hidden = !round.help;
  setNote('', '');
  const options = $('options');
  options.replaceChildren();
  options.className = round.method;
  $('dots-left').hidden = round.method !== 'dots';

  if (round.method === 'single') {
    $('ballot-legend').textContent = S.single_legend;
    for (const option of round.options)
      options.append(choice('single', option.id, option.title, option.summary, false, false));
  } else if (round.method === 'dots') {
    $('ballot-legend').textContent = fmt('dots_legend', { budget: round.budget });
    for (const option of round.options)
      options.append(dotsRow(option));
  } else {
    $('ballot-legend').textContent = fmt('score_legend', round.scale);
    for (const option of round.options)
      options.append(scoreGroup(round, option));
  }
}

function dotsRow(option) {
  const row = document.createElement('div');
  row.className = 'dots-row';
  row.setAttribute('role', 'group');
  const id = 'dots-' + option.id;
  row.setAttribute('aria-labelledby', id + '-title');
  const words = wordsOf(option.title, option.summary, id + '-title');
  const minus = document.createElement('button');
  minus.type = 'button';
  minus.className = 'step';
  minus.textContent = '−';
  minus.setAttribute('aria-label', fmt('dot_remove', { option: option.title }));
  const count = document.createElement('output');
  count.id = id;
  count.className = 'count';
  count.setAttribute('aria-labelledby', id + '-title');
  const plus = document.createElement('button');
  plus.type = 'button';
  plus.className = 'step';
  plus.textContent = '+';
  plus.setAttribute('aria-label', fmt('dot_add', { option: option.title }));
  minus.addEventListener('click', () => addDot(option.id, -1));
  plus.addEventListener('click', () => addDot(option.id, 1));
  const controls = document.createElement('div');
  controls.className = 'controls';
  controls.append(minus, count, plus);
  row.append(words, controls);
  return row;
}

function addDot(option, change) {
  const key = valueKey(option, null);
  const now = draft.values.get(key) || 0;
  const next = now + change;
  if (next < 0)
    return;
  // A "+" with the budget spent (a saved ballot opens so) says why nothing
  // happens, in the status line screen readers read out.
  if (dotsUsed(draft.round, draft.values) + change > draft.round.budget) {
    setNote('error', S.no_dots);
    return;
  }
  if (noteKind === 'error' && $('note').textContent === S.no_dots)
    setNote('', '');
  draft.values.set(key, next);
  syncBallot();
}

function scoreGroup(round, option) {
  const group = document.createElement('fieldset');
  group.className = 'option';
  const legend = document.createElement('legend');
  legend.textContent = option.title;
  group.append(legend);
  if (option.summary) {
    const detail = document.createElement('p');
    detail.className = 'detail';
    detail.textContent = option.summary;
    group.append(detail);
  }
  for (const criterion of criteriaOf(round)) {
    const scale = document.createElement('fieldset');
    scale.className = 'scale';
    const name = document.createElement('legend');
    name.textContent = criterion.label;
    const row = document.createElement('div');
    row.className = 'chips';
    for (let value = round.scale.min; value <= round.scale.max; value++) {
      const label = document.createElement('label');
      label.className = 'chip';
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = valueKey(option.id, criterion.id);
      input.value = String(value);
      const text = document.createElement('span');
      text.textContent = String(value);
      label.append(input, text);
      row.append(label);
    }
    scale.append(name, row);
    group.append(scale);
  }
  return group;
}

// The form as the draft says, without rebuilding it (focus stays).
function syncBallot() {
  const round = draft.round;
  if (round.method === 'single') {
    for (const input of document.querySelectorAll('input[name="single"]'))
      input.checked = input.value === draft.values.get('');
  } else if (round.method === 'dots') {
    const used = dotsUsed(round, draft.values);
    for (const option of round.options) {
      const dots = draft.values.get(valueKey(option.id, null)) || 0;
      const count = $('dots-' + option.id);
      count.value = String(dots);
      count.textContent = String(dots);
      const [minus, plus] = count.parentNode.querySelectorAll('button');
      // aria-disabled: the button just pressed keeps the focus.
      minus.setAttribute('aria-disabled', String(dots === 0));
      plus.setAttribute('aria-disabled', String(used >= round.budget));
    }
    $('dots-left').textContent = fmt('dots_left', { left: round.budget - used, budget: round.budget });
  } else {
    for (const input of $('options').querySelectorAll('input[type="radio"]'))
      input.checked = draft.values.get(input.name) === Number(input.value);
  }
  const votes = JSON.stringify(votesOf(round, draft.values));
  const hasSaved = savedVotes !== '[]';
  const changed = votes !== savedVotes;
  const send = $('send');
  send.textContent = sending ? S.saving : hasSaved ? S.change : S.send;
  // aria-disabled, not disabled: a disabled button would drop the focus of
  // someone who just pressed it.
  send.setAttribute('aria-disabled', String(!!sending || !changed || votes === '[]'));
  if (changed && noteKind === 'saved')
    setNote('', '');
  else if (!changed && hasSaved && !sending && noteKind === '')
    setNote('saved', S.saved_short);
}

// What became of this phone's ballot, under the button and read out.
let noteKind = '';

function setNote(kind, text) {
  noteKind = kind;
  const note = $('note');
  note.textContent = text;
  note.className = kind;
}

$('options').addEventListener('change', (event) => {
  const input = event.target;
  if (!draft || input.type !== 'radio')
    return;
  if (draft.round.method === 'single')
    draft.values.set('', input.value);
  else
    draft.values.set(input.name, Number(input.value));
  syncBallot();
});

function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

$('vote-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!draft || sending || $('send').getAttribute('aria-disabled') === 'true')
    return;
  const votes = votesOf(draft.round, draft.values);
  // A new key for a new ballot; sendBallot sends this one again, with the
  // same key, until the laptop answers.
  sending = { round: draft.round.id, votes: JSON.stringify(votes), key: newKey(), timer: 0, wait: 500 };
  sending.body = { round: sending.round, key: sending.key, votes };
  setNote('saving', S.saving);
  syncBallot();
  sendBallot();
});

function stopSending() {
  if (sending)
    clearTimeout(sending.timer);
  sending = null;
  if (draft)
    syncBallot();
}

function retryLater(seconds) {
  clearTimeout(sending.timer);
  sending.wait = Math.min(RETRY_MAX, seconds ? seconds * 1000 : sending.wait * 2);
  sending.timer = setTimeout(sendBallot, sending.wait);
}

async function sendBallot() {
  const mine = sending;
  if (!mine)
    return;
  clearTimeout(mine.timer);
  let answer;
  try {
    answer = await api('/api/ballot', mine.body);
  } catch (e) {
    if (sending === mine) {
      setNote('error', S.not_sent);
      setOnline(false);
      retryLater(0);
    }
    return;
  }
  if (sending !== mine)
    return;
  setOnline(true);
  if (answer.status === 200) {
    sending = null;
    setNote('saved', S.saved);
    show(answer.body.state);
  } else if (answer.status === 429 || answer.status === 503) {
    setNote('error', S.not_sent);
    retryLater(answer.status === 429 ? answer.retryAfter : 0);
  } else {
    sending = null;
    if (answer.status === 409)
      setNote('error', S.round_closed);
    else if (answer.status === 403)
      setNote('error', S.no_seat);
    else if (answer.body.error === 'not-taken')
      setNote('error', S.not_taken);
    else
      setNote('error', fmt('invalid', { message: answer.body.message || answer.status }));
    if (draft)
      syncBallot();
    resync();
  }
}

// The footer's height, for the page's scroll-padding (phone.css): it grows
// with the note and the font size.
new ResizeObserver(() => {
  const footer = document.querySelector('#view-vote .footer');
  document.documentElement.style.setProperty('--footer-height', footer.offsetHeight + 'px');
}).observe(document.querySelector('#view-vote .footer'));

// ---- Start ---------------------------------------------------------------------

async function loadWords() {
  for (;;) {
    try {
      const answer = await api('/strings.json');
      if (answer.status === 200)
        return answer.body;
    } catch (e) {
      // The laptop is not there yet: try again.
    }
    await new Promise((done) => setTimeout(done, POLL_DOWN));
  }
}

async function start() {
  S = await loadWords();
  applyWords();
  say(S.connecting);
  let answer = await api('/api/state');
  if (answer.status === 403) {
    const match = location.pathname.match(/^\/j\/([0-9a-f]{32})$/);
    say('');
    if (match) {
      await join({ token: match[1] });
    } else {
      showView('join');
    }
  } else if (answer.status === 200) {
    say('');
    show(answer.body);
    listen();
  }
  schedulePoll();
}

document.addEventListener('visibilitychange', wake);
window.addEventListener('online', wake);
window.addEventListener('pageshow', (event) => {
  if (event.persisted)
    wake();
});

function boot() {
  start().catch(() => {
    setOnline(false);
    setTimeout(boot, POLL_DOWN);
  });
}

boot();
