// Search page of research-corpus, for writers: the "Check a draft" panel (POST check: pasted text
// or an uploaded .md/.tex/.txt/.docx/.doc/.rtf/.odt, results shown inline), the "Find this quote" box (GET quote), and a
// "Copy quote with citation" button on every passage of the search results. Loaded after app.js,
// whose api(), setStatus(), copyText() and $() it uses; app.js calls addQuoteButtons() for every
// result it renders. Text from the server is only ever set as textContent, never parsed as HTML.
"use strict";

const CHECK_STATUS = {
  ok: "ok",
  year_differs: "year differs",
  page_outside: "page outside the work",
  letter_unneeded: "letter not needed",
  retracted: "retracted",
  not_in_corpus: "not in corpus",
  ambiguous: "ambiguous",
  verbatim: "verbatim",
  close: "differs",
  not_found: "not found",
  not_checked: "not checked",
  uncited: "no citation",
};

/** An element with a class and text. */
function newNode(tag, text = "", className = "") {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A table of rows (arrays of strings) under a header; `bad(row index)` marks a row as a problem. */
function table(headers, rows, bad) {
  const result = newNode("table", "", "check-table");
  const head = result.createTHead().insertRow();
  for (const name of headers) head.append(newNode("th", name));
  const body = result.createTBody();
  rows.forEach((cells, index) => {
    const row = body.insertRow();
    if (bad(index)) row.className = "problem";
    for (const cell of cells) row.insertCell().textContent = cell;
  });
  return result;
}

/** A page as cited or found ("21"), else a paragraph of a source without pages ("para. 4"). */
function pinpoint(page, paragraph) {
  return page || (paragraph ? `para. ${paragraph}` : "");
}

function workLabel(work) {
  if (!work) return "";
  const authors = work.authors.slice(0, 2).join(", ") + (work.authors.length > 2 ? " et al." : "");
  return `${authors} (${work.year || "n.d."}) ${work.title}`.trim();
}

/** Show a DraftReport under the check form. */
function showReport(report) {
  const out = $("check-results");
  out.textContent = "";
  const verdict = report.ok ? "No problems found." : `${report.problems} problem(s) found.`;
  out.append(newNode("p", `${report.citations.length} citation(s), ${report.quotes.length} quotation(s). ${verdict}`,
    report.ok ? "check-ok" : "check-bad"));
  if (report.citations.length) {
    out.append(newNode("h3", "Citations"));
    out.append(table(["line", "citation", "status", "work / note"],
      report.citations.map((c) => [String(c.line), c.text, CHECK_STATUS[c.status] || c.status,
        [workLabel(c.work), c.message].filter(Boolean).join(" — ")]),
      (i) => report.citations[i].status !== "ok"));
  }
  if (report.quotes.length) {
    out.append(newNode("h3", "Quotations"));
    out.append(table(["line", "quotation", "status", "cited", "found", "note"],
      report.quotes.map((q) => [String(q.line), q.text.length > 90 ? q.text.slice(0, 89) + "…" : q.text,
        CHECK_STATUS[q.status] || q.status, pinpoint(q.cited_page, q.cited_paragraph),
        pinpoint(q.page, q.paragraph), q.message]),
      (i) => ["close", "not_found", "uncited"].includes(report.quotes[i].status)
        || report.quotes[i].on_cited_page === false));
  }
  out.append(newNode("h3", "Reference list of the cited works"));
  out.append(newNode("pre", report.reference_list || "(no cited work of the corpus)", "bib-output"));
  if (report.has_reference_list) {
    const list = newNode("ul");
    for (const entry of report.uncited_references) list.append(newNode("li", `never cited (line ${entry.line}): ${entry.text}`));
    for (const written of report.missing_references) list.append(newNode("li", `no reference-list entry for ${written}`));
    if (list.children.length) {
      out.append(newNode("h3", "Your reference list"), list);
    }
  }
}

/** Base64 of a file's bytes (every upload is sent so: Word and ODT files are binary). */
async function fileBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function checkDraft(event) {
  event.preventDefault();
  const file = $("check-file").files[0];
  const body = { style: $("check-style").value };
  if (file) {
    body.filename = file.name;
    body.content = await fileBase64(file);
  } else {
    body.text = $("check-text").value;
    if (!body.text.trim()) {
      setStatus("check-status", "Paste a draft or choose a file first.", "error");
      return;
    }
  }
  setStatus("check-status", "Checking…");
  try {
    const response = await api("check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    showReport(await response.json());
    setStatus("check-status", file ? `Checked ${file.name}.` : "Checked.");
  } catch (err) {
    setStatus("check-status", "Could not check the draft: " + err.message, "error");
  }
}

/** One match of GET quote as a list item with its copy button. */
function quoteItem(match) {
  const item = newNode("li", "", "quote-match");
  const where = pinpoint(match.page ? `p. ${match.page}` : "", match.paragraph);
  const page = where ? `, ${where}` : "";
  item.append(newNode("strong", match.title || "(untitled)"), ` (${match.year || "n.d."})${page} · ${match.closeness} ${Math.round(match.score)}`);
  item.append(newNode("p", match.context, "snippet"));
  const copy = newNode("button", "Copy quote with citation", "copy-quote");
  copy.type = "button";
  copy.addEventListener("click", async () => {
    const done = await copyText(match.quote_with_citation);
    setStatus("quote-status", done ? "Copied: " + match.quote_with_citation : "Copy failed: select the text by hand.", done ? "info" : "error");
  });
  item.append(copy);
  return item;
}

async function findQuote(event) {
  event.preventDefault();
  const text = $("quote-q").value.trim();
  const list = $("quote-results");
  list.textContent = "";
  if (!text) {
    setStatus("quote-status", "Type or paste the quotation first.", "error");
    return;
  }
  setStatus("quote-status", "Looking…");
  try {
    const response = await api("quote?" + new URLSearchParams({ q: text, k: "3" }));
    const answer = await response.json();
    for (const match of answer.matches) list.append(quoteItem(match));
    setStatus("quote-status", answer.matches.length ? "" : "Not found in the corpus.");
  } catch (err) {
    setStatus("quote-status", "Could not look it up: " + err.message, "error");
  }
}

/** The words to quote from a passage: the reader's selection inside it, else the snippet without its ellipses. */
function quotedWords(container, snippet) {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && container.contains(selection.anchorNode)) {
    return selection.toString().trim();
  }
  return snippet.replace(/^…\s*/, "").replace(/\s*…$/, "").trim();
}

/**
 * The in-text form for words quoted from a passage: at the passage's page (the cite route), or, in
 * a source without pages (a web page, a Word file), at the paragraph the quote route finds them in.
 */
async function quoteCitation(result, passage, words) {
  if (!passage.page) {
    try {
      const found = await (await api(`quote?${new URLSearchParams({ q: words, k: "3" })}`)).json();
      const match = found.matches.find((m) => m.work_id === result.work_id && m.paragraph);
      if (match) return match.in_text;
    } catch (err) {
      // words longer than the server takes as a quotation: cited without a paragraph below
    }
  }
  const params = new URLSearchParams({ style: "apa" });
  if (passage.page) params.set("page", passage.page);
  const response = await api(`documents/${encodeURIComponent(result.work_id)}/cite?${params}`);
  return (await response.json()).in_text;
}

/** "“words” (Author, 2009, p. 21)" for one passage, "(Author, 2021, para. 4)" in a source without pages. */
async function copyQuote(result, passage, container) {
  const words = quotedWords(container, passage.snippet);
  try {
    const text = `“${words}” ${await quoteCitation(result, passage, words)}`.trim();
    const done = await copyText(text);
    setStatus("status", done ? "Copied: " + text : "Copy failed: select the text by hand.", done ? "info" : "error");
  } catch (err) {
    setStatus("status", "Could not copy the quotation: " + err.message, "error");
  }
}

/** A "Copy quote with citation" button after the best passage and after each further passage of a result. */
function addQuoteButtons(node, result) {
  const holders = [node.querySelector(".snippet"), ...node.querySelectorAll(".passages li")];
  holders.forEach((holder, index) => {
    const passage = result.passages[index];
    if (!holder || !passage) return;
    const button = newNode("button", "Copy quote with citation", "copy-quote");
    button.type = "button";
    button.setAttribute("aria-label", `Copy this passage of ${result.title || "the work"} with its citation`);
    button.addEventListener("click", () => copyQuote(result, passage, holder));
    holder.append(" ", button);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("check-form").addEventListener("submit", checkDraft);
  $("quote-form").addEventListener("submit", findQuote);
});
