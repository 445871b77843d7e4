"""A book's imprint page gives its year, publisher and ISBN (`corpus.metadata.imprint`).

A book's PDF states these only on the back of its title page, and cleaning drops copyright
lines, so a monograph was cited "Rossi, M. (n.d.). Learning with Customers."
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from corpus.loading.loaders import load_file
from corpus.metadata.extract import extract_metadata
from corpus.metadata.imprint import imprint_record
from corpus.pipeline import prepare_document
from corpus_core.models import Person, RawDocument
from corpus_core.settings import load_settings
from search_api.csl import render_references, to_csl
from tests.corpus.layouts import chapter_pages, prepared_book

IMPRINT = [
    "© Maria Rossi 2019",
    "",
    "All rights reserved. No part of this publication may be reproduced, stored in a retrieval",
    "system or transmitted in any form or by any means without the prior permission of the publisher.",
    "",
    "Published by",
    "Edward Elgar Publishing Limited",
    "The Lypiatts, 15 Lansdown Road, Cheltenham, Glos GL50 2JA, UK",
    "",
    "A catalogue record for this book is available from the British Library",
    "",
    "ISBN 978 1 78897 123 2 (cased)",
    "ISBN 978 1 78897 124 9 (eBook)",
]
BODY = (
    "Service firms learn with their customers when both sides take part in solving problems. "
    "We follow the teams of eleven firms over three years and compare the routines they use. "
) * 6


def _book(path: Path, under_title: str = "") -> Path:
    width, height = A5
    pdf = canvas.Canvas(str(path), pagesize=A5)
    pdf.setTitle("")
    pdf.setFont("Times-Bold", 22)
    pdf.drawCentredString(width / 2, height - 150, "Learning with Customers")
    pdf.setFont("Times-Roman", 14)
    pdf.drawCentredString(width / 2, height - 180, under_title)
    pdf.setFont("Times-Roman", 13)
    pdf.drawCentredString(width / 2, height - 260, "Maria Rossi")
    pdf.setFont("Times-Roman", 11)
    pdf.drawCentredString(width / 2, height - 480, "Edward Elgar Publishing")
    pdf.drawCentredString(width / 2, height - 495, "Cheltenham, UK • Northampton, MA, USA")
    pdf.showPage()
    pdf.setFont("Times-Roman", 8)
    for number, line in enumerate(IMPRINT):
        pdf.drawString(50, 200 - 11 * number, line)
    pdf.showPage()
    chapter_pages(pdf, A5, BODY)
    pdf.save()
    return path


def _raw(*front: str, pages: int = 10) -> RawDocument:
    body = [BODY] * (pages - 1 - len(front))
    return RawDocument("book.pdf", "h", "pdf", ["Learning with Customers\nMaria Rossi", *front, *body])


def test_a_books_imprint_page_makes_its_record(tmp_path: Path) -> None:
    settings = load_settings()
    path = _book(tmp_path / "rossi2019.pdf", "How Service Firms Co-Create Value")
    book = prepare_document(load_file(path, settings.loading), settings)
    meta = book.metadata
    assert (meta.kind, meta.year, meta.publisher, meta.isbn) == (
        "book",
        2019,
        "Edward Elgar Publishing",
        "9781788971232",
    )
    assert meta.title == "Learning with Customers: How Service Firms Co-Create Value"
    assert [a.display for a in meta.authors] == ["Maria Rossi"]
    assert render_references([to_csl("rossi", meta)], "apa") == [
        "Rossi, M. (2019). Learning with Customers: How Service Firms Co-Create Value. "
        "Edward Elgar Publishing."
    ]
    assert "© Maria Rossi" not in book.text


def test_a_revised_edition_is_cited_by_its_own_year() -> None:
    meta = imprint_record(
        _raw(
            "First published in 1990 by Doubleday\nThis revised edition published in 2006 by Random House "
            "Business Books, an imprint of Cornerstone\nCopyright © 1990, 2006 Peter M. Senge\n"
            "Reprinted 2010, 2014\nISBN-10: 0-385-26094-6"
        )
    )
    assert (meta.kind, meta.year, meta.isbn) == ("book", 2006, "0385260946")
    assert meta.publisher == "Doubleday"
    assert meta.edition == "Revised edition"


@pytest.mark.parametrize(
    ("imprint", "edition"),
    [
        (
            "First edition published 2008\nSecond edition published 2015 by Routledge\n"
            "© 2008, 2015 Maria Rossi",
            "2",
        ),
        ("Third edition 2019\n© Maria Rossi 2008, 2019", "3"),
        ("First edition published 2015 by Routledge\n© Maria Rossi 2015", ""),
        ("© Maria Rossi 2019", ""),
    ],
)
def test_the_imprint_page_names_the_edition(imprint: str, edition: str) -> None:
    """A second edition was cited as the first: APA "(2nd ed.)" after the title."""
    meta = imprint_record(_raw(imprint + "\nISBN: 978-1-78897-123-2"))
    assert meta.edition == edition
    if edition == "2":
        meta.title, meta.authors = "Learning with customers", [Person("Rossi", "Maria")]
        assert render_references([to_csl("rossi", meta)], "apa") == [
            "Rossi, M. (2015). Learning with customers (2nd ed.). Routledge."
        ]


def test_a_first_published_year_serves_without_a_copyright_line() -> None:
    meta = imprint_record(
        _raw("First published 2015 by Routledge\n2 Park Square, Milton Park\nISBN: 978-1-78897-123-2")
    )
    assert (meta.year, meta.publisher) == (2015, "Routledge")


@pytest.mark.parametrize(
    "raw",
    [
        RawDocument(  # a proceedings paper's first page: its ISBN and copyright at the foot
            "paper.pdf", "h", "pdf", [BODY + "\nISBN 978-1-78897-123-2 © 2019 IEEE", BODY, BODY]
        ),
        _raw("© Maria Rossi 2019\nISBN 978 1 78897 123 3"),  # the check digit fails
        _raw("ISBN 978 1 78897 123 2\nPrinted in Great Britain"),  # no year
        _raw(BODY * 4 + "\n© 2019 Rossi\nISBN 978 1 78897 123 2"),  # a page of prose
        _raw("© Maria Rossi 2019\nISBN 978 1 78897 123 2", pages=5),  # too short for a book
    ],
    ids=["proceedings-first-page", "bad-check-digit", "no-year", "prose-page", "short-file"],
)
def test_no_imprint(raw: RawDocument) -> None:
    meta = imprint_record(raw)
    assert (meta.kind, meta.isbn, meta.year) == ("", "", None)


@pytest.mark.parametrize("under_title", ["", "Second Edition", "Edited by Maria Rossi", "Maria Rossi"])
def test_only_a_subtitle_joins_the_title(tmp_path: Path, under_title: str) -> None:
    settings = load_settings()
    book = prepare_document(load_file(_book(tmp_path / "rossi.pdf", under_title), settings.loading), settings)
    assert book.metadata.title == "Learning with Customers"
    assert book.metadata.kind == "book"
    assert book.metadata.edition == ("2" if under_title == "Second Edition" else "")


def test_a_thesis_in_a_universitys_series_stays_a_thesis() -> None:
    title_page = (
        "Learning Organizations and Value Co-creation\n\nby\n\nMaria Rossi\n\n"
        "Thesis for the degree of Philosophiae Doctor\n\nNorwegian University of Science and Technology"
    )
    imprint = "© Maria Rossi 2019\nISBN 978-1-78897-123-2 (printed ver.)\nDoctoral theses at NTNU, 2019:123"
    raw = RawDocument("rossi.pdf", "h", "pdf", [title_page, imprint, *[BODY] * 8])
    meta = extract_metadata(raw, title_page)
    assert (meta.kind, meta.isbn, meta.year) == ("thesis", "9781788971232", 2019)
    assert meta.title == "Learning Organizations and Value Co-creation"
    assert meta.publisher == "Norwegian University of Science and Technology"


@pytest.mark.parametrize(
    ("imprint", "publisher"),
    [
        (
            "Published by the Press Syndicate of the University of Cambridge\nThe Pitt Building, Cambridge\n"
            "© Cambridge University Press 1991\nFirst published 1991\nReprinted 1992, 1993",
            "Cambridge University Press",
        ),
        (
            "Copyright © 1978 by Addison-Wesley Publishing Company, Inc.\nAll rights reserved.",
            "Addison-Wesley Publishing Company",
        ),
        ("Copyright © 2004 John Wiley & Sons, Inc. All rights reserved.", "John Wiley & Sons"),
        ("© Maria Rossi 2019\nAll rights reserved.", ""),
        ("Copyright © 1990, 2006 Peter M. Senge", ""),
    ],
)
def test_a_copyright_held_by_a_publisher_names_the_publisher(imprint: str, publisher: str) -> None:
    """Classics name their publisher only as the copyright's holder (Argyris & Schön's 1978 book), or
    publish "by the Press Syndicate of the University of Cambridge": the book had no publisher."""
    meta = imprint_record(_raw(imprint + "\nISBN 0-201-00174-8"))
    assert meta.publisher == publisher


def test_a_title_page_set_in_capitals_names_its_authors_and_not_its_publisher(tmp_path: Path) -> None:
    """Argyris and Schön's title page: the title's head in capitals over its subtitle, each author over
    their university, the publisher's name in capitals and its cities at the foot. The publisher had
    been the third author ("Addison-wesley Publishing Company") and the title stayed in capitals."""
    title_page = [
        (20, "ORGANIZATIONAL LEARNING:"),
        (16, "A Theory of Action Perspective"),
        (12, "Chris Argyris"),
        (10, "Harvard University"),
        (12, "Donald A. Schön"),
        (10, "Massachusetts Institute of Technology"),
        (10, ""),
        (11, "ADDISON-WESLEY PUBLISHING COMPANY"),
        (9, "Reading, Massachusetts • Menlo Park, California • London • Amsterdam • Sydney"),
    ]
    imprint = [
        "Copyright © 1978 by Addison-Wesley Publishing Company, Inc. Philippines copyright 1978.",
        "All rights reserved. No part of this publication may be reproduced.",
        "ISBN 0-201-00174-8",
    ]
    meta = prepared_book(tmp_path / "argyris.pdf", title_page, imprint, BODY).metadata
    assert [a.display for a in meta.authors] == ["Chris Argyris", "Donald A. Schön"]
    assert meta.title == "Organizational Learning: A Theory of Action Perspective"
    assert render_references([to_csl("argyris", meta, sentence_case=True)], "apa") == [
        "Argyris, C., & Schön, D. A. (1978). Organizational learning: A theory of action perspective. "
        "Addison-Wesley Publishing Company."
    ]


def test_a_title_page_stacking_its_authors_names_them_all(tmp_path: Path) -> None:
    """Nonaka and Takeuchi's title page sets one author a line and the publisher and its year at the
    foot: the book had been Nonaka's alone, "In Oxford University Press" (the foot read as a journal)."""
    title_page = [
        (20, "The Knowledge-Creating Company"),
        (12, "How Japanese Companies Create the Dynamics of Innovation"),
        (12, ""),
        (13, "Ikujiro Nonaka"),
        (13, "Hirotaka Takeuchi"),
        (12, ""),
        (11, "New York    Oxford"),
        (11, "Oxford University Press"),
        (11, "1995"),
    ]
    imprint = [
        "Copyright © 1995 by Oxford University Press, Inc.",
        "Published by Oxford University Press, Inc.,",
        "198 Madison Avenue, New York, New York 10016",
        "ISBN 0-19-509269-4",
    ]
    meta = prepared_book(tmp_path / "nonaka.pdf", title_page, imprint, BODY).metadata
    assert [a.display for a in meta.authors] == ["Ikujiro Nonaka", "Hirotaka Takeuchi"]
    assert (meta.kind, meta.venue, meta.publisher, meta.year) == ("book", "", "Oxford University Press", 1995)


