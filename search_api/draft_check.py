"""`corpus check`: a writer's draft against the corpus: citations, quotations and the reference list.

Each author-date citation of the draft (`search_api.draft_citations`) is resolved to a work of
the corpus by its authors' family names (rapidfuzz over folded names, so "Kohtamaki" finds
"Kohtamäki") and its year, exactly; a work without authors by its (short) title. A citation
whose authors match but whose year does not is reported "year_differs" with the work's year,
one whose page lies outside the work's printed pages ("p. 3" of pp. 19-30, most often the PDF
viewer's page) "page_outside", and one whose year carries a letter that no other cited work
by the same author and year calls for ("(Chung, 2009a)" with no other Chung 2009 cited)
"letter_unneeded"; "(ibid.)" is "ambiguous". A footnote's citation (Chicago's notes) is
resolved by its (short) title and authors, then its year, and "Ibid." after a note is that
note's work. Every quotation that carries or sits next to a
resolved citation is looked for in that work (`search_api.quotes`): verbatim, close (differences shown) or not
found, and on the cited page or not (the right page given; "pp. 3-4" accepts either). A
quotation without a citation that is found in the corpus is reported "uncited". The answer
holds the reference list of exactly the cited works in the chosen style (rendered forms
from the citation cache, never citeproc per work when a cached form exists) and, when the
draft has its own list, the entries the text never cites and the cited works it lacks.

    report = check_draft(corpus, text, style="apa")
    report.ok, report.problems, report.to_markdown()
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from corpus.metadata.fields import fold
from corpus_core.models import RETRACTED, SURNAME_JOINS, Metadata
from indexing.catalog import WorkRecord
from search_api.citations import (
    CSL_STYLES,
    IN_TEXT_STYLES,
    Citation,
    check_style,
    format_bibliography,
    with_year_suffixes,
)
from search_api.csl import sort_text
from search_api.draft_citations import (
    Draft,
    DraftCitation,
    DraftQuote,
    DraftReference,
    is_latex,
    parse_draft,
)
from search_api.pinpoint import outside_note
from search_api.quotes import CLOSE_SCORE, QuoteDifference, QuoteFinder
from search_api.results import WorkKeyed

if TYPE_CHECKING:
    from search_api.service import Corpus

NAME_SCORE = 85.0
"""rapidfuzz ratio of folded family names from which a cited name is the work's author's."""
TITLE_SCORE = 90.0
"""rapidfuzz partial ratio of folded titles from which a cited (short) title names a work."""
MAX_RANGE = 200
"""Pages of a cited range ("pp. 3-40") accepted one by one; wider ranges accept any page in them."""

CitationStatus = Literal[
    "ok", "year_differs", "page_outside", "letter_unneeded", "retracted", "not_in_corpus", "ambiguous"
]
QuoteStatus = Literal["verbatim", "close", "not_found", "not_checked", "uncited"]


class WorkRef(WorkKeyed):
    """A work of the corpus, as a report names it."""

    title: str
    authors: list[str] = Field(default_factory=list)
    year: int | None = None
    retraction: str = ""
    """That the work was retracted ("Retraction published 2012"); '' = not known to be."""


class CitationCheck(BaseModel):
    """One in-text citation of the draft and what the corpus says about it."""

    text: str
    """As written ("(Chung, 2009, p. 21)")."""
    line: int
    kind: str
    """"parenthetical", "narrative", "numeric" or "ibid"."""
    authors: list[str] = Field(default_factory=list)
    et_al: bool = False
    year: str = ""
    original_year: str = ""
    """A republished or translated work's original year, given before `year` ("1966" of "1966/1969")."""
    pages: str = ""
    paragraphs: str = ""
    """A paragraph pinpoint ("4", "4-5": "para. 4") in place of a page, for a source without pages."""
    title: str = ""
    number: int | None = None
    """For a numeric citation ("[3]"): the number of the draft's reference-list entry it cites."""
    key: str = ""
    """For a Pandoc citation ("[@chung2009]"): its citation key."""
    status: CitationStatus
    work: WorkRef | None = None
    candidates: list[WorkRef] = Field(default_factory=list)
    """For "ambiguous": the works it may mean."""
    message: str = ""
    suggested: str = ""
    """The work's in-text form in the chosen style with the cited page (or the right one)."""


