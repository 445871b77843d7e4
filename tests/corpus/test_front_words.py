"""A paper in another language: its own labels for the abstract and keywords, its own headings.

A German or Spanish journal article sets its abstract and keywords under "Zusammenfassung:" /
"Schlüsselwörter:" ("Resumen:" / "Palabras clave:"), then the English title over an English
abstract, and starts its body under "Einleitung" ("Introducción"). Only the English labels were
read: the English title, the line just before "Abstract:", was taken for the article's title
(or, once the first label was read, the affiliation "Institut für Psychologie, Universität
Kassel" just before it), the introduction's heading ran into its first paragraph, no section
was found, "María García y José Pérez" was no author line, and a French journal, named in sentence
case ("Revue française de gestion"), no venue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from corpus.loading.loaders import load_file
from corpus.metadata.fields import split_people
from corpus.metadata.labelled import first_page_record
from corpus.pipeline import prepare_document
from corpus_core.settings import load_settings
from tests.corpus.layouts import Layout, case_study_prose, render

PAPERS = {
    "german": {
        "masthead": "Zeitschrift für Arbeits- und Organisationspsychologie (2019), 63 (2), 75–88",
        "title": "Lernende Organisationen im Mittelstand: Eine empirische Untersuchung",
        "authors": "Anna Müller und Jörg Weiß",
        "affiliation": "Institut für Psychologie, Universität Kassel",
        "abstract": "Zusammenfassung",
        "keywords": "Schlüsselwörter",
        "terms": "Lernende Organisation, Wissensmanagement, Mittelstand",
        "introduction": "Einleitung",
        "discussion": "Diskussion",
        "body": "Die Unternehmen lernen aus Projekten mit ihren Kunden, und die Führungskräfte sichern "
        "dieses Wissen in Routinen, die das Team über die Jahre trägt.",
    },
    "french": {
        "masthead": "Revue française de gestion (2019), 45 (282), 75–88",
        "title": "L’organisation apprenante dans les PME : une étude empirique",
        "authors": "Jean Dupont et Marie Curie",
        "affiliation": "Université Paris-Dauphine, PSL, DRM",
        "abstract": "Résumé",
        "keywords": "Mots-clés",
        "terms": "organisation apprenante, gestion des connaissances, PME",
        "introduction": "Introduction",
        "discussion": "Discussion",
        "body": "Les entreprises apprennent des projets avec leurs clients, et les dirigeants conservent ce "
        "savoir dans des routines que l’équipe entretient au fil des années.",
    },
    "spanish": {
        "masthead": "Revista Europea de Dirección y Economía de la Empresa (2020), 29 (1), 45–60",
        "title": "Aprendizaje Organizativo en Pymes: Un Estudio Empírico",
        "authors": "María García y José Pérez",
        "affiliation": "Departamento de Organización de Empresas, Universidad de Sevilla",
        "abstract": "Resumen",
        "keywords": "Palabras clave",
        "terms": "Aprendizaje organizativo, Gestión del conocimiento, Pymes",
        "introduction": "Introducción",
        "discussion": "Discusión",
        "body": "Las empresas aprenden de los proyectos con sus clientes, y los directivos conservan "
        "ese conocimiento en rutinas que el equipo mantiene a lo largo de los años.",
    },
}


def _article(paper: dict[str, str], path: Path) -> Path:
    """The first pages as such a journal sets them: type sizes and space set the blocks apart."""
    body = ParagraphStyle(
        "body", fontName="Times-Roman", fontSize=10, leading=12.5, alignment=TA_JUSTIFY, spaceAfter=6
    )
    small = ParagraphStyle("small", fontName="Times-Roman", fontSize=8, leading=10)
    title = ParagraphStyle(
        "title", fontName="Times-Bold", fontSize=16, leading=19, spaceBefore=12, spaceAfter=8
    )
    authors = ParagraphStyle("authors", fontName="Times-Roman", fontSize=11, leading=14, spaceAfter=4)
    heading = ParagraphStyle(
        "heading", fontName="Times-Bold", fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
    )
    prose = " ".join([paper["body"]] * 6)
    story = [
        Paragraph(f"{paper['masthead']}<br/>https://doi.org/10.1026/0932-4089/a000290", small),
        Paragraph(paper["title"], title),
        Paragraph(paper["authors"], authors),
        Paragraph(paper["affiliation"], small),
        Spacer(1, 10),
        Paragraph(f"<b>{paper['abstract']}:</b> {paper['body']}", body),
        Paragraph(f"<b>{paper['keywords']}:</b> {paper['terms']}", body),
        Paragraph("<b>Learning organizations in SMEs: An empirical study</b>", body),
        Paragraph(
            "<b>Abstract:</b> We study how small and medium-sized firms learn from client projects.", body
        ),
        Paragraph("<b>Keywords:</b> learning organization, knowledge management, SMEs", body),
        Paragraph(paper["introduction"], heading),
        *(Paragraph(prose, body) for _ in range(12)),
        Paragraph(paper["discussion"], heading),
        *(Paragraph(prose, body) for _ in range(4)),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize("language", sorted(PAPERS))
def test_a_paper_in_another_language_is_read_by_its_own_labels_and_headings(
    language: str, tmp_path: Path
) -> None:
    paper = PAPERS[language]
    settings = load_settings()
    document = prepare_document(
        load_file(_article(paper, tmp_path / f"{language}.pdf"), settings.loading), settings
    )
    meta = document.metadata
    assert meta.title == paper["title"].replace("’", "'")  # quotes are made straight in a record
    assert [a.display for a in meta.authors] == re.split(r" und | y | et ", paper["authors"])
    assert meta.venue == paper["masthead"].split(" (")[0]
    assert meta.keywords == paper["terms"].split(", ")
    assert meta.abstract == paper["body"].replace("’", "'")
    assert [s.title for s in document.sections] == [paper["introduction"], paper["discussion"]]
    assert f"\n\n{paper['introduction']}\n\n" in document.text


@pytest.mark.parametrize(
    ("names", "people"),
    [
        ("María García y José Pérez", ["María García", "José Pérez"]),
        ("Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Anna Berg och Tomas Lind, Eva Holm", ["Anna Berg", "Tomas Lind", "Eva Holm"]),
        ("Smith, J., Doe, A. y Pérez, R.", ["J. Smith", "A. Doe", "R. Pérez"]),
        ("Juan de la Cruz y Ana López", ["Juan de la Cruz", "Ana López"]),
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),  # one name: "y" is part of it
        ("Luís Silva e Costa", ["Luís Silva e Costa"]),
    ],
)
def test_and_in_another_language_joins_two_full_names_only(names: str, people: list[str]) -> None:
    assert [person.display for person in split_people(names)] == people


@pytest.mark.parametrize(
    ("masthead", "title", "authors", "affiliation"),
    [
        (
            "Journal of Workplace Learning (2019), 63 (2), 75–88",
            "Learning Organizations in Small Firms: An Empirical Study",
            "Anna Miller and George White",
            "Department of Psychology, University of Kassel",
        ),
        (
            "Zeitschrift für Arbeits- und Organisationspsychologie (2019), 63 (2), 75–88",
            "Lernende Organisationen im Mittelstand: Eine empirische Untersuchung",
            "Anna Müller und Jörg Weiß",
            "Institut für Psychologie, Universität Kassel",
        ),
    ],
    ids=["english", "german"],
)
def test_a_first_page_set_in_one_type_keeps_its_title_apart_from_the_doi_over_it(
    masthead: str, title: str, authors: str, affiliation: str, tmp_path: Path
) -> None:
    """Reflow joins a masthead, its DOI line, the title, the authors and the affiliation set in one type."""
    first_page = (
        f"{masthead}\n\nhttps://doi.org/10.1026/0932-4089/a000290\n\n{title}\n\n{authors}\n\n{affiliation}\n\n"
        "Abstract: We study how small firms learn from their client projects.\n\nIntroduction\n\n"
    )
    rendered = render(first_page + case_study_prose(40), Layout("one-type"), tmp_path / "paper.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    assert meta.title == title
    assert [a.family for a in meta.authors] == [
        name.split()[-1] for name in re.split(r" and | und ", authors)
    ]


@pytest.mark.parametrize(
    ("first_page", "genre"),
    [
        (
            "Lernende Organisationen im Mittelstand\n\nDissertation zur Erlangung des Doktorgrades der "
            "Wirtschaftswissenschaften\n\nvorgelegt von Anna Müller\n\nUniversität Kassel\n\n2019\n\n",
            "Doctoral dissertation",
        ),
        (
            "Aprendizaje organizativo en las pymes\n\nTesis doctoral presentada por María García\n\n"
            "Universidad de Sevilla\n\n2020\n\n",
            "Doctoral dissertation",
        ),
        (
            "Læring i team\n\nMasteroppgave i organisasjon og ledelse\n\nAnna Berg\n\nNTNU\n\n2021\n\n",
            "Master's thesis",
        ),
        (
            "L’organisation apprenante\n\nThèse présentée pour obtenir le grade de docteur\n\nJean Dupont\n\n"
            "Université Paris-Dauphine\n\n2018\n\n",
            "Doctoral dissertation",
        ),
    ],
    ids=["german", "spanish", "norwegian", "french"],
)
def test_a_thesis_in_another_language_is_a_thesis_of_its_degree(
    first_page: str, genre: str, tmp_path: Path
) -> None:
    """Its title page's statement ("Dissertation zur Erlangung des Doktorgrades", "Masteroppgave") was
    not read, and "Universidad de Sevilla" was read as an author."""
    rendered = render(first_page + case_study_prose(30), Layout("thesis"), tmp_path / "thesis.pdf")
    settings = load_settings()
    meta = prepare_document(load_file(rendered.path, settings.loading), settings).metadata
    assert (meta.title, meta.kind, meta.genre) == (
        first_page.split("\n")[0].replace("’", "'"),
        "thesis",
        genre,
    )
    assert "Universidad" not in " ".join(a.display for a in meta.authors)


@pytest.mark.parametrize(
    ("lines", "author", "school"),
    [
        (
            (
                "Lernende Organisationen im Mittelstand",
                "Dissertation zur Erlangung des Doktorgrades",
                "vorgelegt von",
            ),
            "Anna Müller",
            "Universität Kassel",
        ),
        (
            ("Aprendizaje organizativo en las pymes", "Tesis doctoral", "presentada por"),
            "María García",
            "Universidad de Sevilla",
        ),
    ],
    ids=["german", "spanish"],
)
def test_a_thesis_title_page_in_another_language_gives_its_author_and_school(
    lines: tuple[str, str, str], author: str, school: str, tmp_path: Path
) -> None:
    """Set in its own type sizes; "Tesis doctoral" under the title was read as its subtitle."""
    title = ParagraphStyle(
        "title", fontName="Times-Bold", fontSize=20, leading=24, alignment=1, spaceAfter=30
    )
    centred = ParagraphStyle(
        "centred", fontName="Times-Roman", fontSize=13, leading=17, alignment=1, spaceAfter=18
    )
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=11, leading=16, alignment=TA_JUSTIFY)
    story = [
        Spacer(1, 80),
        Paragraph(lines[0], title),
        *(Paragraph(text, centred) for text in (*lines[1:], author, school, "2019")),
        PageBreak(),
        *(Paragraph(text, body) for text in case_study_prose(30).split("\n\n") if text.strip()),
    ]
    path = tmp_path / "thesis.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    settings = load_settings()
    meta = prepare_document(load_file(path, settings.loading), settings).metadata
    assert (meta.title, [a.display for a in meta.authors], meta.year) == (lines[0], [author], 2019)
    assert (meta.kind, meta.genre, meta.publisher) == ("thesis", "Doctoral dissertation", school)


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("von Krogh, Georg; Roos, Johan", ["Georg von Krogh", "Johan Roos"]),
        ("Di Maggio, Paul; Powell, Walter", ["Paul Di Maggio", "Walter Powell"]),
        ("Da Silva, João; Costa, Ana", ["João Da Silva", "Ana Costa"]),
    ],
)
def test_a_particle_opening_an_author_line_is_part_of_the_name_not_a_byline(
    line: str, people: list[str]
) -> None:
    """ "von", "di" and "da" also stand before an author on a title page; taken off here they cut a name."""
    text = f"The Iron Cage Revisited: Institutional Isomorphism in Fields\n\n{line}\n\nAbstract\n\n" + (
        "We ask why organizations look alike. " * 30
    )
    authors = [person.display for person in first_page_record(text).authors]
    assert authors in ([], people)  # read whole, or not read: never "Georg Krogh"
