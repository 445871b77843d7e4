"""split_references on seed 001's reference list: one per paragraph, run together, and wrapped."""

from __future__ import annotations

import textwrap
import time

import pytest
from seed_texts import seed_variants

from corpus.structure.references import parse_reference, reference_kind, split_references
from corpus_core.models import Reference

VARGO_2004 = Reference(
    raw='Vargo, S. and Lusch, R. (2004), "Evolving to a new dominant logic for marketing", '
    "*Journal of Marketing*, Vol. 68 No. 1, pp. 1–17.",
    authors=["Vargo, S.", "Lusch, R."],
    year=2004,
    title="Evolving to a new dominant logic for marketing",
    venue="Journal of Marketing",
)


@pytest.fixture(scope="module")
def seed_001() -> str:
    return seed_variants("001")["raw"]


@pytest.mark.parametrize("variant", ["raw", "normalised"])
def test_seed_001_reference_list(variant: str) -> None:
    text = seed_variants("001")[variant]
    start, refs = split_references(text)
    assert start is not None
    assert text[start:].startswith("References\n")
    assert text[:start].rstrip().endswith("collaborative action from multiple and disparate interest groups.")
    assert len(refs) == 57
    assert VARGO_2004 in refs
    assert refs[0].authors == ["Allen, G.", "Dovey, K."]
    assert refs[-1].authors == ["Zahra, S.", "George, G."]
    assert sum(r.year is not None for r in refs) == 55


def test_seed_001_selected_entries(seed_001: str) -> None:
    _, refs = split_references(seed_001)
    by_key = {(r.authors[0] if r.authors else "", r.year): r for r in refs}
    kang = by_key[("Kang, S-C.", 2007)]
    assert kang.authors == ["Kang, S-C.", "Morris, S.", "Snell, S."]
    assert kang.venue == "Academy of Management Review"
    garvin = by_key[("Garvin, D.", 2008)]
    assert garvin.authors == ["Garvin, D.", "Edmondson, A.", "Gino, F."]
    assert garvin.title == "Is yours a learning organization?"
    assert garvin.venue == "Harvard Business Review"
    argyris = by_key[("Argyris, C.", 1990)]
    assert (argyris.title, argyris.venue) == ("Overcoming Organizational Defences", "")
    senge = by_key[("Senge, P.", 1990)]
    assert senge.title == "The Fifth Discipline: The Art and Practice of the Learning Organization"
    assert senge.raw.startswith("Senge, P. (1990)")
    chew = by_key[("Chew, E.", 2013)]
    assert chew.venue == "Proceedings of the 9th European Conference on Management, Leadership and Governance"
    brusoni = by_key[("Brusoni, S.", 2014)]
    assert brusoni.venue == "European Management Journal"
    kohtamaki = by_key[("Kohtamäki, M.", 2016)]
    assert kohtamaki.venue == "Industrial Marketing Management"


def test_run_together_and_wrapped_lists_give_the_same_entries(seed_001: str) -> None:
    start, refs = split_references(seed_001)
    assert start is not None
    entries = seed_001[start:].split("\n\n")[1:]
    wrapped = (
        seed_001[:start]
        + "References\n"
        + "\n".join(line for entry in entries for line in textwrap.wrap(entry, 80, break_on_hyphens=False))
    )
    wrapped_start, wrapped_refs = split_references(wrapped)
    assert wrapped_start == start
    assert [r.raw for r in wrapped_refs] == [r.raw for r in refs]
    one_paragraph = seed_001[:start] + "References\n\n" + " ".join(" ".join(entries).split())
    _, joined_refs = split_references(one_paragraph)
    assert VARGO_2004 in joined_refs
    assert len(joined_refs) >= 54


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_no_reference_list(prefix: str) -> None:
    assert split_references(seed_variants(prefix)["raw"]) == (None, [])


def test_references_heading_in_contents_is_skipped() -> None:
    body = "Body text that cites Smith (2001) in passing and ends properly."
    text = "\n\n".join(
        [
            "Contents",
            "Introduction",
            "References",
            "Introduction",
            body,
            "References",
            'Smith, J. (2001), "A paper", Journal of Things, Vol. 1, pp. 1-2.',
            "Doe, A. and Roe, B. (2003). A study of things. Science Journal, 12(3), 4-5.",
        ]
    )
    start, refs = split_references(text)
    assert start == text.rindex("References")
    assert [r.authors for r in refs] == [["Smith, J."], ["Doe, A.", "Roe, B."]]
    assert refs[1].title == "A study of things"
    assert refs[1].venue == "Science Journal"


def test_apa_entry() -> None:
    ref = parse_reference(
        "Vargo, S. L., & Lusch, R. F. (2004). Evolving to a new dominant logic for marketing. "
        "Journal of Marketing, 68(1), 1–17."
    )
    assert ref.authors == ["Vargo, S. L.", "Lusch, R. F."]
    assert ref.year == 2004
    assert ref.title == "Evolving to a new dominant logic for marketing"
    assert ref.venue == "Journal of Marketing"


def test_a_surname_with_a_generational_suffix_starts_an_entry() -> None:
    """ "Masterson Jr., K. S." run together with the entry before it is still an entry of its own."""
    text = (
        "Body text of the paper ends here.\n\nReferences\n\n"
        "DeWitte, L. (1960). Least squares fitting of a great circle. Communications of the ACM, 3(10), "
        "247-257. Masterson Jr., K. S. (1960). Compilation for two computers with NELIAC. Communications "
        "of the ACM, 3(11), 254-264. King, M. L., Jr. (1963). Letter from Birmingham jail. Liberation, 8(4), "
        "10-16."
    )
    _, refs = split_references(text)
    assert [ref.authors for ref in refs] == [["DeWitte, L."], ["Masterson Jr., K. S."], ["King, M. L., Jr."]]
    assert refs[1].title == "Compilation for two computers with NELIAC"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            '[1] P. M. Senge, "The leader\'s new work: Building learning organizations," Sloan Manag. Rev., '
            "vol. 32, no. 1, pp. 7-23, 1990.",
            (
                ["Senge, P. M."],
                1990,
                "The leader's new work: Building learning organizations",
                "Sloan Manag. Rev",
            ),
        ),
        (
            "[2] S. L. Vargo and R. F. Lusch, “Evolving to a new dominant logic for marketing,” "
            "J. Marketing, vol. 68, no. 1, pp. 1-17, Jan. 2004, doi: 10.1509/jmkg.68.1.1.24036.",
            (
                ["Vargo, S. L.", "Lusch, R. F."],
                2004,
                "Evolving to a new dominant logic for marketing",
                "J. Marketing",
            ),
        ),
        (
            "[3] A. Edmondson, “Psychological safety and learning behavior in work teams,” in Proc. Acad. "
            "Manage. Conf., Chicago, IL, USA, 1999, pp. 1-6.",
            (
                ["Edmondson, A."],
                1999,
                "Psychological safety and learning behavior in work teams",
                "Proc. Acad. Manage. Conf",
            ),
        ),
        (
            "3. Argyris C, Schön DA. Organizational learning: a theory of action perspective. Reading, MA: "
            "Addison-Wesley; 1978.",
            (
                ["Argyris, C.", "Schön, D. A."],
                1978,
                "Organizational learning: a theory of action perspective",
                "",
            ),
        ),
        (
            "Vargo SL, Lusch RF. Evolving to a new dominant logic for marketing. J Mark. 2004;68(1):1-17.",
            (
                ["Vargo, S. L.", "Lusch, R. F."],
                2004,
                "Evolving to a new dominant logic for marketing",
                "J Mark",
            ),
        ),
    ],
)
def test_numbered_styles_are_parsed(entry: str, expected: tuple[object, ...]) -> None:
    """IEEE (title in quotes, year last) and Vancouver (initials without points) entries."""
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title, ref.venue) == expected