class QuoteCheck(BaseModel):
    """One quotation of the draft: found or not in the cited work, and on which printed page."""

    text: str
    line: int
    block: bool = False
    citation: int | None = None
    """Index into `citations` of the citation it carries or sits next to."""
    status: QuoteStatus
    score: float = 0.0
    work: WorkRef | None = None
    cited_page: str = ""
    page: str = ""
    """Printed page where it was found ('' when not found or unpaged)."""
    cited_paragraph: str = ""
    """The paragraph the citation gives ("para. 4"), for a source without pages."""
    paragraph: str = ""
    """In a source without pages (a web page, a Word file): the paragraph it was found in ("4")."""
    on_cited_page: bool | None = None
    """Whether it is on the cited page, or in the cited paragraph of a source without pages; None
    when neither was cited or cannot be checked."""
    passage: str = ""
    differences: list[QuoteDifference] = Field(default_factory=list)
    message: str = ""

    @property
    def cited_pinpoint(self) -> str:
        """The page cited ("21"), or the paragraph ("para. 4"); '' for none."""
        return self.cited_page or (f"para. {self.cited_paragraph}" if self.cited_paragraph else "")

    @property
    def found_pinpoint(self) -> str:
        """The page it was found on ("21"), or in a source without pages its paragraph ("para. 4")."""
        return self.page or (f"para. {self.paragraph}" if self.paragraph else "")


class ReferenceEntryCheck(BaseModel):
    """An entry of the draft's own reference list: the corpus work it names, whether the text cites it."""

    text: str
    line: int
    work: WorkRef | None = None
    cited: bool


class DraftReport(BaseModel):
    """`corpus check` / `POST /check`: everything found wrong (and right) in a draft."""

    source: str
    style: str
    citations: list[CitationCheck] = Field(default_factory=list)
    quotes: list[QuoteCheck] = Field(default_factory=list)
    cited_works: list[WorkRef] = Field(default_factory=list)
    reference_list: str = ""
    """The reference list of exactly the cited works of the corpus, in `style`."""
    has_reference_list: bool = False
    draft_references: list[ReferenceEntryCheck] = Field(default_factory=list)
    uncited_references: list[ReferenceEntryCheck] = Field(default_factory=list)
    """Entries of the draft's reference list that the text never cites."""
    missing_references: list[str] = Field(default_factory=list)
    """Citations of the text (as written) with no entry in the draft's reference list."""
    problems: int = 0
    ok: bool = True

    def to_markdown(self) -> str:
        """The report as a Markdown file: summary, citations, quotations, reference lists."""
        lines = [f"# Draft check: {self.source}", ""]
        verdict = "no problems found" if self.ok else f"{self.problems} problem(s) found"
        lines += [
            f"{len(self.citations)} citation(s), {len(self.quotes)} quotation(s), "
            f"{len(self.cited_works)} cited work(s) of the corpus: {verdict}.",
            "",
            "## Citations",
            "",
            "| line | citation | status | work | note |",
            "|---|---|---|---|---|",
        ]
        for c in self.citations:
            lines.append(
                f"| {c.line} | {_cell(c.text)} | {c.status} | {_cell(_work_label(c.work))} | "
                f"{_cell(c.message or c.suggested)} |"
            )
        lines += ["", "## Quotations", ""]
        if self.quotes:
            lines += [
                "| line | quotation | status | cited | found | note |",
                "|---|---|---|---|---|---|",
            ]
            for q in self.quotes:
                lines.append(
                    f"| {q.line} | {_cell(_short(q.text))} | {q.status} | {q.cited_pinpoint} | "
                    f"{q.found_pinpoint} | {_cell(q.message)} |"
                )
        else:
            lines.append("No quotation with a citation.")
        lines += ["", f"## Reference list ({self.style})", "", "```", self.reference_list.rstrip(), "```"]
        if self.has_reference_list:
            lines += ["", "## The draft's reference list", ""]
            if not self.uncited_references and not self.missing_references:
                lines.append("Every entry is cited and every citation has an entry.")
            for entry in self.uncited_references:
                lines.append(f"- never cited (line {entry.line}): {_cell(entry.text)}")
            for written in self.missing_references:
                lines.append(f"- no entry for {_cell(written)}")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _original_checked(
    citation: DraftCitation, work: WorkRecord
) -> tuple[CitationStatus, list[WorkRecord], str]:
    """The status "ok" for the work a citation's year names, unless its original year is not the work's."""
    first = work.metadata.original_year
    if citation.original_year and first is not None and str(first) != citation.original_year:
        return (
            "year_differs",
            [work],
            f"the corpus has this work as first published {first}, not {citation.original_year}",
        )
    return "ok", [work], ""


