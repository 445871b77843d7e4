"""The words that head a paper's abstract, keywords and introduction in the languages papers are written in.

A paper in German, French, Spanish, Portuguese, Italian, Dutch, a Scandinavian language or
Finnish opens with its abstract and keywords under its own language's labels ("Zusammenfassung:",
"Schlüsselwörter:"), often before an English abstract under the English title, and its body under
"Einleitung", "Introducción". Reflow keeps such a heading apart from the paragraph after it,
metadata reads the labels, and section detection knows the headings.
"""

ABSTRACT_WORDS = (
    "zusammenfassung", "kurzfassung", "résumé", "resumen", "resumo", "riassunto", "samenvatting",
    "sammanfattning", "sammendrag", "resumé", "tiivistelmä",
)  # fmt: skip
""""Abstract" in the languages a paper in German, French, Spanish, Portuguese, Italian, Dutch, a
Scandinavian language or Finnish writes it, often before the English abstract under its own title."""
KEYWORD_WORDS = (
    "schlüsselwörter", "schlagwörter", "stichwörter", "mots-clés", "mots clés", "palabras clave",
    "palavras-chave", "parole chiave", "trefwoorden", "nyckelord", "nøkkelord", "emneord", "nøgleord",
    "avainsanat",
)  # fmt: skip
""""Keywords" in those languages."""
INTRODUCTION_WORDS = (
    "introduction", "einleitung", "introducción", "introdução", "introduzione", "inleiding", "inledning",
    "innledning", "indledning", "johdanto",
)  # fmt: skip
""""Introduction" in English and those languages: the heading where a paper's body starts."""
