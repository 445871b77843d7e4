// Search page of research-corpus: query the JSON API of the same server, show results with the
// query words highlighted, copy citations, and keep a bibliography in localStorage.
// No framework, no build step, no network beyond this server.
"use strict";

const STYLE_NAMES = {
  apa: "APA 7",
  harvard: "Harvard",
  chicago: "Chicago author-date",
  "chicago-notes": "Chicago notes",
  bibtex: "BibTeX",
  ris: "RIS",
  "csl-json": "CSL-JSON",
};
const TOKEN_KEY = "research-corpus.token";
const BIB_KEY = "research-corpus.bibliography";
const PAGE_SIZE = 10;

const $ = (id) => document.getElementById(id);

const state = { params: null, offset: 0, terms: [] };

// ---- API ------------------------------------------------------------------------------------

/** Fetch from the API with the saved token; throws an Error carrying the server's message. */
async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.set("Authorization", "Bearer " + token);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (err) {
    throw new Error("The server cannot be reached. Is `corpus serve` still running?");
  }
  if (response.ok) return response;
  let detail = response.statusText;
  try {
    const body = await response.json();
    detail = body.detail || detail;
  } catch (err) {
    /* not JSON: keep the status text */
  }
  if (response.status === 401) {
    $("token-box").open = true;
    detail = "This server needs an access token: enter it under “Access token” above. (" + detail + ")";
  }
  const error = new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  error.status = response.status;
  throw error;
}

// ---- Highlighting ---------------------------------------------------------------------------

/**
 * A regex matching the query's words (Unicode-aware, case-insensitive): a term of four letters or
 * more also matches longer forms ("organization" -> "organizations"), a shorter one only itself.
 */
function termPattern(terms) {
  const escape = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const words = [...new Set(terms.filter((t) => t.length > 1))].sort((a, b) => b.length - a.length);
  if (!words.length) return null;
  const alternatives = words.map((t) => escape(t) + (t.length >= 4 ? "[\\p{L}\\p{N}]*" : ""));
  return new RegExp("(?<![\\p{L}\\p{N}])(?:" + alternatives.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
}

/** Fill `element` with `text`, the query's words wrapped in <mark>; text is never parsed as HTML. */
function highlightInto(element, text, terms) {
  element.textContent = "";
  const pattern = termPattern(terms);
  if (!pattern) {
    element.textContent = text;
    return;
  }
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) element.append(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    element.append(mark);
    last = match.index + match[0].length;
  }
  if (last < text.length) element.append(document.createTextNode(text.slice(last)));
}

// ---- Status messages ------------------------------------------------------------------------

function setStatus(id, message, kind = "info") {
  const el = $(id);
  el.textContent = message;
  el.dataset.kind = kind;
}

// ---- Search ---------------------------------------------------------------------------------