def _work_label(work: WorkRef | None) -> str:
    if work is None:
        return ""
    authors = ", ".join(work.authors[:2]) + (" et al." if len(work.authors) > 2 else "")
    return f"{authors} ({work.year or 'n.d.'}) {work.title}".strip()


def work_ref(work_id: str, metadata: Metadata) -> WorkRef:
    """A report's reference to a work."""
    return WorkRef(
        work_id=work_id,
        title=metadata.title,
        authors=[a.display for a in metadata.authors],
        year=metadata.year,
        retraction=metadata.retraction,
    )


def _family(name: str) -> str:
    return fold(name)


def _joined_names(cited: list[str], families: list[str]) -> list[str]:
    """Cited names with two rejoined where a work's family name holds a join (`SURNAME_JOINS`).

    "(Ortega y Gasset, 1930)" is parsed as two names, as "(García y López, 2015)" must be; the
    work's author "José Ortega y Gasset" tells that it is one.
    """
    names = list(cited)
    position = 0
    while position < len(names) - 1:
        joined = next(
            (
                f"{names[position]} {word} {names[position + 1]}"
                for word in SURNAME_JOINS
                if _family(f"{names[position]} {word} {names[position + 1]}") in families
            ),
            None,
        )
        if joined:
            names[position : position + 2] = [joined]
        position += 1
    return names