def test_a_numbered_list_run_together_is_cut_at_each_next_number() -> None:
    text = (
        "Body text of the paper ends here.\n\nReferences\n\n"
        '[1] P. M. Senge, "The leader\'s new work," Sloan Manag. Rev., vol. 32, pp. 7-23, 1990. '
        '[2] A. Edmondson, "Psychological safety [3] in teams," Admin. Sci. Q., vol. 44, pp. 350-383, 1999. '
        '[3] D. A. Garvin, "Building a learning organization," Harvard Bus. Rev., vol. 71, pp. 78-91, 1993.'
    )
    _, refs = split_references(text)
    assert [(ref.authors, ref.year) for ref in refs] == [
        (["Senge, P. M."], 1990),
        (["Edmondson, A."], 1999),
        (["Garvin, D. A."], 1993),
    ]


WORKS_CITED = [
    "Argyris, Chris. On Organizational Learning. Oxford: Blackwell, 1992.",
    "Edmondson, Amy. “Psychological Safety and Learning Behavior in Work Teams.” Administrative Science "
    "Quarterly, vol. 44, no. 2, 1999, pp. 350-383.",
    "Senge, Peter M. The Fifth Discipline: The Art and Practice of the Learning Organization. New York: "
    "Doubleday, 1990.",
    "Vargo, Stephen L., and Robert F. Lusch. “Evolving to a New Dominant Logic for Marketing.” Journal of "
    "Marketing, vol. 68, no. 1, 2004, pp. 1-17.",
]
WORKS_CITED_PARSED = [
    (["Argyris, Chris"], 1992, "On Organizational Learning", ""),
    (
        ["Edmondson, Amy"],
        1999,
        "Psychological Safety and Learning Behavior in Work Teams",
        "Administrative Science Quarterly",
    ),
    (
        ["Senge, Peter M."],
        1990,
        "The Fifth Discipline: The Art and Practice of the Learning Organization",
        "",
    ),
    (
        ["Vargo, Stephen L.", "Lusch, Robert F."],
        2004,
        "Evolving to a New Dominant Logic for Marketing",
        "Journal of Marketing",
    ),
]


@pytest.mark.parametrize("layout", ["wrapped", "run-on"])
def test_an_mla_works_cited_list_is_found_and_parsed(layout: str) -> None:
    """Given names written out, the year last, books unquoted: wrapped at 70 columns, or one paragraph."""
    entries = [textwrap.fill(e, 70) for e in WORKS_CITED] if layout == "wrapped" else [" ".join(WORKS_CITED)]
    text = "The paper's last paragraph ends here.\n\nWorks Cited\n\n" + "\n".join(entries)
    start, refs = split_references(text)
    assert start == text.index("Works Cited")
    assert [(r.authors, r.year, r.title, r.venue) for r in refs] == WORKS_CITED_PARSED


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Senge, Peter M. “The Leader's New Work: Building Learning Organizations.” Sloan Management "
            "Review 32, no. 1 (1990): 7–23.",
            (["Senge, Peter M."], 1990, "The Leader's New Work: Building Learning Organizations"),
        ),
        (
            "Senge, Peter M. 1990. “The Leader's New Work: Building Learning Organizations.” Sloan "
            "Management Review 32 (1): 7–23.",
            (["Senge, Peter M."], 1990, "The Leader's New Work: Building Learning Organizations"),
        ),
        (
            "Vargo, Stephen L., Robert F. Lusch, and Melissa Archpru Akaka. “On Value and Value "
            "Co-Creation: A Service Systems and Service Logic Perspective.” European Management Journal "
            "26, no. 3 (2008): 145–52.",
            (
                ["Vargo, Stephen L.", "Lusch, Robert F.", "Akaka, Melissa Archpru"],
                2008,
                "On Value and Value Co-Creation: A Service Systems and Service Logic Perspective",
            ),
        ),
        (
            "Edmondson, Amy C., et al. “Disrupted Routines.” Administrative Science Quarterly, vol. 46, "
            "no. 4, 2001, pp. 685-716.",
            (["Edmondson, Amy C."], 2001, "Disrupted Routines"),
        ),
        (
            "van der Heijden, Kees. “Scenarios, Strategies and the Strategy Process.” Nijenrode Research "
            "Paper Series, 1997.",
            (["van der Heijden, Kees"], 1997, "Scenarios, Strategies and the Strategy Process"),
        ),
    ],
    ids=["chicago-notes", "chicago-author-date", "three-authors", "et-al", "particle"],
)
def test_chicago_and_mla_entries_are_parsed(entry: str, expected: tuple[object, ...]) -> None:
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title) == expected
    assert ref.venue and ref.venue[0].isupper() and not any(c.isdigit() for c in ref.venue), ref.venue