function readForm() {
  const params = new URLSearchParams();
  params.set("q", $("q").value.trim());
  params.set("mode", $("mode").value);
  params.set("style", $("style").value);
  params.set("k", String(PAGE_SIZE));
  const filters = [["year-from", "year_from"], ["year-to", "year_to"], ["author", "author"], ["collection", "collection"], ["tag", "tag"]];
  for (const [id, name] of filters) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function runSearch(append) {
  const params = append ? new URLSearchParams(state.params) : readForm();
  if (!params.get("q")) {
    setStatus("status", "Type something to search for.", "error");
    $("q").focus();
    return;
  }
  state.offset = append ? state.offset + PAGE_SIZE : 0;
  params.set("offset", String(state.offset));
  state.params = params;
  setStatus("status", "Searching…", "busy");
  $("results").setAttribute("aria-busy", "true");
  $("more").hidden = true;
  try {
    const response = await api("search?" + params.toString());
    const data = await response.json();
    state.terms = data.terms || [];
    if (!append) $("results").textContent = "";
    for (const result of data.results) $("results").append(renderResult(result));
    const shown = state.offset + data.results.length;
    if (!shown) {
      setStatus("status", "No results. Try other words, another mode, or fewer filters.", "empty");
    } else {
      const total = data.total_works;
      setStatus("status", `Showing ${shown} of ${total} work${total === 1 ? "" : "s"} for “${data.query}” (${data.mode}).`);
    }
    $("more").hidden = !(data.results.length === PAGE_SIZE && shown < data.total_works && state.offset + PAGE_SIZE <= 1000);
    const url = new URL(window.location.href);
    url.search = params.toString();
    url.searchParams.delete("offset");
    url.searchParams.delete("k");
    history.replaceState(null, "", url);
  } catch (err) {
    if (!append) $("results").textContent = "";
    setStatus("status", "Search failed: " + err.message, "error");
  } finally {
    $("results").removeAttribute("aria-busy");
  }
}

function fileName(path) {
  return (path || "").split(/[\\/]/).pop();
}

function describe(result) {
  return result.title || fileName(result.source) || result.work_id;
}

function renderResult(result) {
  const node = $("result-template").content.firstElementChild.cloneNode(true);
  const label = describe(result);
  const title = node.querySelector(".title");
  title.textContent = label;
  if (!result.title) title.classList.add("untitled");

  const meta = node.querySelector(".meta");
  const parts = [];
  if (result.authors.length) parts.push(result.authors.join(", "));
  parts.push(result.year ? String(result.year) : "n.d.");
  for (const [index, text] of parts.entries()) {
    if (index) meta.append(" · ");
    meta.append(text);
  }
  if (result.venue) {
    const venue = document.createElement("cite");
    venue.textContent = result.venue;
    meta.append(" · ", venue);
  }
  if (result.page) meta.append(" · ", result.page.includes("-") ? "pp. " + result.page : "p. " + result.page);
  if (result.title && result.source) {
    const source = document.createElement("span");
    source.className = "source";
    source.textContent = fileName(result.source);
    source.title = result.source;
    meta.append(" · ", source);
  }

  if (result.retraction) {
    const retraction = node.querySelector(".retraction");
    retraction.hidden = false;
    const said = result.retraction === "Retracted" ? "Retracted" : `Retracted (${result.retraction})`;
    retraction.textContent = `${said}: check the retraction before citing this work.`;
  }

  highlightInto(node.querySelector(".snippet"), result.snippet, state.terms);

  const more = result.passages.slice(1);
  if (more.length) {
    const details = node.querySelector(".passages");
    details.hidden = false;
    details.querySelector("summary").textContent = `${more.length} more passage${more.length === 1 ? "" : "s"}`;
    const list = details.querySelector("ul");
    for (const passage of more) {
      const item = document.createElement("li");
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = [passage.page ? "p. " + passage.page : "", passage.section].filter(Boolean).join(" · ");
      const text = document.createElement("span");
      highlightInto(text, passage.snippet, state.terms);
      if (where.textContent) item.append(where, " ");
      item.append(text);
      list.append(item);
    }
  }

  node.querySelector(".in-text").textContent = result.in_text;
  node.querySelector(".cite-line").hidden = !result.in_text;

  const select = node.querySelector(".cite-style");
  for (const [value, name] of Object.entries(STYLE_NAMES)) select.append(new Option(name, value));
  select.value = $("style").value;
  select.setAttribute("aria-label", "Citation style for " + label);

  const copy = node.querySelector(".copy");
  copy.setAttribute("aria-label", "Copy citation of " + label);
  copy.addEventListener("click", () => copyCitation(result, select.value));

  const add = node.querySelector(".add");
  add.setAttribute("aria-label", "Add " + label + " to the bibliography");
  add.dataset.workId = result.work_id;
  add.addEventListener("click", () => addToBibliography(result));
  syncAddButton(add);
  if (typeof decoratePassages === "function") decoratePassages(node, result); // files.js: PDF links, OCR badges
  if (typeof addQuoteButtons === "function") addQuoteButtons(node, result); // writing.js: copy quote with citation
  return node;
}

// ---- Clipboard ------------------------------------------------------------------------------

/** Copy text with the clipboard API, falling back to a selected textarea and execCommand. */
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (err) {
      /* permission refused: try the fallback */
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "clipboard-fallback";
  document.body.append(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch (err) {
    done = false;
  }
  area.remove();
  return done;
}

async function copyCitation(result, style) {
  const label = describe(result);
  try {
    const params = new URLSearchParams({ style });
    if (result.page) params.set("page", result.page);
    // the bibliography it goes into: a same-author, same-year work there letters both years (2009a)
    for (const item of loadBibliography()) if (item.work_id !== result.work_id) params.append("among", item.work_id);
    const response = await api(`documents/${encodeURIComponent(result.work_id)}/cite?${params}`);
    const data = await response.json();
    if (await copyText(data.citation)) {
      setStatus("status", `Copied the ${STYLE_NAMES[style]} citation of “${label}”.`, "ok");
    } else {
      showForManualCopy(data.citation);
      setStatus("status", "The browser refused to copy: the citation is shown in the bibliography panel to copy by hand.", "error");
    }
  } catch (err) {
    setStatus("status", "Could not get the citation: " + err.message, "error");
  }
}

function showForManualCopy(text) {
  const output = $("bib-output");
  output.textContent = text;
  output.hidden = false;
  output.focus();
  const range = document.createRange();
  range.selectNodeContents(output);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

// ---- Bibliography ---------------------------------------------------------------------------

/** The saved works; items saved before 0.2 name the work `doc_id`, which is read as `work_id`. */
function loadBibliography() {
  try {
    const items = JSON.parse(localStorage.getItem(BIB_KEY) || "[]");
    if (!Array.isArray(items)) return [];
    return items
      .filter((item) => item && typeof (item.work_id ?? item.doc_id) === "string")
      .map(({ doc_id, ...item }) => ({ ...item, work_id: item.work_id ?? doc_id }));
  } catch (err) {
    return [];
  }
}

function saveBibliography(items) {
  localStorage.setItem(BIB_KEY, JSON.stringify(items));
  renderBibliography();
}

function addToBibliography(result) {
  const items = loadBibliography();
  if (items.some((item) => item.work_id === result.work_id)) {
    setStatus("bib-status", `“${describe(result)}” is already in the bibliography.`);
    return;
  }
  items.push({ work_id: result.work_id, label: describe(result), authors: result.authors, year: result.year });
  saveBibliography(items);
  setStatus("bib-status", `Added “${describe(result)}”.`, "ok");
}

function removeFromBibliography(workId) {
  saveBibliography(loadBibliography().filter((item) => item.work_id !== workId));
  setStatus("bib-status", "Removed.", "ok");
}

function syncAddButton(button) {
  const inList = loadBibliography().some((item) => item.work_id === button.dataset.workId);
  button.textContent = inList ? "In bibliography ✓" : "Add to bibliography";
  button.classList.toggle("added", inList);
}

function renderBibliography() {
  const items = loadBibliography();
  const list = $("bib-list");
  list.textContent = "";
  for (const item of items) {
    const li = document.createElement("li");
    const text = document.createElement("span");
    const who = item.authors && item.authors.length ? item.authors[0].split(" ").pop() + (item.authors.length > 1 ? " et al." : "") : "";
    text.textContent = [who, item.year ? `(${item.year})` : "", item.label].filter(Boolean).join(" ");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove " + item.label + " from the bibliography");
    remove.addEventListener("click", () => removeFromBibliography(item.work_id));
    li.append(text, remove);
    list.append(li);
  }
  $("bib-count").textContent = String(items.length);
  $("bib-empty").hidden = items.length > 0;
  for (const id of ["bib-show", "bib-copy", "bib-txt", "bib-bib", "bib-ris", "bib-clear"]) $(id).disabled = !items.length;
  for (const button of document.querySelectorAll(".result .add")) syncAddButton(button);
}

async function fetchBibliography(style, download) {
  const doc_ids = loadBibliography().map((item) => item.work_id); // the request takes document or work ids
  return api("bibliography" + (download ? "?download=true" : ""), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ doc_ids, style }),
  });
}