class WorkResolver:
    """Resolves draft citations to works of the corpus by authors and year, or by title."""

    def __init__(self, works: list[WorkRecord]) -> None:
        self.works = works
        self.families = {
            w.work_id: [_family(a.family or (a.literal.split() or [""])[-1]) for a in w.metadata.authors]
            for w in works
        }
        self.titles = {w.work_id: fold(w.metadata.title) for w in works}
        self.joined = {
            work_id
            for work_id, families in self.families.items()
            if any(word in SURNAME_JOINS for family in families for word in family.split())
        }
        """Works with a family name joined by "y", "e" or "i" (`SURNAME_JOINS`: "Ortega y Gasset")."""
        self._entry_works: dict[str, WorkRecord | None] = {}
        """Entry text -> its work: each citation of an entry and the reference-list check ask again."""

    @cached_property
    def by_key(self) -> dict[str, list[WorkRecord]]:
        """Works by folded citation key: a Better BibTeX key from Zotero, else the key `corpus bib` writes."""
        keys: dict[str, list[WorkRecord]] = {}
        for work in self.works:
            keys.setdefault(Citation(work.work_id, work.metadata).bibtex_key.casefold(), []).append(work)
        return keys

    def resolve_key(self, key: str) -> tuple[CitationStatus, list[WorkRecord], str]:
        """A Pandoc citation's work by its key; several works with one made-up key are ambiguous."""
        works = self.by_key.get(key.casefold(), [])
        if not works:
            return (
                "not_in_corpus",
                [],
                f"no work of the corpus has the citation key {key!r} (`corpus docs` lists them)",
            )
        if len(works) > 1:
            return (
                "ambiguous",
                works,
                f"{len(works)} works share the key {key!r}: give each its own "
                "(Better BibTeX in Zotero, or corpus edit ID --set citation_key=...)",
            )
        return "ok", works, ""

    def _author_match(self, cited: list[str], work_id: str) -> float:
        """0 when a cited name is not among the work's authors; more when the first author is first."""
        families = [f for f in self.families[work_id] if f]
        if not families or not cited:
            return 0.0
        if work_id in self.joined:
            cited = _joined_names(cited, families)
        total = 0.0
        for position, name in enumerate(cited):
            best = max(fuzz.ratio(_family(name), family) for family in families)
            if best < NAME_SCORE:
                return 0.0
            total += best
            if position == 0 and fuzz.ratio(_family(name), families[0]) >= NAME_SCORE:
                total += 100.0
        return total

    def _title_match(self, title: str, work_id: str) -> float:
        cited, own = fold(title), self.titles[work_id]
        if len(cited) < 8 or not own:
            return 0.0
        score = fuzz.partial_ratio(cited, own) if len(cited) <= len(own) else fuzz.ratio(cited, own)
        return float(score) if score >= TITLE_SCORE else 0.0

    def resolve(self, citation: DraftCitation) -> tuple[CitationStatus, list[WorkRecord], str]:
        """Status, the matching work(s) (best first) and a message."""
        if citation.kind == "ibid":
            return "ambiguous", [], "ibid. refers to the citation before it: name the work again"
        if citation.kind == "note":
            return self._resolve_note(citation)
        if citation.title:
            scored = [(self._title_match(citation.title, w.work_id), w) for w in self.works]
            what = f"no work titled {citation.title!r} in the corpus"
        else:
            scored = [(self._author_match(citation.authors, w.work_id), w) for w in self.works]
            what = f"no work by {_names(citation.authors, citation.et_al)} in the corpus"
        matched = sorted(((s, w) for s, w in scored if s > 0), key=lambda p: -p[0])
        if not matched:
            return "not_in_corpus", [], what
        year = citation.year[:4]
        same_year = [(s, w) for s, w in matched if str(w.metadata.year or "n.d.") == year]
        if same_year:
            top = same_year[0][0]
            best = [w for s, w in same_year if s == top]
            if len(best) > 1:
                return "ambiguous", best, f"{len(best)} works of the corpus match: add a letter to the year"
            return _original_checked(citation, best[0])
        if citation.year == "n.d." or not citation.year:
            return "not_in_corpus", [], what + f" without a year ({citation.year or 'none given'})"
        closest = sorted(matched, key=lambda p: (-p[0], abs((p[1].metadata.year or 0) - int(year))))
        work = closest[0][1]
        first = [w for _, w in matched if str(w.metadata.original_year) == year]
        if first and not citation.original_year:  # "(Piaget, 1966)" of the 1969 translation
            work = first[0]
            return (
                "year_differs",
                [work],
                f"the corpus has this work as {work.metadata.year or 'n.d.'}, first published {year}: "
                "cite both years",
            )
        return (
            "year_differs",
            [work],
            f"the corpus has this work as {work.metadata.year or 'n.d.'}, not {year}",
        )

    def _resolve_note(self, citation: DraftCitation) -> tuple[CitationStatus, list[WorkRecord], str]:
        """A note's work: its (short) title, by its authors where the work has authors; then its year.

        A short note ("Chung, “Co-creation,” 22") gives no year; a full one does, and a work of
        another year is "year_differs".
        """
        scored: list[tuple[float, WorkRecord]] = []
        for work in self.works:
            title = self._title_match(citation.title, work.work_id)
            if not title:
                continue
            authors = self._author_match(citation.authors, work.work_id)
            if not authors and any(self.families[work.work_id]):
                continue  # the same title by other authors is another work
            scored.append((title + authors, work))
        if not scored:
            return (
                "not_in_corpus",
                [],
                f"no work titled {citation.title!r} by "
                f"{_names(citation.authors, citation.et_al)} in the corpus",
            )
        scored.sort(key=lambda p: -p[0])
        best = [w for s, w in scored if s == scored[0][0]]
        if len(best) > 1:
            return "ambiguous", best, f"{len(best)} works of the corpus match: give the full title"
        work = best[0]
        if citation.year and citation.year != "n.d." and str(work.metadata.year or "") != citation.year[:4]:
            return (
                "year_differs",
                [work],
                f"the corpus has this work as {work.metadata.year or 'n.d.'}, not {citation.year}",
            )
        return "ok", [work], ""

    def resolve_in(
        self, draft: Draft, citation: DraftCitation
    ) -> tuple[CitationStatus, list[WorkRecord], str]:
        """Resolve through the draft's own entry where the citation names one, else by authors and year.

        A citation names an entry by its number ("[3]") or by a year with a letter ("Garvin
        (2008a)"). A lettered year without an entry picks among the same-year works in the
        order author-date styles give the letters (by title).
        """
        if citation.kind == "key":
            return self.resolve_key(citation.key)
        entry = _entry_for(draft, citation)
        if citation.kind == "numeric" and entry is None:
            return "not_in_corpus", [], f"the draft's reference list has no entry {citation.number}"
        work = self.entry_work(entry) if entry is not None else None
        if work is not None:
            return "ok", [work], ""
        status, works, message = self.resolve(citation)
        letter = citation.year[4:5]
        if status == "ambiguous" and len(works) > 1 and letter.isalpha():
            ordered = sorted(works, key=lambda w: sort_text(w.metadata.title))
            index = ord(letter.lower()) - ord("a")
            if index < len(ordered):
                return (
                    "ok",
                    [ordered[index]],
                    f"{len(works)} works by {_names(citation.authors, citation.et_al)} "
                    f"from {citation.year[:4]}: "
                    f"{citation.year} read as number {index + 1} of them by title, the order "
                    "author-date styles give the letters in; no entry of the draft's reference list names it",
                )
        return status, works, message

    def entry_work(self, entry: DraftReference) -> WorkRecord | None:
        """The work of the corpus whose title an entry of the draft's reference list carries (same year)."""
        if entry.text not in self._entry_works:
            self._entry_works[entry.text] = self._title_in(entry)
        return self._entry_works[entry.text]

    def _title_in(self, entry: DraftReference) -> WorkRecord | None:
        """Fuzzy-match every work's title in the entry (one pass over the corpus's works)."""
        text = fold(entry.text)
        best: tuple[float, WorkRecord | None] = (0.0, None)
        for work in self.works:
            title = self.titles[work.work_id]
            if len(title) < 8 or (entry.year and work.metadata.year and entry.year != work.metadata.year):
                continue
            score = fuzz.partial_ratio(title, text)
            if score >= TITLE_SCORE and score > best[0]:
                best = (score, work)
        return best[1]