def test_an_mla_books_original_year_is_not_part_of_its_title() -> None:
    """MLA's optional original date ("1916.") ends a book's title; the entry is dated by the edition cited."""
    ref = parse_reference("Dewey, John. Democracy and Education. 1916. Free Press, 1997.")
    assert (ref.authors, ref.title, ref.year) == (["Dewey, John"], "Democracy and Education", 1997)
    assert ref.venue == ""  # a book's publisher is not a venue


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Kim, Juho, et al. “Learnersourcing Subgoal Labels for How-to Videos.” Proceedings of the "
            "2014 ACM Conference on Learning at Scale, ACM, 2015, pp. 50-59.",
            (2015, "Proceedings of the 2014 ACM Conference on Learning at Scale"),
        ),
        (
            "Nonaka, Ikujiro. “The Knowledge-Creating Company.” Best Papers of 2006, Academy of "
            "Management, July-Aug. 2007, pp. 162-71.",
            (2007, "Best Papers of 2006"),
        ),
        (
            "Edmondson, Amy C. “Psychological Safety.” Advances in Learning Research 2019, edited by Jo "
            "Smith, Springer, 12 Mar. 2020, pp. 1-20.",
            (2020, "Advances in Learning Research 2019"),
        ),
        (
            "Senge, Peter M. “The Leader's New Work.” Sloan Management Review 32, no. 1 (1990): 7–23.",
            (1990, "Sloan Management Review"),
        ),
        (
            "Roe, Jane Ann. “Learning at Scale.” Lecture Notes in Computer Science 11437 (2019): 1–12.",
            (2019, "Lecture Notes in Computer Science"),
        ),
    ],
    ids=["proceedings", "month", "day-month", "chicago-volume", "series-volume"],
)
def test_a_year_inside_a_written_out_entrys_venue_is_not_its_date(
    entry: str, expected: tuple[object, ...]
) -> None:
    """MLA dates an entry in an element of its own (", 2015,", ", Nov. 2007,"); a venue may hold a year."""
    ref = parse_reference(entry)
    assert (ref.year, ref.venue) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Senge, Peter (1990) The Fifth Discipline. London: Century.",
            (["Senge, Peter"], 1990, "The Fifth Discipline"),
        ),
        (
            "Argyris, Chris, and Schön, Donald (1978) Organizational Learning. Reading, MA: Addison-Wesley.",
            (["Argyris, Chris", "Schön, Donald"], 1978, "Organizational Learning"),
        ),
        (
            "Vargo, Stephen L. & Lusch, Robert F. (2004). Evolving to a new dominant logic for marketing. "
            "Journal of Marketing, 68(1), 1–17.",
            (
                ["Vargo, Stephen L.", "Lusch, Robert F."],
                2004,
                "Evolving to a new dominant logic for marketing",
            ),
        ),
    ],
    ids=["harvard", "harvard-two", "apa"],
)
def test_author_date_entries_with_given_names_written_out(entry: str, expected: tuple[object, ...]) -> None:
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "2. Vargo, S.L.; Lusch, R.F. Service-dominant logic: Continuing the evolution. "
            "J. Acad. Mark. Sci. 2008, 36, 1–10. [CrossRef]",
            (
                ["Vargo, S.L.", "Lusch, R.F."],
                2008,
                "Service-dominant logic: Continuing the evolution",
                "J. Acad. Mark. Sci",
            ),
        ),
        (
            "Edmondson, A.C. Psychological safety and learning behavior in work teams. "
            "Adm. Sci. Q. 1999, 44, 350–383.",
            (
                ["Edmondson, A.C."],
                1999,
                "Psychological safety and learning behavior in work teams",
                "Adm. Sci. Q",
            ),
        ),
        (
            "Argyris, C.; Schön, D.A. Organizational Learning II: Theory, Method, and Practice, 2nd ed.; "
            "Addison-Wesley: Reading, MA, USA, 1996; pp. 1–20.",
            (
                ["Argyris, C.", "Schön, D.A."],
                1996,
                "Organizational Learning II: Theory, Method, and Practice",
                "",
            ),
        ),
        (
            "Lusch, R.F.; Vargo, S.L. Service-dominant logic: A guiding framework. In The "
            "Service-Dominant Logic of Marketing; Lusch, R.F., Vargo, S.L., Eds.; M.E. Sharpe: "
            "Armonk, NY, USA, 2006; pp. 406–420.",
            (
                ["Lusch, R.F.", "Vargo, S.L."],
                2006,
                "Service-dominant logic: A guiding framework",
                "The Service-Dominant Logic of Marketing",
            ),
        ),
        (
            "Li, X.; Zhang, Y.; Wang, Q. Co-creation in digital platforms. In Proceedings of the 2019 "
            "International Conference on Information Systems, Munich, Germany, 15–18 December 2019; "
            "pp. 1–17.",
            (
                ["Li, X.", "Zhang, Y.", "Wang, Q."],
                2019,
                "Co-creation in digital platforms",
                "Proceedings of the 2019 International Conference on Information Systems",
            ),
        ),
        (
            "Chen, L.; Wang, Q. Does learning culture matter? Evidence from Chinese firms. Sustainability "
            "2020, 12, 4567.",
            (
                ["Chen, L.", "Wang, Q."],
                2020,
                "Does learning culture matter? Evidence from Chinese firms",
                "Sustainability",
            ),
        ),
        (
            "Chen, L. Does learning matter? J. Bus. Res. 2019, 98, 1–9.",
            (["Chen, L."], 2019, "Does learning matter?", "J. Bus. Res"),
        ),
        (
            "Kim, H.; Lee, S. Learning organizations in the U.S. public sector. Public Adm. Rev. "
            "2018, 78, 100–110.",
            (
                ["Kim, H.", "Lee, S."],
                2018,
                "Learning organizations in the U.S. public sector",
                "Public Adm. Rev",
            ),
        ),
        (
            "Wang, Y.; Chen, Z. Knowledge sharing and team learning. Behav. Sci. 2022, in press.",
            (["Wang, Y.", "Chen, Z."], 2022, "Knowledge sharing and team learning", "Behav. Sci"),
        ),
    ],
    ids=[
        "journal",
        "one-author",
        "book",
        "chapter",
        "proceedings",
        "subtitle",
        "question",
        "initialism",
        "in-press",
    ],
)
def test_acs_and_mdpi_entries_are_parsed(entry: str, expected: tuple[object, ...]) -> None:
    """Authors by initials separated by semicolons, the title, then the venue and "Year, Volume, Pages"."""
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title, ref.venue) == expected