async function showBibliography(copy) {
  const style = $("bib-style").value;
  try {
    const data = await (await fetchBibliography(style, false)).json();
    const output = $("bib-output");
    output.textContent = data.text;
    output.hidden = false;
    if (copy) {
      const copied = await copyText(data.text);
      setStatus("bib-status", copied ? `Copied the ${STYLE_NAMES[style]} reference list.` : "Copy refused: select the text below.", copied ? "ok" : "error");
    } else {
      setStatus("bib-status", `${STYLE_NAMES[style]} reference list below.`, "ok");
    }
  } catch (err) {
    setStatus("bib-status", "Could not build the bibliography: " + err.message, "error");
  }
}

async function downloadBibliography(style) {
  try {
    const response = await fetchBibliography(style, true);
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename="([^"]+)"/.exec(disposition);
    const name = match ? match[1] : "bibliography.txt";
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    const text = await blob.text();
    const output = $("bib-output");
    output.textContent = text;
    output.hidden = false;
    setStatus("bib-status", `Downloaded ${name}.`, "ok");
  } catch (err) {
    setStatus("bib-status", "Could not export: " + err.message, "error");
  }
}

// ---- Wiring ---------------------------------------------------------------------------------

function restoreFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const fields = {
    q: "q", year_from: "year-from", year_to: "year-to", author: "author", mode: "mode", style: "style",
    collection: "collection", tag: "tag",
  };
  for (const [name, id] of Object.entries(fields)) {
    if (params.has(name)) $(id).value = params.get(name);
  }
  for (const name of ["collection", "tag"]) {
    if (params.get(name)) $(name + "-field").hidden = false;
  }
  return params.has("q") && params.get("q").trim() !== "";
}