def _names(names: list[str], et_al: bool) -> str:
    """Cited family names as a sentence says them ("Vargo and Lusch", "Chung et al.")."""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else "?"
    return text + (" et al." if et_al else "")


def page_set(pages: str) -> set[str]:
    """The pages a pinpoint accepts: "21" -> {"21"}, "3-4" -> {"3", "4"}."""
    parts = [p.strip() for p in pages.replace("–", "-").replace("—", "-").split("-") if p.strip()]
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
        first, last = int(parts[0]), int(parts[1])
        if first <= last and last - first <= MAX_RANGE:
            return {str(n) for n in range(first, last + 1)}
    return {p.lower() for p in parts}


def _in_range(found: list[str], cited: str) -> bool:
    wanted = page_set(cited)
    parts = [p.strip() for p in cited.replace("–", "-").split("-") if p.strip()]
    if (
        len(parts) == 2
        and parts[0].isdigit()
        and parts[1].isdigit()
        and int(parts[1]) - int(parts[0]) > MAX_RANGE
    ):
        return any(p.isdigit() and int(parts[0]) <= int(p) <= int(parts[1]) for p in found)
    return any(p.lower() in wanted for p in found)


class _Checker:
    """One draft checked against one corpus."""

    def __init__(self, corpus: Corpus, style: str) -> None:
        self.corpus = corpus
        self.style = style
        self.works = corpus.catalog.works()
        self.by_id = {w.work_id: w for w in self.works}
        self.resolver = WorkResolver(self.works)
        self.in_text_style = style if style in IN_TEXT_STYLES else "apa"
        self.lettered: dict[str, Citation] = {}
        """Cited works whose year takes a letter in this draft's list (`letter`)."""

    @cached_property
    def finder(self) -> QuoteFinder:
        """The quotation finder, made on first use (opening the engine loads the query encoder)."""
        return QuoteFinder(self.corpus.catalog, self.corpus.engine, self.corpus.settings.search.mode)

    def letter(self, cited: list[str]) -> None:
        """Letter the years of cited works by the same authors in the same year ("2009a", "2009b")."""
        citations = with_year_suffixes([Citation(w, self.by_id[w].metadata) for w in cited])
        self.lettered = {c.doc_id: c for c in citations if c.year_suffix}

    def flag_unneeded_letters(self, draft: Draft, citations: list[CitationCheck]) -> None:
        """Flag "(Chung, 2009a)" where nothing else in the draft is Chung's from 2009.

        A letter after the year tells apart works by the same authors in the same year (APA 7,
        8.19); with one such work it is an error. The draft's other letters count too (a
        "2009b" the corpus does not hold, an entry "(2009b)" of its list), so only a letter
        that stands alone is flagged.
        """
        letters: dict[tuple[str, str], set[str]] = {}
        for c in citations:
            if c.authors and c.kind not in ("numeric", "ibid", "key"):
                letters.setdefault((fold(c.authors[0]), c.year[:4]), set()).add(c.year[4:])
        for entry in draft.references:
            key = (fold(entry.first_author), entry.year_text[:4])
            letters.setdefault(key, set()).add(entry.year_text[4:])
        for c in citations:
            letter = c.year[4:5]
            if c.status != "ok" or c.work is None or not letter.isalpha() or not c.authors:
                continue
            if c.kind in ("numeric", "ibid", "key") or c.work.work_id in self.lettered:
                continue
            if len(letters[(fold(c.authors[0]), c.year[:4])] - {""}) > 1:
                continue
            c.status = "letter_unneeded"
            note = (
                f"no other work by {_names(c.authors, c.et_al)} from {c.year[:4]} is cited: a letter "
                f"after the year only tells such works apart; cite {c.suggested}"
            )
            c.message = "; ".join(part for part in (c.message, note) if part)

    def in_text(self, work_id: str, page: str, paragraph: str = "") -> str:
        """The work's in-text form in the check's style at `page`, or at `paragraph` ("para. 4")."""
        if paragraph:  # rendered here: the cached forms pinpoint pages
            citation = self.lettered.get(work_id) or Citation(work_id, self.by_id[work_id].metadata)
            return citation.in_text(self.in_text_style, paragraph, locator="paragraph")
        if work_id in self.lettered:
            return self.lettered[work_id].in_text(self.in_text_style, page or None)
        records = {work_id: self.by_id[work_id].metadata}
        return self.corpus.citations.forms(records, self.in_text_style)[work_id].in_text_at(page or None)

    def citation(
        self, draft: Draft, citation: DraftCitation, previous: CitationCheck | None = None
    ) -> CitationCheck:
        status, works, message = self.resolver.resolve_in(draft, citation)
        if citation.kind == "ibid" and previous is not None and previous.kind in ("note", "ibid"):
            status, works = previous.status, [self.by_id[previous.work.work_id]] if previous.work else []
            message = "ibid.: the work of the note before" + (
                f"; {previous.message}" if previous.message else ""
            )
            if status == "page_outside":
                status = "ok"  # its own page is checked below
        check = CitationCheck(
            text=citation.text,
            line=draft.line_of(citation.start),
            kind=citation.kind,
            authors=citation.authors,
            et_al=citation.et_al,
            year=citation.year,
            original_year=citation.original_year,
            pages=citation.pages,
            paragraphs=citation.paragraphs,
            title=citation.title,
            number=citation.number,
            key=citation.key,
            status=status,
            message=message,
        )
        if status in ("ok", "year_differs") and works:
            check.work = work_ref(works[0].work_id, works[0].metadata)
            if citation.kind == "note" and not citation.year and self.in_text_style == "chicago-notes":
                metadata = self.by_id[works[0].work_id].metadata
                check.suggested = Citation(works[0].work_id, metadata).short_note(citation.pages or None)
            elif citation.kind not in ("note", "ibid") or self.in_text_style == "chicago-notes":
                check.suggested = self.in_text(  # Chicago notes: a note
                    works[0].work_id, citation.pages, "" if citation.pages else citation.paragraphs
                )
            first = works[0].metadata.original_year
            both = self.in_text_style == "apa" and citation.kind in ("parenthetical", "narrative")
            if status == "ok" and both and first is not None and not citation.original_year:
                status = check.status = "year_differs"  # APA 7 (8.15): "(Piaget & Inhelder, 1966/1969)"
                check.message = f"first published {first}: APA cites both years, {first}/{citation.year}"
            outside = outside_note(citation.pages, works[0].metadata.printed_pages)
            if status == "ok" and outside:
                check.status = "page_outside"
                check.message = "; ".join(part for part in (message, outside) if part)
            retraction = works[0].metadata.retraction
            if retraction:  # APA 7 (10.1): a retracted work is cited only with its retraction noted
                said = "" if retraction == RETRACTED else f" ({retraction})"
                warning = f"the work was retracted{said}: check the retraction before citing it"
                check.status = "retracted" if check.status == "ok" else check.status
                check.message = "; ".join(part for part in (check.message, warning) if part)
        elif status == "ambiguous":
            check.candidates = [work_ref(w.work_id, w.metadata) for w in works]
        return check

    def quote(self, draft: Draft, quote: DraftQuote, citations: list[CitationCheck]) -> QuoteCheck | None:
        cited = citations[quote.citation] if quote.citation is not None else None
        cited_page = quote.pages or (cited.pages if cited else "")
        cited_paragraph = "" if cited_page else quote.paragraphs or (cited.paragraphs if cited else "")
        check = QuoteCheck(
            text=quote.text,
            line=draft.line_of(quote.start),
            block=quote.block,
            citation=quote.citation,
            status="not_checked",
            cited_page=cited_page,
            cited_paragraph=cited_paragraph,
        )
        if cited is None:
            return self._uncited(check)
        if cited.work is None:
            check.message = f"its citation {cited.text} is {cited.status.replace('_', ' ')}"
            return check
        work_id = cited.work.work_id
        doc_ids = set(self.by_id[work_id].doc_ids)
        check.work = cited.work
        located = self.finder.locate(quote.text, doc_ids, 1)
        if not located or located[0].score < CLOSE_SCORE:
            check.status = "not_found"
            check.score = located[0].score if located else 0.0
            check.message = f"not found in {_short(cited.work.title, 60)}" + self._elsewhere(
                quote.text, doc_ids
            )
            return check
        found = located[0]
        check.status = "verbatim" if found.verbatim else "close"
        check.score = found.score
        check.page = found.page
        check.passage = found.passage
        check.differences = found.differences
        notes = []
        if check.status == "close":
            notes.append(
                "differs from the source: " + "; ".join(_difference(d) for d in found.differences[:5])
            )
        pages = found.pages()
        check.paragraph = found.paragraph
        if cited_page and pages:
            check.on_cited_page = _in_range(pages, cited_page)
            if not check.on_cited_page:
                notes.append(
                    f"on p. {found.page}, not p. {cited_page}: cite {self.in_text(work_id, found.page)}"
                )
        elif not cited_page and pages:
            notes.append(f"no page given: cite {self.in_text(work_id, found.page)}")
        elif check.paragraph:
            notes.append(self._paragraph_note(check, work_id))
        elif cited_page:
            notes.append("the source has no printed pages: the page cannot be checked")
        check.message = "; ".join(note for note in notes if note)
        return check

    def _paragraph_note(self, check: QuoteCheck, work_id: str) -> str:
        """What to say of the pinpoint of a quotation found in a source without pages ('' when right).

        Such a source is cited by paragraph ("para. 4", APA 7 8.28): a cited paragraph is
        checked like a page, a missing one or a page is answered with the paragraph to cite.
        """
        if check.cited_paragraph:
            first, _, last = check.paragraph.partition("-")
            numbers = [str(n) for n in range(int(first), int(last or first) + 1)]
            check.on_cited_page = _in_range(numbers, check.cited_paragraph)
            if check.on_cited_page:
                return ""
        cite = self.in_text(work_id, "", check.paragraph)  # rendered only when it is said
        if check.cited_paragraph:
            return f"in para. {check.paragraph}, not para. {check.cited_paragraph}: cite {cite}"
        if check.cited_page:
            return f"the source has no printed pages: cite its paragraph, {cite}"
        return f"no paragraph given (the source has no pages): cite {cite}"

    def _uncited(self, check: QuoteCheck) -> QuoteCheck | None:
        """A quotation with no citation: reported only when the corpus holds it."""
        located = self.finder.locate(check.text, None, 1)
        if not located or located[0].score < CLOSE_SCORE:
            return None
        found = located[0]
        work_id = self.corpus.catalog.work_of(found.document.doc_id)
        check.status = "uncited"
        check.score = found.score
        check.work = work_ref(work_id, self.by_id[work_id].metadata)
        check.page = found.page
        check.paragraph = found.paragraph
        check.passage = found.passage
        cite = self.in_text(work_id, found.page, check.paragraph)
        check.message = f"quoted without a citation: cite {cite}"
        return check

    def _elsewhere(self, text: str, doc_ids: set[str]) -> str:
        """Where else the corpus holds the quotation ("; found in <work>, p. N"), or ''."""
        for found in self.finder.locate(text, None, 3):
            if found.document.doc_id in doc_ids or found.score < CLOSE_SCORE:
                continue
            work_id = self.corpus.catalog.work_of(found.document.doc_id)
            page = f", p. {found.page}" if found.page else ""
            return f"; found in {_work_label(work_ref(work_id, self.by_id[work_id].metadata))}{page}"
        return ""

    def reference_list(self, work_ids: list[str]) -> str:
        """Reference list of these works in the style: cached forms (CSL styles) or the exporters."""
        records = {w: self.by_id[w].metadata for w in work_ids}
        if self.style in CSL_STYLES and not self.lettered:
            forms = self.corpus.citations.forms(records, self.style)
            return "\n".join(sorted((forms[w].reference for w in work_ids), key=str.casefold))
        return format_bibliography([Citation(w, records[w]) for w in work_ids], self.style)

    def entries(
        self, draft: Draft, citations: list[CitationCheck], cited: list[str]
    ) -> tuple[list[ReferenceEntryCheck], list[str]]:
        """The draft's own entries (resolved, cited or not) and the citations without an entry."""
        checked: list[ReferenceEntryCheck] = []
        keys = {(fold(c.authors[0]), c.year[:4]) for c in citations if c.authors}
        numbers = {c.number for c in citations if c.number is not None}
        covered_works: set[str] = set()
        covered_keys: set[tuple[str, str]] = set()
        for entry in draft.references:
            work = self.resolver.entry_work(entry)
            key = (fold(entry.first_author), str(entry.year or ""))
            cited_here = (
                (work is not None and work.work_id in cited) or key in keys or entry.number in numbers
            )
            if work is not None:
                covered_works.add(work.work_id)
            covered_keys.add(key)
            checked.append(
                ReferenceEntryCheck(
                    text=entry.text,
                    line=entry.line,
                    work=work_ref(work.work_id, work.metadata) if work else None,
                    cited=cited_here,
                )
            )
        missing: list[str] = []
        for c in citations:
            if c.kind in ("ibid", "key") or (c.number is not None and draft.entry(c.number) is not None):
                continue  # a Pandoc draft's list is made from its keys
            if c.work is not None and c.work.work_id in covered_works:
                continue
            if c.authors and (fold(c.authors[0]), c.year[:4]) in covered_keys:
                continue
            if c.kind == "note" and any(_lists_note(entry.text, c) for entry in draft.references):
                continue  # a short note gives no year: its entry is the one with its author and title
            if c.text not in missing:
                missing.append(c.text)
        return checked, missing


