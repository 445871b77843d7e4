// Search page of research-corpus: the citation-graph panel. Each result gets a "Citations and
// related" button; the panel then shows what the work cites, which works of the corpus cite it,
// what is cited together with it and the most similar works (GET works/{id}/refs, cited-by,
// co-cited, related). Works of the corpus in the lists open in the panel in turn. "References to
// acquire" lists what several works cite but the corpus lacks (GET missing), as .bib or .ris too.
// Loaded after app.js, whose api(), $() and setStatus() it uses; results are found by watching
// #results, so app.js needs no change.
"use strict";

const GRAPH_LISTS = {
  refs: "graph-refs",
  "cited-by": "graph-cited-by",
  "co-cited": "graph-co-cited",
  related: "graph-related",
};

/** "Vargo, S.; Lusch, R. (2004)": a node's authors and year. */
function graphByline(node) {
  const authors = node.authors.slice(0, 3).join("; ") + (node.authors.length > 3 ? " et al." : "");
  const year = node.year ? String(node.year) : "n.d.";
  return authors ? `${authors} (${year})` : `(${year})`;
}

/** One list item: a work of the corpus (a button opening it here) or a reference outside it. */
function graphItem(node, note) {
  const item = document.createElement("li");
  const label = node.title || node.id;
  if (node.in_corpus) {
    const open = document.createElement("button");
    open.type = "button";
    open.className = "graph-open";
    open.textContent = label;
    open.title = "Show this work's citations";
    open.addEventListener("click", () => showGraph(node.id));
    item.append(open);
  } else {
    const title = document.createElement("span");
    title.className = "graph-title";
    title.textContent = label;
    const outside = document.createElement("span");
    outside.className = "graph-outside";
    outside.textContent = "not in corpus";
    item.append(title, " ", outside);
  }
  item.append(" · ", graphByline(node));
  if (note) item.append(" · ", note);
  return item;
}

/** Fill one list from an answer, or say why it is empty. */
function fillGraphList(id, items, empty) {
  const list = $(id);
  list.replaceChildren(...items);
  if (!items.length) {
    const none = document.createElement("li");
    none.className = "hint";
    none.textContent = empty;
    list.append(none);
  }
}

const GRAPH_RENDER = {
  refs: (answer) => answer.references.map((entry) => graphItem(entry.target)),
  "cited-by": (answer) => answer.citing.map((node) => graphItem(node)),
  "co-cited": (answer) => answer.co_cited.map((entry) => graphItem(entry.node, `cited together ${entry.count}×`)),
  related: (answer) =>
    answer.related.map((entry) => graphItem(entry.work, `${entry.score.toFixed(2)} (${entry.because})`)),
};
const GRAPH_EMPTY = {
  refs: "No reference list was found in this work.",
  "cited-by": "No work of the corpus cites it.",
  "co-cited": "Nothing is cited together with it.",
  related: "No related work.",
};

/** Show the panel for one work: its references, citing works, co-cited and related works. */
async function showGraph(id) {
  const panel = $("graph-panel");
  panel.hidden = false;
  $("graph-work").textContent = "…";
  const path = `works/${encodeURIComponent(id)}/`;
  const kinds = Object.keys(GRAPH_LISTS);
  const answers = await Promise.allSettled(kinds.map((kind) => api(path + kind).then((r) => r.json())));
  answers.forEach((outcome, index) => {
    const kind = kinds[index];
    if (outcome.status === "fulfilled") {
      fillGraphList(GRAPH_LISTS[kind], GRAPH_RENDER[kind](outcome.value), GRAPH_EMPTY[kind]);
    } else {
      fillGraphList(GRAPH_LISTS[kind], [], outcome.reason.message);
    }
  });
  const first = answers.find((outcome) => outcome.status === "fulfilled");
  const work = first ? first.value.work || first.value.node : null;
  $("graph-work").textContent = work ? `${work.title || work.id} · ${graphByline(work)}` : id;
  setStatus("graph-status", "");
  panel.scrollIntoView({ block: "nearest" });
}

/** List the references several works cite that the corpus lacks. */
async function showMissing() {
  try {
    const answer = await (await api("missing?limit=50")).json();
    $("graph-missing").hidden = false;
    fillGraphList(
      "graph-missing-list",
      answer.missing.map((entry) => graphItem(entry.node, `cited by ${entry.count}`)),
      "No reference outside the corpus is cited by two or more of its works.",
    );
    setStatus("graph-status", `${answer.total} reference(s) to acquire.`, "ok");
  } catch (err) {
    setStatus("graph-status", "Could not list missing references: " + err.message, "error");
  }
}

/** Download the missing references as a .bib or .ris file (through api(), so the token is sent). */
async function downloadMissing(format, extension) {
  try {
    const blob = await (await api(`missing?format=${format}`)).blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `missing.${extension}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    setStatus("graph-status", "Could not download: " + err.message, "error");
  }
}

/** Give each rendered result a button that opens its work in the panel. */
function addGraphButtons() {
  for (const add of document.querySelectorAll("#results .actions .add")) {
    const actions = add.parentElement;
    if (actions.querySelector(".graph-show")) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "graph-show";
    button.textContent = "Citations and related";
    button.setAttribute("aria-controls", "graph-panel");
    button.addEventListener("click", () => showGraph(add.dataset.workId));
    actions.append(button);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  new MutationObserver(addGraphButtons).observe($("results"), { childList: true });
  $("graph-missing-show").addEventListener("click", showMissing);
  $("graph-missing-bib").addEventListener("click", () => downloadMissing("bibtex", "bib"));
  $("graph-missing-ris").addEventListener("click", () => downloadMissing("ris", "ris"));
  $("graph-close").addEventListener("click", () => {
    $("graph-panel").hidden = true;
  });
});
