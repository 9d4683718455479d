"""The web quiz's words in Dutch (default) and English."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "skip_link": "Naar de inhoud", "other_lang": "English", "other_lang_code": "en",
        "intro_counts": "{n} stellingen, {p} partijen.",
        "intro_how": ("Geef bij elke stelling je mening: eens, geen van beide of oneens, of sla hem over. "
                      "Daarna kies je wat je extra belangrijk vindt en welke partijen je wilt vergelijken, "
                      "en zie je welke partij het best bij je past, en waarom."),
        "intro_method": "Methode: {method} — {summary}",
        "intro_private": "Je antwoorden worden niet bewaard: ze staan alleen in deze pagina.",
        "start": "Begin", "back": "Terug", "next": "Verder", "skip": "Overslaan",
        "progress": "Stelling {i} van {n}", "tiebreak_progress": "Extra stelling {i} van {n}",
        "your_answer": "Je antwoord was: {answer}",
        "more_info": "Meer informatie", "explanation": "Uitleg", "pro": "Voor", "con": "Tegen",
        "no_info": "Geen extra informatie bij deze stelling.",
        "what_parties": "Wat vinden de partijen?", "no_stance": "geen standpunt", "skipped": "overgeslagen",
        "answer_group": "Jouw mening over deze stelling",
        "important_title": "Wat vind je extra belangrijk?",
        "important_help": "Kies de stellingen die dubbel moeten tellen. Niets kiezen mag ook.",
        "important_none": "Je hebt geen stellingen beantwoord; er valt niets extra belangrijk te maken.",
        "municipality_title": "Welke gemeente?",
        "municipality_help": ("De partijen in deze stemhulp komen uit verschillende gemeenten. Kies je gemeente "
                              "voor een stemadvies, of vergelijk alle programma's met elkaar."),
        "municipality_all": "Alle gemeenten: vergelijk alle programma's",
        "parties_title": "Welke partijen wil je vergelijken?",
        "parties_help": "Kies ten minste één partij.",
        "parties_none": "Kies ten minste één partij.",
        "result_title": "Jouw uitslag",
        "result_method": "Methode: {method}. Heeft een partij geen standpunt, dan {missing}.",
        "coverage": "standpunt op {k} van jouw {n} stellingen",
        "tie": "gedeelde plaats", "no_score": "niet te vergelijken",
        "unranked_title": "Niet gerangschikt", "nothing_answered": "Je hebt nog geen stellingen beantwoord.",
        "close": "De bovenste twee partijen liggen binnen {margin} van elkaar.",
        "tied": "De bovenste twee partijen staan gelijk.", "point": "punt", "points": "punten",
        "tiebreak_offer": "Beantwoord {n} extra stellingen om het verschil te maken",
        "stability": "Hoe stevig is deze uitslag?",
        "drill_title": "Waarom? Per partij", "drill_summary": "{party}: jouw antwoorden naast het programma",
        "col_statement": "Stelling", "col_you": "Jij", "col_party": "Partij", "col_match": "Overeenkomst",
        "themes_title": "Overeenkomst per thema", "col_theme": "Thema",
        "agree": "zelfde standpunt", "partly": "deels", "disagree": "tegenovergesteld",
        "quote": "Uit het programma", "note": "Toelichting bij de codering", "important_mark": "telt dubbel",
        "download_title": "Uitslag downloaden", "download_format": "Bestandsformaat", "download": "Download",
        "change": "Antwoorden aanpassen", "restart": "Opnieuw beginnen",
        "bad_request": "Deze pagina klopt niet (meer). Begin opnieuw.",
        "not_found": "Deze pagina bestaat niet.",
        "flags": "Let op",
        "resume": "Later verder? Bewaar deze link (hij bevat je antwoorden; de server bewaart niets).",
    },
    "en": {
        "skip_link": "Skip to content", "other_lang": "Nederlands", "other_lang_code": "nl",
        "intro_counts": "{n} statements, {p} parties.",
        "intro_how": ("Give your view on each statement: agree, neither or disagree, or skip it. Then choose "
                      "what matters most to you and which parties to compare, and see which party fits you "
                      "best, and why."),
        "intro_method": "Method: {method} — {summary}",
        "intro_private": "Your answers are not stored: they live only in this page.",
        "start": "Start", "back": "Back", "next": "Next", "skip": "Skip",
        "progress": "Statement {i} of {n}", "tiebreak_progress": "Extra statement {i} of {n}",
        "your_answer": "Your answer was: {answer}",
        "more_info": "More information", "explanation": "Background", "pro": "For", "con": "Against",
        "no_info": "No extra information for this statement.",
        "what_parties": "What do the parties think?", "no_stance": "no position", "skipped": "skipped",
        "answer_group": "Your view on this statement",
        "important_title": "Which statements matter most to you?",
        "important_help": "Choose the statements that should count double. Choosing none is fine.",
        "important_none": "You answered no statements, so there is nothing to count double.",
        "municipality_title": "Which municipality?",
        "municipality_help": ("The parties in this quiz stand in different municipalities. Choose yours for "
                              "voting advice, or compare all programmes with each other."),
        "municipality_all": "All municipalities: compare all programmes",
        "parties_title": "Which parties do you want to compare?",
        "parties_help": "Choose at least one party.",
        "parties_none": "Choose at least one party.",
        "result_title": "Your result",
        "result_method": "Method: {method}. Where a party takes no position, it is {missing}.",
        "coverage": "position on {k} of your {n} statements",
        "tie": "shared place", "no_score": "nothing to compare",
        "unranked_title": "Not ranked", "nothing_answered": "You have not answered any statement yet.",
        "close": "The top two parties are within {margin} of each other.",
        "tied": "The top two parties are tied.", "point": "point", "points": "points",
        "tiebreak_offer": "Answer {n} extra statements to separate them",
        "stability": "How firm is this result?",
        "drill_title": "Why? Party by party", "drill_summary": "{party}: your answers next to the programme",
        "col_statement": "Statement", "col_you": "You", "col_party": "Party", "col_match": "Match",
        "themes_title": "Agreement by theme", "col_theme": "Theme",
        "agree": "same position", "partly": "partly", "disagree": "opposite",
        "quote": "From the programme", "note": "Note on the coding", "important_mark": "counts double",
        "download_title": "Download your result", "download_format": "File format", "download": "Download",
        "change": "Change your answers", "restart": "Start again",
        "bad_request": "This page is not valid (any more). Please start again.",
        "not_found": "This page does not exist.",
        "flags": "Note",
        "resume": "Continue later? Keep this link (it holds your answers; the server keeps nothing).",
    },
}

LANGS = tuple(WORDS)


def words(lang: str) -> dict[str, str]:
    """The words of `lang` (Dutch when unknown)."""
    return WORDS.get(lang, WORDS["nl"])
