// The reviewer's page: claims an item of the review queue, shows the ad with the model's evidence
// highlighted, and sends the reviewer's verdict. The key lives in sessionStorage only, so it is gone
// when the tab closes; every text of the ad goes into the page as text, never as markup.
'use strict';

const KEY_STORAGE = 'moderation.reviewerKey';

const POLICIES = {
  contacts_in_text: 'Контакты в тексте',
  external_link: 'Внешняя ссылка',
  off_platform_payment: 'Оплата вне площадки',
  prohibited_goods: 'Запрещённый товар',
  spam: 'Спам',
  suspicious_price: 'Подозрительная цена',
  thin_listing: 'Недостаточно сведений',
};

const DECISIONS = { approve: 'одобрить', review: 'на проверку', reject: 'отклонить' };

const CAUSES = { review: 'модель просит проверки', quality_sample: 'выборочная проверка' };

const $ = (id) => document.getElementById(id);

let current = null;
let busy = false;

function key() {
  return sessionStorage.getItem(KEY_STORAGE);
}

async function call(method, path, body) {
  const headers = { 'X-API-Key': key() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 || response.status === 403) {
    signOut(response.status === 401 ? 'Ключ не подошёл.' : 'Этот ключ не даёт права проверять объявления.');
    throw new Error('not signed in');
  }
  return response;
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  current = null;
  show('key-form');
  $('sign-out').hidden = true;
  $('key-error').textContent = message || '';
  $('key').value = '';
  $('key').focus();
}

function show(id) {
  for (const section of ['key-form', 'empty', 'item']) {
    $(section).hidden = section !== id;
  }
}

function say(message, isError) {
  $('status').textContent = message;
  $('status').className = isError ? 'error' : '';
}

async function claimNext() {
  busy = true;
  try {
    const response = await call('POST', '/review/claim');
    if (response.status === 204) {
      current = null;
      $('queue-depth').textContent = '0';
      show('empty');
      return;
    }
    if (!response.ok) {
      say(await problem(response), true);
      return;
    }
    render(await response.json());
  }
  catch (error) {
    if (error.message !== 'not signed in') {
      say('Сервис недоступен: ' + error.message, true);
    }
  }
  finally {
    busy = false;
  }
}

function render(item) {
  current = item;
  const result = item.result;
  const ad = item.advertisement;
  $('queue-depth').textContent = String(item.queue_depth);
  $('task-id').textContent = String(item.task_id);
  $('cause').textContent = CAUSES[item.cause] || item.cause;
  $('model-decision').textContent = DECISIONS[result.model_decision] || result.model_decision || '—';
  $('probability').textContent = result.probability === null ? '—' : result.probability.toFixed(2);
  $('model-version').textContent = result.model_version || '—';
  const reasons = result.reasons || [];
  if (ad) {
    highlight($('ad-title'), ad.title, spansOf(reasons, 'title'));
    highlight($('ad-description'), ad.description, spansOf(reasons, 'description'));
    $('ad-price').textContent = Number(ad.price).toLocaleString('ru-RU') + ' ₽';
    $('ad-category').textContent = String(ad.category);
    $('ad-images').textContent = String(ad.images_qty);
    $('ad-seller').textContent = ad.seller_verified ? 'проверенный' : 'не проверен';
  }
  else {
    $('ad-title').textContent = 'Объявление удалено';
    for (const id of ['ad-description', 'ad-price', 'ad-category', 'ad-images', 'ad-seller']) {
      $(id).textContent = '—';
    }
  }
  const list = $('reasons');
  list.replaceChildren();
  for (const reason of reasons) {
    const entry = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = (POLICIES[reason.code] || reason.code) + (reason.subtype ? ' (' + reason.subtype + ')' : '');
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = ' ' + reason.score.toFixed(2);
    entry.append(name, score);
    const quotes = (reason.evidence || []).map((span) => '«' + span.text + '»').join(', ');
    if (quotes) {
      entry.append(' — ' + quotes);
    }
    list.append(entry);
  }
  if (reasons.length === 0) {
    const entry = document.createElement('li');
    entry.textContent = 'Модель не нашла нарушений.';
    list.append(entry);
  }
  $('reject-form').hidden = true;
  show('item');
}