/**
 * Offer the store's Zotero collections and tags as filters; the fields stay hidden in a store without
 * any. A server that needs a token is not asked before one is saved (`/health` says whether it does).
 */
async function loadLabels() {
  let data;
  try {
    if (!localStorage.getItem(TOKEN_KEY) && (await (await fetch("health")).json()).auth) return;
    data = await (await api("labels")).json();
  } catch (err) {
    return; // no token yet, or no labels route: the fields can still be set from the URL
  }
  for (const [name, labels] of [["collection", data.collections], ["tag", data.tags]]) {
    const list = $(name + "-names");
    list.textContent = "";
    for (const label of labels) {
      const option = document.createElement("option");
      option.value = label.name;
      option.label = `${label.name} (${label.works} work${label.works === 1 ? "" : "s"})`;
      list.append(option);
    }
    if (labels.length) $(name + "-field").hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch(false);
  });
  $("more").addEventListener("click", () => runSearch(true));

  $("token").value = localStorage.getItem(TOKEN_KEY) || "";
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("token").value.trim();
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
    setStatus("status", token ? "Token saved in this browser." : "Token removed.", "ok");
    if (token) loadLabels();
  });

  $("bib-show").addEventListener("click", () => showBibliography(false));
  $("bib-copy").addEventListener("click", () => showBibliography(true));
  $("bib-txt").addEventListener("click", () => downloadBibliography($("bib-style").value));
  $("bib-bib").addEventListener("click", () => downloadBibliography("bibtex"));
  $("bib-ris").addEventListener("click", () => downloadBibliography("ris"));
  $("bib-clear").addEventListener("click", () => {
    if (window.confirm("Remove every work from the bibliography?")) {
      saveBibliography([]);
      $("bib-output").hidden = true;
      setStatus("bib-status", "Bibliography cleared.", "ok");
    }
  });
  window.addEventListener("storage", (event) => {
    if (event.key === BIB_KEY) renderBibliography();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    $("q").focus();
    $("q").select();
  });

  renderBibliography();
  loadLabels();
  if (restoreFromUrl()) runSearch(false);
  else $("q").focus();
});