def _lists_note(entry: str, note: CitationCheck) -> bool:
    """Whether a reference-list entry carries a note's first author and (short) title."""
    text = fold(entry)
    return fold(note.title) in text and (not note.authors or fold(note.authors[0]) in text)


def _entry_for(draft: Draft, citation: DraftCitation) -> DraftReference | None:
    """The draft's entry a citation names: by its number, or by first author and lettered year."""
    if citation.number is not None:
        return draft.entry(citation.number)
    if not citation.year[4:5].isalpha() or not citation.authors:
        return None
    author = fold(citation.authors[0])
    return next(
        (r for r in draft.references if r.year_text == citation.year and fold(r.first_author) == author),
        None,
    )


def _difference(difference: QuoteDifference) -> str:
    quoted = difference.quoted or "(nothing)"
    source = difference.source or "(nothing)"
    return f"{quoted!r} for {source!r}"


def check_draft(corpus: Corpus, text: str, style: str = "apa", source: str = "draft") -> DraftReport:
    """Check a draft's citations, quotations and reference list against the corpus."""
    style = check_style(style)
    draft = parse_draft(text, latex=is_latex(text, source))
    checker = _Checker(corpus, style)
    citations: list[CitationCheck] = []
    for written in draft.citations:
        citations.append(checker.citation(draft, written, citations[-1] if citations else None))
    cited: list[str] = []
    for c in citations:
        if c.work is not None and c.work.work_id not in cited:
            cited.append(c.work.work_id)
    checker.letter(cited)
    for c in citations:
        if c.work is not None and c.work.work_id in checker.lettered and c.suggested:
            c.suggested = checker.in_text(c.work.work_id, c.pages)
    checker.flag_unneeded_letters(draft, citations)
    quotes = [q for q in (checker.quote(draft, quote, citations) for quote in draft.quotes) if q is not None]
    report = DraftReport(
        source=source,
        style=style,
        citations=citations,
        quotes=quotes,
        cited_works=[work_ref(w, checker.by_id[w].metadata) for w in cited],
        reference_list=checker.reference_list(cited),
        has_reference_list=draft.has_reference_list,
    )
    if draft.has_reference_list:
        report.draft_references, report.missing_references = checker.entries(draft, citations, cited)
        report.uncited_references = [e for e in report.draft_references if not e.cited]
    report.problems = (
        sum(c.status != "ok" for c in citations)
        + sum(q.status in ("close", "not_found", "uncited") or q.on_cited_page is False for q in quotes)
        + len(report.uncited_references)
        + len(report.missing_references)
    )
    report.ok = report.problems == 0
    return report
