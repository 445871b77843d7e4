"""Papers set as PDFs with their reference lists in publishers' styles the seeds do not use.

Each paper is set in two narrow columns (entries wrap, long words are hyphenated) under a
running head, loaded and prepared as ingestion does, and its reference list must come back
entry by entry: first author, year, title and venue. The styles: Springer's author-date
("Vargo SL, Lusch RF (2004)"), Elsevier's Harvard ("Vargo, S.L., Lusch, R.F., 2004.") and
numbered ("[1] S.L. Vargo, ..."), and ABNT under "REFERÊNCIAS".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loading.loaders import load_file
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, case_study_prose, render

BODY = "Value co-creation in service ecosystems\n\nIntroduction\n\n" + case_study_prose(36)
"""Three pages of distinct prose, so the running head repeats often enough to be told apart."""
LISTS = {
    "springer": (
        "References",
        [
            "Argyris C, Schön DA (1978) Organizational learning: a theory of action perspective. "
            "Addison-Wesley, Reading, MA",
            "Prahalad CK, Ramaswamy V (2004) Co-creation experiences: the next practice in value "
            "creation. J Interact Mark 18(3):5–14",
            "Vargo SL, Lusch RF (2016) Institutions and axioms: an extension and update of "
            "service-dominant logic. J Acad Mark Sci 44(1):5–23",
        ],
        [
            ("Argyris, C.", 1978, "Organizational learning: a theory of action perspective", ""),
            (
                "Prahalad, C. K.",
                2004,
                "Co-creation experiences: the next practice in value creation",
                "J Interact Mark",
            ),
            (
                "Vargo, S. L.",
                2016,
                "Institutions and axioms: an extension and update of service-dominant logic",
                "J Acad Mark Sci",
            ),
        ],
    ),
    "elsevier-harvard": (
        "References",
        [
            "Grönroos, C., Voima, P., 2013. Critical service logic: making sense of value creation "
            "and co-creation. J. Acad. Mark. Sci. 41 (2), 133–150.",
            "Nonaka, I., Takeuchi, H., 1995. The Knowledge-Creating Company. Oxford University "
            "Press, New York.",
            "Payne, A.F., Storbacka, K., Frow, P., 2008. Managing the co-creation of value. Journal "
            "of the Academy of Marketing Science 36 (1), 83–96.",
        ],
        [
            (
                "Grönroos, C.",
                2013,
                "Critical service logic: making sense of value creation and co-creation",
                "J. Acad. Mark. Sci",
            ),
            ("Nonaka, I.", 1995, "The Knowledge-Creating Company", ""),
            (
                "Payne, A.F.",
                2008,
                "Managing the co-creation of value",
                "Journal of the Academy of Marketing Science",
            ),
        ],
    ),
    "elsevier-numbered": (
        "References",
        [
            "[1] S.L. Vargo, R.F. Lusch, Service-dominant logic: continuing the evolution, J. Acad. "
            "Mark. Sci. 36 (1) (2008) 1–10.",
            "[2] I. Nonaka, H. Takeuchi, The Knowledge-Creating Company, Oxford University Press, "
            "New York, 1995.",
            "[3] P.M. Senge, The leader's new work: building learning organizations, Sloan Manage. "
            "Rev. 32 (1990) 7–23.",
        ],
        [
            ("Vargo, S.L.", 2008, "Service-dominant logic: continuing the evolution", "J. Acad. Mark. Sci"),
            ("Nonaka, I.", 1995, "The Knowledge-Creating Company", ""),
            (
                "Senge, P.M.",
                1990,
                "The leader's new work: building learning organizations",
                "Sloan Manage. Rev",
            ),
        ],
    ),
    "abnt": (
        "REFERÊNCIAS",
        [
            "SENGE, P. M. A quinta disciplina: arte e prática da organização que aprende. São "
            "Paulo: Best Seller, 1990.",
            "VARGO, S. L.; LUSCH, R. F. Evolving to a new dominant logic for marketing. Journal of "
            "Marketing, v. 68, n. 1, p. 1-17, 2004.",
            "PRAHALAD, C. K.; RAMASWAMY, V. Co-creation experiences: the next practice in value "
            "creation. Journal of Interactive Marketing, v. 18, n. 3, p. 5-14, 2004.",
        ],
        [
            ("Senge, P. M.", 1990, "A quinta disciplina: arte e prática da organização que aprende", ""),
            ("Vargo, S. L.", 2004, "Evolving to a new dominant logic for marketing", "Journal of Marketing"),
            (
                "Prahalad, C. K.",
                2004,
                "Co-creation experiences: the next practice in value creation",
                "Journal of Interactive Marketing",
            ),
        ],
    ),
}
LAYOUT = Layout(
    "two-narrow-columns",
    columns=2,
    column_width=170,
    head="Journal of Service Theory (2021) 9: 41-58",
    number_at="bottom",
    first_number=41,
)


@pytest.mark.parametrize("style", sorted(LISTS))
def test_a_pdfs_reference_list_in_a_publishers_style_is_read(style: str, tmp_path: Path) -> None:
    heading, entries, expected = LISTS[style]
    text = BODY + f"{heading}\n\n" + "\n\n".join(entries) + "\n"
    rendered = render(text, LAYOUT, tmp_path / f"{style}.pdf")
    settings = load_settings()
    document = prepare_document(load_file(rendered.path, settings.loading), settings)
    found = [(r.authors[0] if r.authors else "", r.year, r.title, r.venue) for r in document.references]
    assert found == expected
    assert document.references_start is not None
    assert document.text[document.references_start :].startswith(heading)