function spansOf(reasons, field) {
  const spans = [];
  for (const reason of reasons) {
    for (const span of reason.evidence || []) {
      if (span.field === field) {
        spans.push({ start: span.start, end: span.end, code: reason.code });
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

// Offsets count UTF-16 code units, as JavaScript strings do: slice() takes them as they are.
function highlight(element, text, spans) {
  element.replaceChildren();
  let position = 0;
  for (const span of spans) {
    if (span.start < position || span.end > text.length || span.start >= span.end) {
      continue;
    }
    element.append(text.slice(position, span.start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(span.start, span.end);
    mark.title = POLICIES[span.code] || span.code;
    mark.dataset.policy = span.code;
    element.append(mark);
    position = span.end;
  }
  element.append(text.slice(position));
}

async function decide(verdict, reasonCode, note) {
  if (!current || busy) {
    return;
  }
  busy = true;
  const taskId = current.task_id;
  try {
    const body = { verdict };
    if (reasonCode) {
      body.reason_code = reasonCode;
    }
    if (note) {
      body.note = note;
    }
    const response = await call('POST', '/moderation_result/' + taskId + '/review', body);
    if (response.ok) {
      const result = await response.json();
      say('Задача ' + taskId + ': ' + (verdict === 'approve' ? 'одобрено' : 'отклонено') + ' (' + result.decided_by + ')');
    }
    else {
      say('Задача ' + taskId + ': ' + await problem(response), true);
    }
  }
  catch (error) {
    if (error.message === 'not signed in') {
      return;
    }
    say('Сервис недоступен: ' + error.message, true);
  }
  finally {
    busy = false;
  }
  await claimNext();
}

async function skip() {
  if (!current || busy) {
    return;
  }
  busy = true;
  const taskId = current.task_id;
  try {
    await call('POST', '/review/' + taskId + '/skip');
    say('Задача ' + taskId + ' пропущена');
  }
  catch (error) {
    if (error.message === 'not signed in') {
      return;
    }
  }
  finally {
    busy = false;
  }
  await claimNext();
}

function openRejectForm() {
  if (!current) {
    return;
  }
  const select = $('reason-code');
  select.replaceChildren();
  for (const [code, name] of Object.entries(POLICIES)) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = name;
    select.append(option);
  }
  const strongest = (current.result.reasons || []).find((reason) => reason.code in POLICIES);
  if (strongest) {
    select.value = strongest.code;
  }
  $('note').value = '';
  $('reject-form').hidden = false;
  select.focus();
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || ('ошибка ' + response.status);
  }
  catch (error) {
    return 'ошибка ' + response.status;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('key').value.trim());
    $('key-error').textContent = '';
    $('sign-out').hidden = false;
    claimNext();
  });
  $('sign-out').addEventListener('click', () => signOut(''));
  $('refresh').addEventListener('click', claimNext);
  $('approve').addEventListener('click', () => decide('approve'));
  $('reject').addEventListener('click', openRejectForm);
  $('skip').addEventListener('click', skip);
  $('reject-cancel').addEventListener('click', () => { $('reject-form').hidden = true; });
  $('reject-form').addEventListener('submit', (event) => {
    event.preventDefault();
    decide('reject', $('reason-code').value, $('note').value.trim());
  });
  // Shortcuts by key position (event.code), so they work in the Russian layout too.
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || $('item').hidden) {
      return;
    }
    if (!$('reject-form').hidden) {
      if (event.key === 'Escape') {
        $('reject-form').hidden = true;
      }
      // A select does not submit its form on Enter as a text field does.
      else if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
        event.preventDefault();
        $('reject-form').requestSubmit();
      }
      return;
    }
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) {
      return;
    }
    const actions = { KeyA: () => decide('approve'), KeyR: openRejectForm, KeyS: skip };
    const action = actions[event.code];
    if (action) {
      event.preventDefault();
      action();
    }
  });
  if (key()) {
    $('sign-out').hidden = false;
    claimNext();
  }
  else {
    signOut('');
  }
});