def test_an_mdpi_reference_list_with_wrapped_entries_is_found_and_parsed() -> None:
    text = (
        "Body text of the paper ends here.\n\nReferences\n\n"
        "1. Vargo, S.L.; Lusch, R.F. Service-dominant logic: Continuing the evolution. J. Acad. Mark.\n"
        "Sci. 2008, 36, 1–10. [CrossRef]\n"
        "2. Senge, P.M. The Fifth Discipline: The Art and Practice of the Learning Organization; Doubleday:\n"
        "New York, NY, USA, 1990.\n"
        "3. Grönroos, C.; Voima, P. Critical service logic: Making sense of value creation and co-creation.\n"
        "J. Acad. Mark. Sci. 2013, 41, 133–150.\n"
    )
    start, refs = split_references(text)
    assert start == text.index("References")
    assert [(r.authors, r.year, r.venue) for r in refs] == [
        (["Vargo, S.L.", "Lusch, R.F."], 2008, "J. Acad. Mark. Sci"),
        (["Senge, P.M."], 1990, ""),
        (["Grönroos, C.", "Voima, P."], 2013, "J. Acad. Mark. Sci"),
    ]
    assert refs[1].title == "The Fifth Discipline: The Art and Practice of the Learning Organization"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Smith, J. and Jones, K. 2019. Value co-creation. Journal of Services 11, 12–20.",
            (["Smith, J.", "Jones, K."], 2019),
        ),
        (
            "Smith, J., Jones, K., 2019. Value co-creation. J. Serv. 11, 12–20.",
            (["Smith, J.", "Jones, K."], 2019),
        ),
        ("Senge, P. (1990). The fifth discipline. Doubleday.", (["Senge, P."], 1990)),
    ],
    ids=["harvard-and", "harvard-comma", "apa"],
)
def test_author_date_entries_by_initials_are_not_read_as_acs(
    entry: str, expected: tuple[object, ...]
) -> None:
    ref = parse_reference(entry)
    assert (ref.authors, ref.year) == expected
    assert ref.title.startswith(("Value co-creation", "The fifth discipline"))


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Vargo SL, Lusch RF (2016) Institutions and axioms: an extension and update of service-dominant "
            "logic. J Acad Mark Sci 44(1):5–23. https://doi.org/10.1007/s11747-015-0456-3",
            (
                ["Vargo, S. L.", "Lusch, R. F."],
                2016,
                "Institutions and axioms: an extension and update of service-dominant logic",
                "J Acad Mark Sci",
            ),
        ),
        (
            "Lusch RF, Vargo SL (2006) Service-dominant logic as a foundation. In: Lusch RF, Vargo SL (eds) "
            "The service-dominant logic of marketing: dialog, debate, and directions. ME Sharpe, Armonk, "
            "pp 406–420",
            (
                ["Lusch, R. F.", "Vargo, S. L."],
                2006,
                "Service-dominant logic as a foundation",
                "The service-dominant logic of marketing: dialog, debate, and directions",
            ),
        ),
        (
            "van der Aalst WMP, Smith J et al (2016) Process mining: data science in action. "
            "Springer, Berlin",
            (["van der Aalst, W. M. P.", "Smith, J."], 2016, "Process mining: data science in action", ""),
        ),
        (
            "Smith J (2020) Does it matter? Evidence from firms. J Serv Res. https://doi.org/10.1177/10946",
            (["Smith, J."], 2020, "Does it matter? Evidence from firms", "J Serv Res"),
        ),
        (
            "Grönroos, C., Voima, P., 2013. Critical service logic: making sense of value creation and "
            "co-creation. J. Acad. Mark. Sci. 41 (2), 133–150.",
            (
                ["Grönroos, C.", "Voima, P."],
                2013,
                "Critical service logic: making sense of value creation and co-creation",
                "J. Acad. Mark. Sci",
            ),
        ),
        (
            "Payne, A.F., Storbacka, K., Frow, P., 2008. Managing the co-creation of value. Journal of the "
            "Academy of Marketing Science 36 (1), 83–96.",
            (
                ["Payne, A.F.", "Storbacka, K.", "Frow, P."],
                2008,
                "Managing the co-creation of value",
                "Journal of the Academy of Marketing Science",
            ),
        ),
        (
            "1. Vargo, S.L., Lusch, R.F.: Evolving to a new dominant logic for marketing. J. Mark. 68(1), "
            "1–17 (2004)",
            (
                ["Vargo, S.L.", "Lusch, R.F."],
                2004,
                "Evolving to a new dominant logic for marketing",
                "J. Mark",
            ),
        ),
        (
            "4. Jones, K.: A chapter on platforms. In: Smith, J. (ed.) Book Title. LNCS, vol. 1234, "
            "pp. 1–10. Springer, Heidelberg (2010). https://doi.org/10.1007/978-3-642",
            (["Jones, K."], 2010, "A chapter on platforms", "Book Title"),
        ),
        (
            "[7] S.L. Vargo, R.F. Lusch, Service-dominant logic: continuing the evolution, J. Acad. Mark. "
            "Sci. 36 (1) (2008) 1–10.",
            (
                ["Vargo, S.L.", "Lusch, R.F."],
                2008,
                "Service-dominant logic: continuing the evolution",
                "J. Acad. Mark. Sci",
            ),
        ),
        (
            "[3] I. Nonaka, H. Takeuchi, The Knowledge-Creating Company, Oxford University Press, New York, "
            "1995.",
            (["Nonaka, I.", "Takeuchi, H."], 1995, "The Knowledge-Creating Company", ""),
        ),
        (
            "[6] A. van der Merwe, J.-P. Martin, Value in platforms, in: Proceedings of the 43rd Hawaii "
            "International Conference on System Sciences, IEEE, 2010, pp. 1–10.",
            (
                ["van der Merwe, A.", "Martin, J.-P."],
                2010,
                "Value in platforms",
                "Proceedings of the 43rd Hawaii International Conference on System Sciences",
            ),
        ),
        (
            "SOUZA NETO, J. A.; DE TONI, D. Cocriação de valor. Revista de Administração, São Paulo, v. 50, "
            "n. 2, p. 10-20, 2015.",
            (["Souza Neto, J. A.", "De Toni, D."], 2015, "Cocriação de valor", "Revista de Administração"),
        ),
        (
            "GRÖNROOS, C. Service logic revisited. In: SMITH, J. (Org.). Handbook of service. São Paulo: "
            "Atlas, 2010. p. 1-10.",
            (["Grönroos, C."], 2010, "Service logic revisited", "Handbook of service"),
        ),
        (
            "SMITH, J. Title of a web page. 2020. Disponível em: https://example.org. "
            "Acesso em: 10 jan. 2021.",
            (["Smith, J."], 2020, "Title of a web page", ""),
        ),
        (
            "Stephen L. Vargo and Robert F. Lusch. 2004. Evolving to a new dominant logic for marketing. "
            "J. Mark. 68, 1 (2004), 1–17. https://doi.org/10.1509/jmkg.68.1.1.24036",
            (
                ["Vargo, Stephen L.", "Lusch, Robert F."],
                2004,
                "Evolving to a new dominant logic for marketing",
                "J. Mark",
            ),
        ),
        (
            "Ann Smith, B. C. Jones, and Cy Brown. 2019. Designing for value co-creation. In Proceedings of "
            "the 2019 CHI Conference on Human Factors in Computing Systems (CHI ’19). ACM, New York, 1–12.",
            (
                ["Smith, Ann", "Jones, B. C.", "Brown, Cy"],
                2019,
                "Designing for value co-creation",
                "Proceedings of the 2019 CHI Conference on Human Factors in Computing Systems",
            ),
        ),
    ],
    ids=[
        "springer-journal",
        "springer-chapter",
        "springer-book",
        "springer-online-first",
        "elsevier-harvard-abbreviated",
        "elsevier-harvard-full-name",
        "lncs-journal",
        "lncs-proceedings",
        "elsevier-numbered-journal",
        "elsevier-numbered-book",
        "elsevier-numbered-proceedings",
        "abnt-journal",
        "abnt-chapter",
        "abnt-web-page",
        "acm-journal",
        "acm-proceedings",
    ],
)
def test_springer_elsevier_acm_and_abnt_entries_are_parsed(entry: str, expected: tuple[object, ...]) -> None:
    """Publishers' own styles: authors by initials (pointed or not), the year, the title, the venue."""
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title, ref.venue) == expected


