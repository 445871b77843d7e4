// Search page of research-corpus: each PDF passage links to its stored PDF at the passage's page
// (GET files/{doc_id}#page=N, N the PDF's own page index), and passages read by OCR from scanned
// pages carry an "OCR" badge. Loaded after app.js, whose api(), setStatus() and TOKEN_KEY it uses;
// app.js calls decoratePassages() for every result it renders.
// A link cannot send the Authorization header: with a saved token the PDF is fetched with it and
// opened from a blob: URL with the same #page fragment; without one the link is an ordinary link.
"use strict";

/** The URL of a passage's PDF at its page, relative to the page (the server may sit under a prefix). */
function pdfHref(passage) {
  return `files/${encodeURIComponent(passage.doc_id)}#page=${passage.pdf_page}`;
}

/** Open the PDF in a new tab through the API (token sent), at the passage's page. */
async function openPdfWithToken(passage) {
  const tab = window.open("about:blank", "_blank");
  try {
    const response = await api(`files/${encodeURIComponent(passage.doc_id)}`);
    const blob = await response.blob();
    const url = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
    const target = `${url}#page=${passage.pdf_page}`;
    if (tab) {
      tab.opener = null;
      tab.location.href = target;
    } else {
      window.location.href = target;
    }
    setTimeout(() => URL.revokeObjectURL(url), 120000);
  } catch (err) {
    if (tab) tab.close();
    setStatus("status", "Could not open the PDF: " + err.message, "error");
  }
}

/** The badge and link shown after one passage (empty when it is neither OCR'd nor from a PDF). */
function passageExtras(passage, label) {
  const extras = document.createDocumentFragment();
  if (passage.ocr) {
    const badge = $("ocr-badge-template").content.firstElementChild.cloneNode(true);
    extras.append(" ", badge);
  }
  if (passage.pdf_page) {
    const link = $("pdf-link-template").content.firstElementChild.cloneNode(true);
    link.href = pdfHref(passage);
    const printed = passage.page ? `, printed page ${passage.page}` : "";
    link.title = `Opens the PDF at its page ${passage.pdf_page}${printed}`;
    link.setAttribute("aria-label", `Open the PDF of ${label} at the passage (page ${passage.pdf_page} of the file)`);
    link.addEventListener("click", (event) => {
      if (!localStorage.getItem(TOKEN_KEY)) return;
      event.preventDefault();
      openPdfWithToken(passage);
    });
    extras.append(" ", link);
  }
  return extras;
}

/** Add badges and PDF links to a rendered result: the best passage's snippet, then the other passages. */
function decoratePassages(node, result) {
  const label = result.title || result.work_id;
  const [best, ...more] = result.passages;
  if (best) node.querySelector(".snippet").append(passageExtras(best, label));
  const items = node.querySelectorAll(".passages li");
  more.forEach((passage, index) => {
    if (items[index]) items[index].append(passageExtras(passage, label));
  });
}