def test_a_publishers_one_word_name_in_capitals_is_written_in_title_case(tmp_path: Path) -> None:
    """Senge's imprint page: "PUBLISHED BY DOUBLEDAY" had given the publisher "DOUBLEDAY"."""
    title_page = [
        (20, "THE FIFTH DISCIPLINE"),
        (13, "The Art and Practice of The Learning Organization"),
        (12, ""),
        (13, "Peter M. Senge"),
        (12, ""),
        (11, "CURRENCY DOUBLEDAY"),
        (9, "New York London Toronto Sydney Auckland"),
    ]
    imprint = [
        "A CURRENCY BOOK",
        "PUBLISHED BY DOUBLEDAY",
        "a division of Bantam Doubleday Dell Publishing Group, Inc.",
        "Copyright © 1990 by Peter M. Senge",
        "All Rights Reserved",
        "ISBN 0-385-26094-6",
    ]
    meta = prepared_book(tmp_path / "senge.pdf", title_page, imprint, BODY).metadata
    assert render_references([to_csl("senge", meta, sentence_case=True)], "apa") == [
        "Senge, P. M. (1990). The fifth discipline: The art and practice of the learning organization. "
        "Doubleday."
    ]


def test_a_book_older_than_isbns_is_read_from_its_catalog_card_and_title_page(tmp_path: Path) -> None:
    """March and Simon (1958): a one-word title in capitals over its authors, one a line, and an imprint
    page with a catalog card number but no ISBN. The first author had been the title ("James G.
    March") and the book no book, without a publisher."""
    title_page = [
        (22, "ORGANIZATIONS"),
        (12, ""),
        (13, "James G. March"),
        (13, "Herbert A. Simon"),
        (10, "with the collaboration of Harold Guetzkow"),
        (12, ""),
        (11, "JOHN WILEY & SONS, INC., NEW YORK · LONDON"),
    ]
    imprint = [
        "Copyright © 1958 by John Wiley & Sons, Inc.",
        "All Rights Reserved",
        "This book or any part thereof must not be reproduced in any form without the written permission.",
        "Library of Congress Catalog Card Number: 58-13464",
        "PRINTED IN THE UNITED STATES OF AMERICA",
    ]
    book = prepared_book(tmp_path / "march.pdf", title_page, imprint, BODY)
    meta = book.metadata
    assert (meta.title, meta.kind, meta.year, meta.publisher) == (
        "Organizations",
        "book",
        1958,
        "John Wiley & Sons",
    )
    assert [a.display for a in meta.authors] == ["James G. March", "Herbert A. Simon"]
    assert "Catalog Card Number" not in book.text, "the imprint page leaves the text"