LISTS_IN_PUBLISHERS_STYLES = {
    "springer": (
        "References\n\n"
        "Argyris C, Schön DA (1978) Organizational learning: a theory of action perspective.\n"
        "Addison-Wesley, Reading, MA\n"
        "Prahalad CK, Ramaswamy V (2004) Co-creation experiences: the next practice in value\n"
        "creation. J Interact Mark 18(3):5–14\n"
        "Vargo SL, Maglio PP, Akaka MA, Smith J, Jones K,\n"
        "Miller R (2008) On value and value co-creation. Eur Manag J 26(3):145–152\n",
        [
            (["Argyris, C.", "Schön, D. A."], 1978, ""),
            (["Prahalad, C. K.", "Ramaswamy, V."], 2004, "J Interact Mark"),
            (
                ["Vargo, S. L.", "Maglio, P. P.", "Akaka, M. A.", "Smith, J.", "Jones, K.", "Miller, R."],
                2008,
                "Eur Manag J",
            ),
        ],
    ),
    "elsevier-harvard": (
        "References\n\n"
        "Grönroos, C., Voima, P., 2013. Critical service logic: making sense of value creation and\n"
        "co-creation. J. Acad. Mark. Sci. 41 (2), 133–150.\n"
        "Nonaka, I., Takeuchi, H., 1995. The Knowledge-Creating Company. Oxford University Press,\n"
        "New York.\n"
        "Vargo, S.L., Lusch, R.F., 2004. Evolving to a new dominant logic for marketing. J. Mark. 68\n"
        "(1), 1–17.\n",
        [
            (["Grönroos, C.", "Voima, P."], 2013, "J. Acad. Mark. Sci"),
            (["Nonaka, I.", "Takeuchi, H."], 1995, ""),
            (["Vargo, S.L.", "Lusch, R.F."], 2004, "J. Mark"),
        ],
    ),
    "elsevier-numbered": (
        "References\n\n"
        "[1] S.L. Vargo, R.F. Lusch, Evolving to a new dominant logic for marketing, J. Mark. 68\n"
        "(2004) 1–17.\n"
        "[2] P.M. Senge, The Fifth Discipline: The Art and Practice of the Learning Organization,\n"
        "Doubleday, New York, 1990.\n",
        [(["Vargo, S.L.", "Lusch, R.F."], 2004, "J. Mark"), (["Senge, P.M."], 1990, "")],
    ),
    "abnt": (
        "REFERÊNCIAS\n\n"
        "SENGE, P. M. A quinta disciplina: arte e prática da organização que aprende. São Paulo:\n"
        "Best Seller, 1990.\n"
        "VARGO, S. L.; LUSCH, R. F. Evolving to a new dominant logic for marketing. Journal of\n"
        "Marketing, v. 68, n. 1, p. 1-17, 2004.\n",
        [(["Senge, P. M."], 1990, ""), (["Vargo, S. L.", "Lusch, R. F."], 2004, "Journal of Marketing")],
    ),
}


@pytest.mark.parametrize("style", sorted(LISTS_IN_PUBLISHERS_STYLES))
@pytest.mark.parametrize("layout", ["wrapped", "run-on"])
def test_reference_lists_in_publishers_styles_are_found_and_parsed(style: str, layout: str) -> None:
    """Springer, Elsevier (Harvard, numbered) and ABNT lists, wrapped as PDFs give them, or run together."""
    listed, expected = LISTS_IN_PUBLISHERS_STYLES[style]
    heading, entries = listed.split("\n\n", 1)
    if layout == "run-on":
        entries = " ".join(entries.split("\n"))
    text = f"Body text of the paper ends here.\n\n{heading}\n\n{entries}"
    start, refs = split_references(text)
    assert start == text.index(heading)
    assert [(r.authors, r.year, r.venue) for r in refs] == expected


def test_a_long_hyphenated_name_does_not_stall_the_parser() -> None:
    """Capitalised, hyphenated words once took time exponential in their hyphens (20: 0.2 s, 24: 3 s)."""
    line = "-".join(["Value"] * 60) + " co-creation AB, and more"
    started = time.perf_counter()
    parse_reference(line)
    split_references(f"References\n\n{line}\n{line}\n")
    assert time.perf_counter() - started < 2.0


def test_an_organisation_as_author_is_not_turned_round_as_an_acm_name() -> None:
    """ACM writes given names first; "World Health Organization. 2004." names an organisation."""
    ref = parse_reference("World Health Organization. 2004. Global strategy on diet. WHO, Geneva.")
    assert ref.authors[0].startswith("World Health Organization")
    assert (ref.year, ref.title) == (2004, "Global strategy on diet")


@pytest.mark.parametrize(
    ("entry", "title", "venue"),
    [
        (
            "Gupta, A. K., & Smith, K. G. (2006). Exploration Vs. Exploitation in Teams. "
            "Academy of Management Journal, 49(4), 693–706.",
            "Exploration Vs. Exploitation in Teams",
            "Academy of Management Journal",
        ),
        (
            "Gupta, A. K. (2006). Learning routines, e.g. Toyota: A case study. Organization Science, "
            "17(2), 1–20.",
            "Learning routines, e.g. Toyota: A case study",
            "Organization Science",
        ),
        (
            "Gupta, A. and Smith, K. (2006) Exploration vs. Exploitation in Teams. London: Sage.",
            "Exploration vs. Exploitation in Teams",
            "",
        ),
        (
            "Anil K. Gupta and Ken G. Smith. 2006. Exploration vs. Exploitation in Teams. "
            "Acad. Manag. J. 49, 4 (2006), 693–706.",
            "Exploration vs. Exploitation in Teams",
            "Acad. Manag. J",
        ),
        (
            "Gupta, A.K., Smith, K.G.: Exploration vs. Exploitation in Teams. Acad. Manag. J. 49(4), "
            "693–706 (2006)",
            "Exploration vs. Exploitation in Teams",
            "Acad. Manag. J",
        ),
        (
            "Gupta AK, Smith KG (2006) Exploration vs. exploitation in teams. Acad Manag J 49(4):693–706",
            "Exploration vs. exploitation in teams",
            "Acad Manag J",
        ),
        (
            "2. Gupta, A.K.; Smith, K.G. Exploration vs. exploitation in teams. Acad. Manag. J. 2006, "
            "49, 693–706.",
            "Exploration vs. exploitation in teams",
            "Acad. Manag. J",
        ),
        (
            "3. Gupta AK, Smith KG. Exploration vs. exploitation in teams. Acad Manag J. 2006;49(4):693-706.",
            "Exploration vs. exploitation in teams",
            "Acad Manag J",
        ),
        (
            "GUPTA, A. K.; SMITH, K. G. Exploration vs. exploitation in teams. Revista de "
            "Administração, v. 49, n. 4, p. 693-706, 2006.",
            "Exploration vs. exploitation in teams",
            "Revista de Administração",
        ),
        (
            "Gupta, Anil K. Exploration vs. Exploitation in Teams, cf. March. Sage, 2006.",
            "Exploration vs. Exploitation in Teams, cf. March",
            "",
        ),
    ],
    ids=["apa", "apa-eg", "harvard", "acm", "lncs", "springer", "mdpi", "vancouver", "abnt", "mla"],
)
def test_a_title_runs_on_past_vs_and_eg(entry: str, title: str, venue: str) -> None:
    """A title runs on past "vs.", "e.g.", "i.e." or "cf." (every style's parser once ended it there)."""
    ref = parse_reference(entry)
    assert (ref.year, ref.title, ref.venue) == (2006, title, venue)


