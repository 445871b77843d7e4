"""A tiny corpus whose works cite each other, so the graph's expected neighbours are known by construction.

Five text files with CSL-JSON sidecars (the works' records) and APA reference lists:

    A Smith 2010   cites X
    B Jones 2012   cites A, X, Z          (Z written with its subtitle)
    C Lee 2014     cites A (main title only), B, X, Z (without subtitle, "Small, H. G.")
    D Kim 2016     cites A, C, X, Y
    E Brown 2018   no reference list, another topic

X (Price 1965), Y (Kessler 1963) and Z (Small 1973) are not in the corpus: X is cited by
A, B, C, D; Z by B and C (one node though written two ways); Y by D only.
"""

from __future__ import annotations

import json
from pathlib import Path

TITLES = {
    "A": "Graph methods for citation analysis: a primer for small libraries",
    "B": "Bibliographic coupling and the structure of research fronts",
    "C": "Co-citation clusters in management research",
    "D": "Measuring the relatedness of scientific papers",
    "E": "Soil moisture dynamics in alpine meadows",
}
AUTHORS = {"A": "Smith", "B": "Jones", "C": "Lee", "D": "Kim", "E": "Brown"}
YEARS = {"A": 2010, "B": 2012, "C": 2014, "D": 2016, "E": 2018}

REF = {
    "A": "Smith, J. (2010). Graph methods for citation analysis: A primer for small libraries. "
    "Journal of Informetrics, 4(2), 1-10.",
    "A-short": "Smith, J. (2010). Graph methods for citation analysis. Journal of Informetrics, 4(2), 1-10.",
    "B": "Jones, K. and Park, S. (2012). Bibliographic coupling and the structure of research fronts. "
    "Scientometrics, 90(1), 1-20.",
    "C": "Lee, M. (2014). Co-citation clusters in management research. Research Policy, 43(5), 800-812.",
    "X": "Price, D. J. (1965). Networks of scientific papers. Science, 149(3683), 510-515.",
    "Y": "Kessler, M. M. (1963). Bibliographic coupling between scientific papers. American Documentation, "
    "14(1), 10-25.",
    "Z": "Small, H. (1973). Co-citation in the scientific literature: A new measure of the relationship "
    "between two documents. Journal of the American Society for Information Science, 24(4), 265-269.",
    "Z-short": "Small, H. G. (1973). Co-citation in the scientific literature. JASIS, 24, 265-269.",
}
CITES = {
    "A": ["X"],
    "B": ["A", "X", "Z"],
    "C": ["A-short", "B", "X", "Z-short"],
    "D": ["Y", "C", "X", "A"],
    "E": [],
}
X_KEY = "ref:price-1965-networks-of-scientific-papers"
Y_KEY = "ref:kessler-1963-bibliographic-coupling-between-scientific-papers"
Z_KEY = "ref:small-1973-co-citation-in-the-scientific-literature"

BODY = {
    "A": "Citation analysis counts how papers cite each other. Small libraries can map their collections "
    "as graphs of citing and cited works, and find clusters of related research with simple tools. ",
    "B": "Bibliographic coupling links two papers that cite the same earlier work. Coupled papers form "
    "research fronts, and the strength of coupling measures how close two citing papers are. ",
    "C": "Co-citation links two earlier works that later papers cite together. Clusters of co-cited works "
    "in management research show the intellectual structure of the field and its schools. ",
    "D": "The relatedness of scientific papers can be measured by their text, by shared references and "
    "by co-citation. Combining citation links with text similarity finds related papers best. ",
    "E": "Soil moisture in alpine meadows follows snowmelt and summer rain. Grasses and herbs respond to "
    "drought on shallow soils, and the water balance of the slope changes with the season. ",
}


def write_citing_corpus(folder: Path, works: str = "ABCDE") -> dict[str, Path]:
    """Write the text files and CSL-JSON sidecars of these works into `folder`; letter -> text file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for letter in works:
        lines = [TITLES[letter], "", "Introduction", "", BODY[letter] * 4, ""]
        if CITES[letter]:
            lines += ["References", ""]
            lines += [REF[name] for name in CITES[letter]]
        path = folder / f"{letter.lower()}_{AUTHORS[letter].lower()}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        record = {
            "type": "article-journal",
            "title": TITLES[letter],
            "author": [{"family": AUTHORS[letter], "given": "Alex"}],
            "issued": {"date-parts": [[YEARS[letter]]]},
            "container-title": "Journal of Test Studies",
        }
        path.with_suffix(".json").write_text(json.dumps(record), encoding="utf-8")
        paths[letter] = path
    return paths