def test_a_university_press_is_named_by_its_name_not_its_legal_body() -> None:
    """Cambridge's imprint pages say "Published by the Press Syndicate of the University of Cambridge"."""
    imprint = (
        "PUBLISHED BY THE PRESS SYNDICATE OF THE UNIVERSITY OF CAMBRIDGE\n"
        "The Pitt Building, Trumpington Street, Cambridge, United Kingdom\n"
        "CAMBRIDGE UNIVERSITY PRESS\nThe Edinburgh Building, Cambridge CB2 2RU, UK\n"
        "© Etienne Wenger 1998\nFirst published 1998\nISBN 0 521 43017 8 hardback"
    )
    assert imprint_record(_raw(imprint)).publisher == "CAMBRIDGE UNIVERSITY PRESS", (
        "title-cased by extraction"
    )


@pytest.mark.parametrize(
    ("edition", "apa", "harvard", "chicago"),
    [
        ("Revised edition", "(Rev. ed.)", "Rev. edn.", "Rev. ed."),
        ("Second, revised edition", "(2nd rev. ed.)", "2nd rev. edn.", "2nd rev. ed."),
        (
            "25th anniversary edition",
            "(25th anniversary ed.)",
            "25th anniversary edn.",
            "25th anniversary ed.",
        ),
        ("2", "(2nd ed.)", "2nd edn.", "2nd ed."),
        ("Neuausgabe", "(Neuausgabe)", "Neuausgabe.", "Neuausgabe."),
    ],
)
def test_a_worded_edition_is_abbreviated_as_each_style_writes_it(
    edition: str, apa: str, harvard: str, chicago: str
) -> None:
    """APA 7 (9.27) and Chicago write "(Rev. ed.)", Cite Them Right "Rev. edn": the edition had been
    printed as stored, "(Revised edition)"."""
    meta = imprint_record(_raw("© Maria Rossi 2019\nISBN 978 1 78897 123 2"))
    meta.title, meta.authors, meta.edition = "Learning with customers", [Person("Rossi", "Maria")], edition
    item = to_csl("rossi", meta, sentence_case=True)
    assert f"Learning with customers {apa}." in render_references([item], "apa")[0]
    assert f"Learning with customers. {harvard}" in render_references([item], "harvard")[0]
    assert f"Learning with Customers. {chicago}" in render_references([to_csl("rossi", meta)], "chicago")[0]