@pytest.mark.parametrize(
    ("entry", "venue", "kind"),
    [
        (
            "Edmondson, A. C. (2002). Managing the risk of learning: Psychological safety in work "
            "teams. In M. A. West, D. Tjosvold, & K. G. Smith (Eds.), International handbook of "
            "organizational teamwork and cooperative working (pp. 255–275). Wiley.",
            "International handbook of organizational teamwork and cooperative working",
            "chapter",
        ),
        (
            "Argyris, C. (1995). Action science and organizational learning. In L. Argote (Ed.), "
            "Organizational learning: Creating, retaining and transferring knowledge (2nd ed., "
            "pp. 10–20). Springer.",
            "Organizational learning: Creating, retaining and transferring knowledge",
            "chapter",
        ),
        (
            "Smith, J. (2020). Learning in teams. In Proceedings of the Academy of Management Annual Meeting "
            "(pp. 1–5). Academy of Management.",
            "Proceedings of the Academy of Management Annual Meeting",
            "paper-conference",
        ),
        (
            "Weick, K. E., and Westley, F. (1996) Organizational learning: Affirming an oxymoron. In: "
            "Clegg, S. R., Hardy, C. and Nord, W. R. (eds.) Handbook of Organization Studies. London: "
            "Sage, pp. 440–458.",
            "Handbook of Organization Studies",
            "chapter",
        ),
        (
            'Cunliffe, A. (2009), "Reflexivity, learning and reflective practice", in Armstrong, S. and '
            "Easterby-Smith, M. (eds), (1999), *Organizational Learning and the Learning "
            "Organization*, Sage, London.",
            "Organizational Learning and the Learning Organization",
            "chapter",
        ),
        (
            'Gupta, Anil K. "Exploration in Teams." In Organizational Learning, edited by Linda '
            "Argote, 1–20. Boston: Springer, 2006.",
            "Organizational Learning",
            "chapter",
        ),
        (
            "Gupta, Anil K. “Exploration in Teams.” Organizational Learning, edited by Linda Argote, "
            "Springer, 2006, pp. 1–20.",
            "Organizational Learning",
            "chapter",
        ),
        (
            "Gupta, Anil K. “Exploration in Teams.” Academy of Management Journal, vol. 49, no. 4, 2006, "
            "pp. 693–706.",
            "Academy of Management Journal",
            "",
        ),
        (
            "Smith, J.; Lee, K. Team learning in hospitals. In Organizational Learning, Memory and "
            "Knowledge, 2nd ed.; Argote, L., Ed.; Springer: Boston, MA, USA, 2013; pp. 1–20.",
            "Organizational Learning, Memory and Knowledge",
            "chapter",
        ),
        (
            "Smith, J.; Lee, K. Team learning in hospitals. In Proceedings of the 2019 International "
            "Conference on Learning, Paris, France, 1–3 June 2019; pp. 1–10.",
            "Proceedings of the 2019 International Conference on Learning",
            "paper-conference",
        ),
        (
            '[3] A. Gupta, "Exploration in teams," in Proc. AOM Conf., 2006, pp. 1-6.',
            "Proc. AOM Conf",
            "paper-conference",
        ),
        (
            "Gupta, A. K. (2006). In search of exploration. Academy of Management Journal, 49(4), 693–706.",
            "Academy of Management Journal",
            "",
        ),
        (
            "Müller, A. (2010): Lernende Organisationen. In: Zeitschrift für Betriebswirtschaft, 80(3), "
            "S. 1–20.",
            "Zeitschrift für Betriebswirtschaft",
            "",
        ),
        (
            "Müller, A. (2010) Lernende Organisationen. In: Zeitschrift für Betriebswirtschaft 80 (2010) 3, "
            "S. 1–20.",
            "Zeitschrift für Betriebswirtschaft",
            "",
        ),
    ],
    ids=[
        "apa",
        "apa-edition",
        "apa-proceedings",
        "harvard",
        "emerald",
        "chicago",
        "mla",
        "mla-journal",
        "acs-book",
        "mdpi-proceedings",
        "ieee",
        "apa-journal",
        "german-journal",
        "german-journal-volume-year",
    ],
)
def test_a_chapter_names_its_book_and_says_it_is_a_chapter(entry: str, venue: str, kind: str) -> None:
    """An entry "In" a book or proceedings: the book is its venue, and its type is a chapter or a paper."""
    ref = parse_reference(entry)
    assert (ref.venue, reference_kind(ref)) == (venue, kind)


def test_a_chapter_stored_by_an_earlier_release_is_typed_from_its_entry() -> None:
    """The type is read from the stored entry and fields, so a store needs no `--reprocess` for it."""
    stored = Reference(
        raw="Gupta, A.K., Smith, K.G.: Exploration in teams. In: Argote, L. (ed.) Organizational "
        "Learning, pp. 1–10. Springer, Heidelberg (2006)",
        authors=["Gupta, A.K.", "Smith, K.G."],
        year=2006,
        title="Exploration in teams",
        venue="Organizational Learning",
    )
    assert reference_kind(stored) == "chapter"
    assert reference_kind(Reference(raw=stored.raw, title=stored.title)) == ""  # no venue: nothing to type


