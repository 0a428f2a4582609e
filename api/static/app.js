/* protokol: the page for people. Plain JavaScript, no build step, nothing from the network.
 *
 * Safety rule of this file: document text reaches the page only through textContent and
 * createTextNode, never through innerHTML or any other HTML parser; links are built from values
 * checked against mailto:/http(s): patterns. The page is also served with a CSP that allows our
 * own script only.
 *
 * Flow: a file (chosen or dropped) or pasted text -> POST /v1/extract?include_text=true -> the
 * header, the decision table and the text with every value highlighted from its start/end offsets;
 * a table cell -> its evidence in the text. Downloads: JSON here, XLSX/CSV/ICS from POST /v1/export
 * (the writers of the bulk command). With an API key on the server the page asks for it once (on the
 * first E041) and keeps it in sessionStorage.
 */
"use strict";

(function () {
  const KEY_STORE = "protokol.apiKey";

  // The API's coded errors in words a clerk understands (codes: api/errors.py, extractor/errors.py).
  const MESSAGES = {
    E001: "Документ пустой: в нём нет текста.",
    E002: "Это не текстовый документ. Загрузите протокол в формате PDF, DOCX или TXT.",
    E003: "Не удалось прочитать текст: неизвестная кодировка. Сохраните файл в кодировке UTF-8 и загрузите снова.",
    E010: "Такой формат файла не поддерживается. Сохраните документ как DOCX, PDF или TXT (в Word: «Файл» → «Сохранить как» → .docx) и загрузите снова.",
    E011: "Файл повреждён: PDF не открывается. Сохраните его заново из исходного документа или загрузите DOCX.",
    E012: "PDF защищён паролем. Загрузите копию без защиты или исходный DOCX.",
    E013: "Это скан без текстового слоя: в нём нет текста, который можно прочитать. Загрузите исходный DOCX или PDF, сохранённый из Word.",
    E014: "В документе слишком много страниц. Загрузите только сам протокол, без приложений.",
    E015: "Файл слишком большой. Загрузите протокол без сканов приложений и картинок.",
    E016: "Файл повреждён: DOCX не открывается. Откройте его в Word или LibreOffice, сохраните заново и загрузите новую копию.",
    E017: "Файл подозрительно сильно распаковывается и поэтому отклонён. Сохраните его заново из Word или LibreOffice без встроенных объектов.",
    E018: "Документ обрабатывался слишком долго, обработка остановлена. Загрузите файл поменьше или протокол без приложений.",
    E019: "Файл повреждён: часть архива не распаковывается. Упакуйте архив заново.",
    E021: "Это скан, а распознавание текста на сервере не установлено. Загрузите исходный DOCX или PDF, сохранённый из Word, или попросите администратора установить распознавание (tesseract).",
    E022: "На этой веб-странице нет текста протокола. Откройте страницу с самим протоколом или загрузите его в формате DOCX или PDF.",
    E023: "Письмо повреждено: его не удаётся разобрать на части. Сохраните вложения из почтовой программы и загрузите их по одному.",
    E024: "Вложение письма повреждено и не читается. Сохраните его из почтовой программы и загрузите отдельно.",
    E025: "В письме несколько документов, а страница показывает один. Сохраните вложение с протоколом и загрузите его.",
    E040: "Запрос не принят: выберите файл или вставьте текст протокола и попробуйте ещё раз.",
    E041: "Нужен ключ доступа к серверу.",
    E042: "Сервер не знает такого адреса. Обновите страницу.",
    E043: "Сервер не знает такого действия. Обновите страницу.",
    E044: "Сервер сейчас занят другими документами. Подождите несколько секунд и попробуйте снова.",
    E045: "Сервер ещё запускается. Подождите несколько секунд и попробуйте снова.",
    E099: "На сервере произошла внутренняя ошибка. Сообщите администратору номер запроса.",
    NETWORK: "Сервер не отвечает. Проверьте, что программа protokol запущена, и попробуйте снова.",
    NOTHING: "Выберите файл протокола или вставьте его текст.",
    NOKEY: "Без ключа доступа сервер не принимает документы.",
    BADKEY: "Ключ доступа не подошёл. Проверьте его и введите ещё раз.",
  };

  // These tables mirror models/protocol.py (kinds, ASSIGNMENT_KINDS); tests/test_web.py checks they agree.
  const ASKS_ACTION = ["assignment", "recommendation"];
  const KIND_RU = { assignment: "поручение", recommendation: "рекомендация", note: "к сведению", resolution: "решение" };
  const ROLE_RU = { lead: "исполнитель", co: "соисполнитель", responsible: "ответственный" };
  const DEADLINE_RU = {
    date: "дата", datetime: "дата и время", range: "период", relative: "относительный срок",
    recurring: "регулярно", ongoing: "постоянно", as_established: "в установленный срок", event: "по событию",
  };
  const UNIT_RU = { day: "дн.", working_day: "раб. дн.", week: "нед.", month: "мес." };
  const FREQ_RU = { daily: "ежедневно", weekly: "еженедельно", monthly: "ежемесячно", quarterly: "ежеквартально", yearly: "ежегодно" };
  // Highlight types, outer first when two values cover the same characters; displaCy colours (app.css).
  const TYPES = [
    ["decision", "решение"], ["header", "реквизит"], ["org", "организация"], ["loc", "место"], ["person", "персона"],
    ["addressee", "исполнитель"], ["deadline", "срок"], ["email", "e-mail"], ["url", "ссылка"], ["reference", "документ"],
  ];
  const TYPE_RANK = Object.fromEntries(TYPES.map(([t], i) => [t, i]));
  const TYPE_LABEL = Object.fromEntries(TYPES);
  const LOW_CONFIDENCE = 80;

  const $ = (id) => document.getElementById(id);
  const state = { file: null, protocol: null, text: "", evidence: new Map(), busy: false };

  // -- small DOM helpers (text only) ------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("data-")) node.dataset[name.slice(5).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // -- the API -----------------------------------------------------------------------------------
  class UiError extends Error {
    constructor(code, detail, requestId) {
      super(code);
      this.code = code;
      this.detail = detail || "";
      this.requestId = requestId || "";
    }
  }

  async function readError(response) {
    let code = null;
    let detail = "";
    try {
      const body = await response.json();
      if (body && body.error) {
        code = body.error.code;
        detail = body.error.message;
      }
    } catch (_) { /* not our envelope (a proxy page): fall through */ }
    if (!code) code = response.status === 401 ? "E041" : response.status >= 500 ? "E099" : "E040";
    return new UiError(code, detail || `HTTP ${response.status}`, response.headers.get("X-Request-ID"));
  }

  // Asks for the API key with the small form; resolves with it, rejects when cancelled.
  let pendingKey = null;
  function askKey(wrong) {
    if (pendingKey) return pendingKey.promise;
    const form = $("key-form");
    $("key-why").textContent = wrong ? MESSAGES.BADKEY
      : "Сервер защищён ключом доступа. Введите ключ, который выдал администратор; он будет запомнен до закрытия вкладки.";
    show(form, true);
    $("api-key").value = "";
    $("api-key").focus();
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    pendingKey = { promise, resolve, reject };
    return promise;
  }

  function finishKey(key) {
    const pending = pendingKey;
    pendingKey = null;
    show($("key-form"), false);
    if (!pending) return;
    if (key) {
      sessionStorage.setItem(KEY_STORE, key);
      pending.resolve(key);
    } else {
      pending.reject(new UiError("NOKEY"));
    }
  }

  // fetch with the API key; on E041 asks for the key (once per wrong key) and tries again.
  async function request(path, makeInit) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const init = makeInit();
      const key = sessionStorage.getItem(KEY_STORE);
      init.headers = Object.assign({}, init.headers || {}, key ? { "X-API-Key": key } : {});
      let response;
      try {
        response = await fetch(path, init);
      } catch (exc) {
        throw new UiError("NETWORK", String(exc));
      }
      if (response.ok) return response;
      const error = await readError(response);
      if (error.code !== "E041") throw error;
      sessionStorage.removeItem(KEY_STORE);
      await askKey(Boolean(key));
    }
    throw new UiError("BADKEY");
  }

  function explain(error) {
    const code = error instanceof UiError ? error.code : "E099";
    let text = MESSAGES[code] || `Документ не удалось обработать (код ошибки ${code}).`;
    if (code === "E099" && error.requestId) text += ` Номер запроса: ${error.requestId}.`;
    const tech = [code.startsWith("E") ? code : "", error.detail || (error instanceof UiError ? "" : String(error))]
      .filter(Boolean).join(": ");
    return { text, tech };
  }

  function showError(error) {
    const { text, tech } = explain(error);
    $("error-text").textContent = text;
    $("error-tech").textContent = tech;
    show($("error-details"), Boolean(tech));
    show($("error"), true);
    $("error").dataset.code = error.code || "";
  }

  // -- input: file, drop, paste ------------------------------------------------------------------
  function setFile(file) {
    state.file = file || null;
    if (file) {
      $("text").value = "";
      const kb = Math.max(1, Math.round(file.size / 1024));
      $("file-name").textContent = `Выбран файл: ${file.name} (${kb} КБ)`;
    } else {
      $("file-name").textContent = "";
      $("file").value = "";
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    $("submit").disabled = busy;
    $("upload-form").setAttribute("aria-busy", busy ? "true" : "false");
    show($("progress"), busy);
    clearInterval(setBusy.timer);
    if (busy) {
      const started = Date.now();
      $("progress-text").textContent = "Документ обрабатывается…";
      setBusy.timer = setInterval(() => {
        const seconds = Math.round((Date.now() - started) / 1000);
        $("progress-text").textContent = `Документ обрабатывается… ${seconds} с`;
      }, 1000);
    }
  }

  async function submit(event) {
    event.preventDefault();
    if (state.busy) return;
    show($("error"), false);
    const file = state.file;
    const text = $("text").value;
    if (!file && !text.trim()) {
      showError(new UiError("NOTHING"));
      return;
    }
    setBusy(true);
    try {
      const response = await request("/v1/extract?include_text=true", () => file
        ? { method: "POST", body: (() => { const f = new FormData(); f.append("file", file, file.name); return f; })() }
        : { method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ text, name: "Вставленный текст.txt" }) });
      const data = await response.json();
      render(data);
    } catch (error) {
      show($("result"), false);
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  // -- the result --------------------------------------------------------------------------------
  function render(data) {
    const text = typeof data.source_text === "string" ? data.source_text : "";
    const pages = Array.isArray(data.source_pages) ? data.source_pages : null;
    const protocol = Object.assign({}, data);
    delete protocol.source_text;
    delete protocol.source_pages;
    state.protocol = protocol;
    state.text = text;
    state.evidence = new Map();
    const spans = collect(protocol, text);
    renderHeader(protocol);
    renderDecisions(protocol);
    renderText(text, spans, pages);
    show($("download-error"), false);
    show($("result"), true);
    show($("reset"), true);
    $("protocol-title").focus({ preventScroll: true });
    $("result").scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // Every grounded value -> an evidence key; identical (start, end, type) share one highlight.
  function collect(p, text) {
    const spans = new Map();
    function add(key, type, value) {
      if (!value || !Number.isInteger(value.start) || !Number.isInteger(value.end)) return null;
      if (value.start < 0 || value.end > text.length || value.end <= value.start) return null;
      state.evidence.set(key, { type, start: value.start, end: value.end, page: value.page, text: value.text,
                                confidence: value.confidence });
      // one highlight per range: the more specific type colours it, the label names every type
      const id = `${value.start}:${value.end}`;
      let span = spans.get(id);
      if (!span) {
        span = { start: value.start, end: value.end, type, types: [], keys: [], confidence: value.confidence };
        spans.set(id, span);
      }
      if (TYPE_RANK[type] > TYPE_RANK[span.type]) span.type = type;
      if (!span.types.includes(type)) span.types.push(type);
      span.keys.push(key);
      return key;
    }
    const h = p.header || {};
    for (const field of ["body", "title", "number", "date", "place"]) add(`h-${field}`, "header", h[field]);
    add("h-chair", "person", h.chair);
    add("h-secretary", "person", h.secretary);
    (p.attendees || []).forEach((a, i) => add(`a${i}`, "person", a.person));
    (p.agenda || []).forEach((item, i) => (item.speakers || []).forEach((s, j) => add(`g${i}-s${j}`, "person", s)));
    (p.persons || []).forEach((person, i) => (person.mentions || []).forEach((m, j) => add(`p${i}-m${j}`, "person", m)));
    (p.organizations || []).forEach((o, i) => add(`o${i}`, "org", o));
    (p.locations || []).forEach((l, i) => add(`l${i}`, "loc", l));
    (p.decisions || []).forEach((d, i) => {
      add(`d${i}-text`, "decision", d);
      (d.addressees || []).forEach((a, j) => add(`d${i}-a${j}`, "addressee", a));
      add(`d${i}-dl`, "deadline", d.deadline);
      (d.emails || []).forEach((e, j) => add(`d${i}-e${j}`, "email", e));
      (d.urls || []).forEach((u, j) => add(`d${i}-u${j}`, "url", u));
      (d.references || []).forEach((r, j) => add(`d${i}-r${j}`, "reference", r));
    });
    return [...spans.values()];
  }

  function evidenceButton(key, label, extraClass) {
    const known = state.evidence.has(key);
    const node = el(known ? "button" : "span", {
      type: known ? "button" : null, class: `ev${extraClass ? " " + extraClass : ""}`, "data-ev": known ? key : null,
      title: known ? "Показать в тексте" : null,
    }, label);
    const ev = state.evidence.get(key);
    if (ev && typeof ev.confidence === "number" && ev.confidence < LOW_CONFIDENCE) {
      node.appendChild(el("span", { class: "ocr", title: "Распознано со скана: сверьте с оригиналом",
                                    text: ` [? OCR ${Math.round(ev.confidence)}]` }));
    }
    return node;
  }

  function personLabel(ref) {
    if (!ref) return "";
    const name = ref.norm || ref.text;
    return ref.position ? `${name}, ${ref.position}` : name;
  }

  function renderHeader(p) {
    const h = p.header || {};
    const number = h.number ? (h.number.norm || h.number.text) : "";
    $("protocol-title").textContent = number ? `Протокол № ${number}` : "Протокол";
    const dl = $("header");
    clear(dl);
    function row(label, key, value) {
      if (!value) return;
      dl.appendChild(el("div", { class: "hf" }, el("dt", { text: label }), el("dd", {}, evidenceButton(key, value))));
    }
    row("Номер", "h-number", number);
    if (h.date) {
      const iso = h.date.norm && h.date.norm !== h.date.text ? ` (${h.date.norm})` : "";
      row("Дата", "h-date", `${h.date.text}${iso}`);
    }
    row("Место", "h-place", h.place && (h.place.norm || h.place.text));
    row("Орган", "h-body", h.body && (h.body.norm || h.body.text));
    row("Председатель", "h-chair", personLabel(h.chair));
    row("Секретарь", "h-secretary", personLabel(h.secretary));
    const attendees = p.attendees || [];
    if (attendees.length) {
      const list = el("ul", { class: "inline-list" });
      attendees.forEach((a, i) => {
        const position = a.position || (a.person && a.person.position);
        const label = a.person ? (a.person.norm || a.person.text) + (position ? `, ${position}` : "") : "";
        list.appendChild(el("li", {}, evidenceButton(`a${i}`, label)));
      });
      // a long list folded: the decisions matter more on a laptop screen
      dl.appendChild(el("div", { class: "hf hf-wide" }, el("dt", { class: "visually-hidden", text: "Присутствовали" }),
                        el("dd", {}, el("details", { class: "attendees", open: attendees.length <= 4 },
                          el("summary", { text: `Присутствовали (${attendees.length})` }), list))));
    }
    const source = p.source || {};
    if (source.name) dl.appendChild(el("div", { class: "hf" }, el("dt", { text: "Файл" }),
                                       el("dd", { text: `${source.name} (${(source.format || "").toUpperCase()})` })));
    const decisions = p.decisions || [];
    const assignments = decisions.filter((d) => ASKS_ACTION.includes(d.kind)).length;
    $("summary").textContent = decisions.length
      ? `Решений: ${decisions.length}, из них поручений: ${assignments}.`
      : "Решения в документе не найдены: проверьте, что это протокол с разделом «РЕШИЛИ» или «ПОСТАНОВИЛИ».";
    const warnings = $("warnings");
    clear(warnings);
    const other = (p.warnings || []).filter((w) => w.code !== "W_NO_DECISIONS");
    if (other.length) {
      const list = el("ul");
      other.forEach((w) => list.appendChild(el("li", { text: `${w.code}: ${w.message}` })));
      warnings.appendChild(el("li", {}, el("details", {}, el("summary", { text: `Замечания обработки (${other.length})` }), list)));
    }
  }

  // The deadline in ISO: `datetime` for <time>, `shown` for people ("2025-05-16 16:00").
  function deadlineIso(d) {
    if (d.start_date && d.end_date) return { datetime: `${d.start_date}/${d.end_date}`, shown: `${d.start_date} — ${d.end_date}` };
    const iso = d.iso || d.date;
    if (!iso) return null;
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
    return { datetime: iso, shown: m ? `${m[1]} ${m[2]}${d.tz ? " МСК" : ""}` : iso };
  }

  // Control of execution, as in the register (extractor/due.py): the due day against today.
  const SOON_DAYS = 7;
  function dueStatus(d) {
    const due = d.kind === "range" ? d.end_date || d.start_date
      : ["date", "datetime", "relative", "recurring"].includes(d.kind) ? d.date : null;
    if (!due) return null;
    const now = new Date();
    const days = Math.round((Date.parse(due) - Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) / 86400000);
    if (days < 0) return { cls: "overdue", text: `просрочено на ${-days} дн.` };
    if (days <= SOON_DAYS) return { cls: "soon", text: days ? `осталось ${days} дн.` : "срок сегодня" };
    return null;
  }

  function deadlineNote(d) {
    if (d.kind === "relative" && d.amount) return `через ${d.amount} ${UNIT_RU[d.unit] || ""}`.trim();
    if (d.kind === "recurring" && d.freq) return FREQ_RU[d.freq] || DEADLINE_RU.recurring;
    return DEADLINE_RU[d.kind] || "";
  }

  // A link only for what is surely an address: mailto for e-mails, http(s) for URLs.
  function mailHref(value) {
    return /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[^\s@<>"'()]+$/.test(value) ? `mailto:${value}` : null;
  }

  function urlHref(value) {
    if (/^https?:\/\/[^\s<>"]+$/i.test(value)) return value;
    if (/^www\.[^\s<>"]+$/i.test(value)) return `https://${value}`;
    if (/^[a-z0-9.-]+\.[a-zа-яё]{2,}(\/[^\s<>"]*)?$/i.test(value)) return `https://${value}`;
    return null;
  }

  function cell(label, key, ...children) {
    return el("td", { "data-label": label, "data-ev": key && state.evidence.has(key) ? key : null },
              el("div", { class: "cell" }, ...children));
  }

  function renderDecisions(p) {
    const body = $("decisions").tBodies[0];
    clear(body);
    (p.decisions || []).forEach((d, i) => {
      const tr = el("tr", { "data-decision": d.id, class: `row-${d.kind}` });
      tr.appendChild(cell("№, вид", `d${i}-text`, evidenceButton(`d${i}-text`, d.id || String(i + 1), "ev-id"),
                          el("span", { class: `kind kind-${d.kind}`, text: KIND_RU[d.kind] || d.kind })));
      const addressees = d.addressees || [];
      tr.appendChild(cell("Кому", addressees.length ? `d${i}-a0` : null, addressees.length
        ? el("ul", { class: "plain-list" }, ...addressees.map((a, j) => el("li", {},
            evidenceButton(`d${i}-a${j}`, a.norm || a.text), " ", el("span", { class: "role", text: `(${ROLE_RU[a.role] || a.role})` }))))
        : "—"));
      tr.appendChild(cell("Что сделать", `d${i}-text`, evidenceButton(`d${i}-text`, d.text, "ev-text")));
      const dl = d.deadline;
      if (dl) {
        const iso = deadlineIso(dl);
        const note = deadlineNote(dl);
        const status = dueStatus(dl);
        tr.appendChild(cell("Срок", `d${i}-dl`, evidenceButton(`d${i}-dl`, dl.text, "ev-deadline"),
          iso ? el("time", { class: "iso", datetime: iso.datetime, text: iso.shown }) : null,
          note && note.toLowerCase() !== dl.text.toLowerCase() ? el("span", { class: "note", text: note }) : null,
          status ? el("span", { class: `due due-${status.cls}`, text: status.text }) : null));
      } else {
        tr.appendChild(cell("Срок", null, "—"));
      }
      const contacts = [];
      (d.emails || []).forEach((e, j) => {
        const value = e.norm || e.text;
        const href = mailHref(value);
        contacts.push(el("li", {}, href ? el("a", { href, "data-ev": `d${i}-e${j}`, text: value }) : evidenceButton(`d${i}-e${j}`, value)));
      });
      (d.urls || []).forEach((u, j) => {
        const value = u.norm || u.text;
        const href = urlHref(value);
        contacts.push(el("li", {}, href ? el("a", { href, "data-ev": `d${i}-u${j}`, target: "_blank", rel: "noopener noreferrer",
                                                    text: value }) : evidenceButton(`d${i}-u${j}`, value)));
      });
      const firstContact = (d.emails || []).length ? `d${i}-e0` : (d.urls || []).length ? `d${i}-u0` : null;
      tr.appendChild(cell("Куда направить", firstContact, contacts.length ? el("ul", { class: "plain-list" }, ...contacts) : "—"));
      const refs = d.references || [];
      tr.appendChild(cell("Документы", refs.length ? `d${i}-r0` : null, refs.length
        ? el("ul", { class: "plain-list" }, ...refs.map((r, j) => el("li", {},
            evidenceButton(`d${i}-r${j}`, r.doc_type ? `${r.doc_type} ${r.text}` : r.text))))
        : "—"));
      body.appendChild(tr);
    });
    if (!(p.decisions || []).length) {
      body.appendChild(el("tr", {}, el("td", { colspan: "6", class: "empty", text: "Решений не найдено." })));
    }
  }

  // The text split at every span boundary; nested marks where values nest, and a value that
  // crosses the end of an outer one is split into pieces (all pieces carry its keys).
  function renderText(text, spans, pages) {
    const container = $("doc-text");
    clear(container);
    const ordered = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end
      || TYPE_RANK[a.type] - TYPE_RANK[b.type]);
    ordered.forEach((s, i) => { s.rank = i; });
    const pageStarts = new Map();
    if (pages) pages.forEach((offset, i) => { if (offset > 0 && offset < text.length) pageStarts.set(offset, i + 2); });
    const points = new Set([0, text.length, ...pageStarts.keys()]);
    ordered.forEach((s) => { points.add(s.start); points.add(s.end); });
    const sorted = [...points].sort((a, b) => a - b);
    const byStart = new Map();
    ordered.forEach((s) => { if (!byStart.has(s.start)) byStart.set(s.start, []); byStart.get(s.start).push(s); });
    const segments = [];
    let active = [];
    for (let k = 0; k + 1 < sorted.length; k++) {
      const a = sorted[k];
      const b = sorted[k + 1];
      active = active.filter((s) => s.end > a).concat(byStart.get(a) || []);
      active.sort((x, y) => x.rank - y.rank);
      segments.push({ start: a, end: b, active: active.slice() });
    }
    if (pages) container.appendChild(pageBreak(1));
    renderLevel(container, segments, 0, text, pageStarts);
    renderLegend(spans);
  }

  function pageBreak(page) {
    return el("span", { class: "page-break", role: "separator", "aria-label": `Страница ${page}`, "data-page": String(page) });
  }

  function renderLevel(parent, segments, depth, text, pageStarts) {
    let i = 0;
    while (i < segments.length) {
      const span = segments[i].active[depth];
      if (span === undefined) {
        const seg = segments[i];
        if (pageStarts.has(seg.start)) parent.appendChild(pageBreak(pageStarts.get(seg.start)));
        parent.appendChild(document.createTextNode(text.slice(seg.start, seg.end)));
        i++;
        continue;
      }
      let j = i;
      while (j < segments.length && segments[j].active[depth] === span) j++;
      const last = segments[j - 1].end === span.end;
      const mark = el("mark", {
        class: `ent ent-${span.type}${last ? " ent-end" : ""}`, "data-keys": span.keys.join(" "),
        "data-label": TYPE_LABEL[span.type], title: labels(span), "data-types": span.types.join(" "),
      });
      if (typeof span.confidence === "number" && span.confidence < LOW_CONFIDENCE) mark.classList.add("low-confidence");
      parent.appendChild(mark);
      renderLevel(mark, segments.slice(i, j), depth + 1, text, pageStarts);
      i = j;
    }
  }

  function labels(span) {
    return span.types.slice().sort((a, b) => TYPE_RANK[b] - TYPE_RANK[a]).map((t) => TYPE_LABEL[t]).join(", ");
  }

  function renderLegend(spans) {
    const legend = $("legend");
    clear(legend);
    const present = new Set(spans.map((s) => s.type));   // the types that colour something
    for (const [type, label] of TYPES) {
      if (!present.has(type)) continue;
      const button = el("button", { type: "button", class: `legend-item ent-${type}`, "aria-pressed": "true",
                                    "data-type": type, text: label });
      legend.appendChild(button);
    }
  }

  function toggleType(button) {
    const type = button.dataset.type;
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    $("doc-text").classList.toggle(`hide-${type}`, !on);
  }

  // A table cell -> its evidence: scrolled to, outlined and flashed; the page told for PDFs.
  function showEvidence(key) {
    const container = $("doc-text");
    container.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current", "flash"));
    const ev = state.evidence.get(key);
    const marks = container.querySelectorAll(`mark[data-keys~="${key}"]`);
    if (!ev || !marks.length) {
      $("evidence-status").textContent = "Это значение не найдено в тексте.";
      return;
    }
    if (container.classList.contains(`hide-${ev.type}`)) {
      const button = $("legend").querySelector(`[data-type="${ev.type}"]`);
      if (button) toggleType(button);
    }
    marks.forEach((m) => {
      m.classList.add("current");
      void m.offsetWidth;   // restart the animation on a second click
      m.classList.add("flash");
    });
    reveal(marks[0], container);
    const where = ev.page ? `, стр. ${ev.page}` : "";
    $("evidence-status").textContent = `${TYPE_LABEL[ev.type]}: «${ev.text}»${where}`;
    $("evidence-status").dataset.page = ev.page ? String(ev.page) : "";
  }

  // Scrolls the text pane to the mark; the page itself only when the pane is not on screen (a phone,
  // or the top of a long page), so the table the user clicked in stays where it was.
  function reveal(mark, container) {
    const behavior = reducedMotion() ? "auto" : "smooth";
    const box = container.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const markBox = mark.getBoundingClientRect();
    if (bottom - top >= Math.min(200, container.clientHeight)) {
      const wanted = container.scrollTop + (markBox.top - top) - (bottom - top) / 3;
      const scrollTop = Math.max(0, Math.min(wanted, container.scrollHeight - container.clientHeight));
      const markTop = markBox.top - (scrollTop - container.scrollTop);
      if (markTop >= top && markTop + Math.min(markBox.height, 40) <= bottom) {
        container.scrollTo({ top: scrollTop, behavior });
        return;
      }
    }
    mark.scrollIntoView({ block: "center", inline: "nearest", behavior });
  }

  // -- downloads ---------------------------------------------------------------------------------
  function stem() {
    const name = (state.protocol && state.protocol.source && state.protocol.source.name) || "protocol";
    return name.replace(/\.[^.]+$/, "") || "protocol";
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function nameFrom(disposition, fallback) {
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (_) { /* fall back */ }
    }
    const plain = /filename="([^"]+)"/i.exec(disposition || "");
    return plain ? plain[1] : fallback;
  }

  async function download(button) {
    const format = button.dataset.download;
    const errorBox = $("download-error");
    show(errorBox, false);
    if (!state.protocol) return;
    if (format === "json") {
      save(new Blob([JSON.stringify(state.protocol, null, 1)], { type: "application/json" }), `${stem()}.json`);
      return;
    }
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      const response = await request(`/v1/export?format=${encodeURIComponent(format)}`, () => ({
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(state.protocol) }));
      const blob = await response.blob();
      save(blob, nameFrom(response.headers.get("Content-Disposition"), `${stem()}.${format}`));
    } catch (error) {
      errorBox.textContent = `Не удалось скачать файл. ${explain(error).text}`;
      show(errorBox, true);
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  function resetAll() {
    setFile(null);
    $("text").value = "";
    state.protocol = null;
    show($("result"), false);
    show($("reset"), false);
    show($("error"), false);
    $("file").focus();
  }

  // -- wiring ------------------------------------------------------------------------------------
  function init() {
    $("upload-form").addEventListener("submit", submit);
    $("file").addEventListener("change", () => setFile($("file").files[0]));
    $("text").addEventListener("input", () => { if ($("text").value && state.file) setFile(null); });
    $("reset").addEventListener("click", resetAll);
    const drop = $("drop");
    ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    }));
    ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      const files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length) setFile(files[0]);
    });
    // a file dropped beside the zone must not replace the page with the file
    ["dragover", "drop"].forEach((type) => window.addEventListener(type, (e) => e.preventDefault()));
    $("key-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const key = $("api-key").value.trim();
      if (key) finishKey(key);
    });
    $("key-cancel").addEventListener("click", () => finishKey(null));
    $("decisions").addEventListener("click", (e) => {
      const target = e.target.closest("[data-ev]");
      if (target) showEvidence(target.dataset.ev);
    });
    $("header").addEventListener("click", (e) => {
      const target = e.target.closest("[data-ev]");
      if (target) showEvidence(target.dataset.ev);
    });
    $("legend").addEventListener("click", (e) => {
      const button = e.target.closest("[data-type]");
      if (button) toggleType(button);
    });
    document.querySelectorAll("[data-download]").forEach((b) => b.addEventListener("click", () => download(b)));
    document.documentElement.classList.add("js");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