@pytest.mark.parametrize(
    ("entry", "venue"),
    [
        (
            "Smith, J. (2020). Learning in teams. Journal of Organizational Behavior. Advance online "
            "publication. https://doi.org/10.1002/job.2400",
            "Journal of Organizational Behavior",
        ),
        (
            "Smith, J. (2021). Learning in teams. The Learning Organization, ahead-of-print. "
            "https://doi.org/10.1108/TLO-01-2021-0001",
            "The Learning Organization",
        ),
        ("Smith, J. (2021). Learning in teams. Management Learning. Online first.", "Management Learning"),
        ("Smith, J. (2019). Learning in teams. Routledge. https://doi.org/10.4324/9780429000000", ""),
        (
            "Vargo SL, Lusch RF (2016) Institutions and axioms: an extension and update of "
            "service-dominant logic. J Acad Mark Sci. https://doi.org/10.1007/s11747-015-0456-3",
            "J Acad Mark Sci",
        ),
        (
            "Smith, J. (2022). Learning in teams. Journal of Service Research. "
            "https://doi.org/10.1177/10946705221234567",
            "Journal of Service Research",
        ),
        ("Smith J (2019) Learning in teams. Springer, Cham. https://doi.org/10.1007/978-3-030-00000-0", ""),
        ("Smith J (2019) Learning in teams. Palgrave. https://doi.org/10.1057/s41599-019-0001-1", ""),
        (
            "Smith J (2019) Learning in teams. Oxford University Press. "
            "https://doi.org/10.1093/acprof:oso/9780199000000.001.0001",
            "",
        ),
    ],
    ids=[
        "advance-online",
        "ahead-of-print",
        "online-first",
        "book-with-doi",
        "springer-doi-only",
        "apa-doi-only",
        "springer-book",
        "publisher-journal-doi",
        "oxford-book",
    ],
)
def test_an_article_published_online_first_names_its_journal(entry: str, venue: str) -> None:
    """No volume yet, but "Advance online publication", "ahead-of-print" or an article's DOI
    right after the name says it is a journal's.

    A book's publisher stays out of the venue, DOI (ISBN-based or not) or not.
    """
    assert parse_reference(entry).venue == venue


@pytest.mark.parametrize("wrap_after", ["In G.", "Creation."])
def test_a_chapter_s_editors_after_in_stay_with_their_entry(wrap_after: str) -> None:
    """Wrapped after "In G.", the next line ("von Krogh, I. Nonaka, & T. Nishiguchi (Eds.)") looks
    like an entry's start; and the particle Typst's APA sets after the initials ("Krogh, G. von")
    goes before the family name, as the work's record has it ("von Krogh, G.")."""
    entry = (
        "Krogh, G. von, Ichijo, K., & Nonaka, I. (2000). Enabling Knowledge Creation. In G. von Krogh, "
        "I. Nonaka, & T. Nishiguchi (Eds.), Knowledge Creation: A Source of Value (pp. 1–20). Macmillan."
    )
    cut = entry.index(wrap_after) + len(wrap_after)
    senge = "Senge, P. M. (1990). The Fifth Discipline. Doubleday."
    text = f"Body text.\n\nReferences\n\n{entry[:cut]}\n{entry[cut:].strip()}\n\n{senge}\n"
    _, references = split_references(text)
    assert [r.raw for r in references] == [entry, senge]
    assert references[0].authors == ["von Krogh, G.", "Ichijo, K.", "Nonaka, I."]
    assert references[0].venue == "Knowledge Creation: A Source of Value"


@pytest.mark.parametrize(
    ("entry", "authors", "year", "title"),
    [
        (
            "Piaget, J., & Inhelder, B. (1969). The psychology of the child (H. Weaver, Trans.). "
            "Basic Books. (Original work published 1966)",
            ["Piaget, J.", "Inhelder, B."],
            1969,
            "The psychology of the child",
        ),
        (
            "Gadamer, H.-G. (2004). Truth and method (J. Weinsheimer & D. G. Marshall, Trans.; 2nd rev. "
            "ed.). Continuum. (Original work published 1960)",
            ["Gadamer, H.-G."],
            2004,
            "Truth and method",
        ),
        (
            "Vygotsky, L. S. (1978). Mind in society: The development of higher psychological processes "
            "(M. Cole, V. John-Steiner, S. Scribner, & E. Souberman, Eds.). Harvard University Press.",
            ["Vygotsky, L. S."],
            1978,
            "Mind in society: The development of higher psychological processes",
        ),
        (
            "Senge, P. M. (2006). The fifth discipline (Rev. ed.). Doubleday.",
            ["Senge, P. M."],
            2006,
            "The fifth discipline",
        ),
        (
            "Dewey, J. (1938/1997). Experience and education. Touchstone.",
            ["Dewey, J."],
            1997,
            "Experience and education",
        ),
        (
            "Piaget, Jean, and Bärbel Inhelder. (1966) 1969. The Psychology of the Child. Translated by "
            "Helen Weaver. New York: Basic Books.",
            ["Piaget, Jean", "Inhelder, Bärbel"],
            1969,
            "The Psychology of the Child",
        ),
    ],
    ids=[
        "apa-translator",
        "apa-translators-and-edition",
        "apa-editors",
        "apa-edition",
        "original-slash",
        "chicago-original",
    ],
)
def test_a_translation_s_or_an_edition_s_note_ends_no_title_early(
    entry: str, authors: list[str], year: int, title: str
) -> None:
    """APA's note after a book's title ("(H. Weaver, Trans.)") had cut the title at its initial's stop
    ("The psychology of the child (H"), and a republished work's two years ("(1938/1997)", Chicago's
    "(1966) 1969.") had left the entry without a year or titled "1969": the citation graph then
    linked no such entry to the corpus's translation."""
    reference = parse_reference(entry)
    assert (reference.authors, reference.year, reference.title) == (authors, year, title)


@pytest.mark.parametrize(
    ("entry", "expected", "kind"),
    [
        pytest.param(
            "Rossi, M. (2019, July 4–6). Learning together: Value co-creation in service ecosystems "
            "[Paper presentation]. 35th EGOS Colloquium, Edinburgh, United Kingdom.",
            (
                ["Rossi, M."],
                2019,
                "Learning together: Value co-creation in service ecosystems",
                "35th EGOS Colloquium",
            ),
            "speech",
            id="paper-presentation",
        ),
        pytest.param(
            "Park, J. (2020). Team learning in hospitals [Doctoral dissertation, University of Bergen]. "
            "ProQuest.",
            (["Park, J."], 2020, "Team learning in hospitals", ""),
            "",
            id="dissertation",
        ),
        pytest.param(
            "Holm, E. (2021). Unlearning in public organisations [Unpublished manuscript]. Department of "
            "Management, Lund University.",
            (["Holm, E."], 2021, "Unlearning in public organisations", ""),
            "",
            id="manuscript",
        ),
        pytest.param(
            "Berg, A. (2019). Lernende Organisationen [Learning organizations]. Zeitschrift für Management, "
            "14(2), 1–20.",
            (["Berg, A."], 2019, "Lernende Organisationen", "Zeitschrift für Management"),
            "",
            id="translated-title",
        ),
        pytest.param(
            "Argote, L. (Ed.). (2013). Organizational learning: Creating, retaining and transferring "
            "knowledge. Springer.",
            (
                ["Argote, L."],
                2013,
                "Organizational learning: Creating, retaining and transferring knowledge",
                "",
            ),
            "",
            id="an-editor-with-a-stop",
        ),
    ],
)
def test_apas_bracketed_description_is_no_part_of_the_title(
    entry: str, expected: tuple[object, ...], kind: str
) -> None:
    """APA 7 describes a work in brackets after its title; it had been read as part of the title, and
    a presentation's event with it. An editor's "(Ed.)." had cut the editor's initials."""
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title, ref.venue) == expected
    assert reference_kind(ref) == kind


@pytest.mark.parametrize(
    ("entry", "expected", "kind"),
    [
        pytest.param(
            "Müller, M./Weiß, J. (2010): Organisationales Lernen in kleinen Unternehmen, in: Zeitschrift für "
            "betriebswirtschaftliche Forschung, 62. Jg., S. 123–145.",
            (
                ["Müller, M.", "Weiß, J."],
                2010,
                "Organisationales Lernen in kleinen Unternehmen",
                "Zeitschrift für betriebswirtschaftliche Forschung",
            ),
            "",
            id="slash-and-in-a-journal",
        ),
        pytest.param(
            "Müller, Maria; Weiß, Jörg (2010): Organisationales Lernen in kleinen Unternehmen. In: "
            "Zeitschrift für Betriebswirtschaft 80 (4), S. 123–145.",
            (
                ["Müller, Maria", "Weiß, Jörg"],
                2010,
                "Organisationales Lernen in kleinen Unternehmen",
                "Zeitschrift für Betriebswirtschaft",
            ),
            "",
            id="given-names-with-umlauts",
        ),
        pytest.param(
            "Weick, K. E. und Westley, F. (1996): Organizational learning: Affirming an oxymoron, in: Clegg, "
            "S. R./Hardy, C./Nord, W. R. (Hrsg.): Handbook of Organization Studies. London, S. 440–458.",
            (
                ["Weick, K. E.", "Westley, F."],
                1996,
                "Organizational learning: Affirming an oxymoron",
                "Handbook of Organization Studies",
            ),
            "chapter",
            id="und-and-a-chapter",
        ),
    ],
)
def test_german_entries_are_parsed(entry: str, expected: tuple[object, ...], kind: str) -> None:
    """German lists part authors with "/" or "und", write given names with umlauts, and put ", in:"
    after a title; the authors had been cut at the slash and the title run on into the journal."""
    ref = parse_reference(entry)
    assert (ref.authors, ref.year, ref.title, ref.venue) == expected
    assert reference_kind(ref) == kind


@pytest.mark.parametrize(
    ("entry", "authors"),
    [
        (
            "Dupont, J. et Martin, P. (2010). Les organisations apprenantes. Revue française de gestion, "
            "36(2), 1–20.",
            ["Dupont, J.", "Martin, P."],
        ),
        (
            "García, M. y López, J. (2015). Aprendizaje organizativo. Revista de Administración, 12(1), "
            "5–25.",
            ["García, M.", "López, J."],
        ),
        (
            "García, M., y López, J. (2015). Aprendizaje organizativo. Revista de Gestión, 3(2), 1–20.",
            ["García, M.", "López, J."],
        ),
        (
            "Ortega y Gasset, J. (1930). La rebelión de las masas. Revista de Occidente.",
            ["Ortega y Gasset, J."],
        ),
    ],
    ids=["french", "spanish", "apa-spanish-comma", "a-compound-family-name"],
)
def test_another_languages_and_after_initials_parts_two_authors(entry: str, authors: list[str]) -> None:
    """ "Dupont, J. et Martin, P." had been "Dupont" and "J. et Martin, P."."""
    assert parse_reference(entry).authors == authors


@pytest.mark.parametrize(
    ("entry", "title"),
    [
        ("Senge, P. (1990) The Fifth Discipline, London, Century.", "The Fifth Discipline"),
        ("Senge, P. (1990) The Fifth Discipline, London: Century.", "The Fifth Discipline"),
        ("Senge, P. (1990) The Fifth Discipline, Century, London.", "The Fifth Discipline"),
        (
            "Argyris, C. (1990) Overcoming Organizational Defenses, Boston, MA, Allyn and Bacon.",
            "Overcoming Organizational Defenses",
        ),
        (
            "Smith, J. (2010) Learning in cities: Paris, London, New York. Routledge.",
            "Learning in cities: Paris, London, New York",
        ),
        ("Smith, J. (2010) Speaking, Reading, Writing.", "Speaking, Reading, Writing"),
        ("Smith, J. (2020) Service Logic, Springer, Cham.", "Service Logic"),
    ],
    ids=[
        "place-then-publisher",
        "place-colon-publisher",
        "publisher-then-place",
        "state",
        "places-in-a-title",
        "reading-a-word",
        "springer-cham",
    ],
)
def test_a_books_imprint_run_on_after_its_title_is_no_part_of_it(entry: str, title: str) -> None:
    """Harvard's "The Fifth Discipline, London, Century" had been the title whole."""
    assert parse_reference(entry).title == title


@pytest.mark.parametrize(
    "entry",
    [
        "Smith, J. (2010) Trust, power and learning in teams, Journal of Management, 3(2), pp. 1-10.",
        "Smith, J. (2010) Trust, power and learning in teams, Journal of Management, Vol. 3 No. 2, pp. 1-10.",
    ],
    ids=["volume-and-issue", "emerald-numbers"],
)
def test_a_journal_after_an_unquoted_title_and_a_comma_is_its_venue(entry: str) -> None:
    """The journal, its volume and pages had been read as the title's end, and the entry had no venue."""
    reference = parse_reference(entry)
    assert (reference.title, reference.venue) == (
        "Trust, power and learning in teams",
        "Journal of Management",
    )


@pytest.mark.parametrize(
    ("entry", "title", "venue"),
    [
        (
            "DUPONT J., MARTIN M. (2010), « L’apprentissage organisationnel dans les PME », Revue française "
            "de gestion, vol. 36, n° 201, p. 101-120.",
            "L’apprentissage organisationnel dans les PME",
            "Revue française de gestion",
        ),
        (
            "Müller, M. (2010): „Organisationales Lernen“, in: Zeitschrift für Organisation, 62. Jg., "
            "S. 123–145.",
            "Organisationales Lernen",
            "Zeitschrift für Organisation",
        ),
    ],
    ids=["guillemets", "german-quotes"],
)
def test_a_title_in_french_or_german_quotation_marks_is_quoted(entry: str, title: str, venue: str) -> None:
    """A title in « » had kept its marks and lost its journal."""
    reference = parse_reference(entry)
    assert (reference.title, reference.venue) == (title, venue)


def test_french_lists_family_names_before_initials_without_a_comma_are_turned_round() -> None:
    """ "DUPONT J., MARTIN M." had been kept as written, and read as given name "DUPONT", family "J."."""
    entry = "DUPONT J., MARTIN M. (2010), « Titre », Revue française de gestion, vol. 36, n° 201, p. 101-120."
    assert parse_reference(entry).authors == ["Dupont, J.", "Martin, M."]
    assert parse_reference("Koenig G. (2006), « Titre », Revue, 32(160), p. 293-328.").authors == [
        "Koenig, G."
    ]
