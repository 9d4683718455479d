"""The quiz's words in Dutch (default) and English; method and policy texts live in `methods`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "intro": ("{n} stellingen, {p} partijen. Geef bij elke stelling je mening; daarna zie je welke "
                  "partij het best bij je past, en waarom. Methode: {method} — {summary} "
                  "Heeft een partij geen standpunt, dan {missing}."),
        "keys": "e eens · o oneens · n geen van beide · s overslaan · b terug · ? info · q stop",
        "keys5": ("he helemaal eens · e eens · n neutraal · o oneens · ho helemaal oneens\n"
                  "s overslaan · b terug · ? info · q stop"),
        "progress": "Stelling {i} van {n}",
        "tiebreak_progress": "Extra stelling {i} van {n}",
        "your_answer": "Je antwoord was: {answer}",
        "prompt": "Je antwoord",
        "bad_key": "Dat begrijp ik niet. Typ e, o, n, s, b, ? of q en druk op Enter.",
        "first": "Dit is de eerste stelling; terug kan niet.",
        "no_info": "Geen extra informatie bij deze stelling.",
        "explanation": "Uitleg", "pro": "Voor", "con": "Tegen",
        "important_title": "Wat vind je extra belangrijk?",
        "important_help": ("Typ de nummers van stellingen die dubbel moeten tellen, gescheiden door spaties "
                           "of komma's. Enter voor geen."),
        "important_prompt": "Extra belangrijk",
        "bad_numbers": "Typ nummers uit de lijst (bijvoorbeeld: 2 5 7), of alleen Enter.",
        "parties_title": "Welke partijen wil je vergelijken?",
        "parties_help": "Typ nummers of namen, gescheiden door spaties. Enter voor alle partijen.",
        "parties_prompt": "Partijen",
        "bad_parties": "Typ nummers uit de lijst, of alleen Enter voor alle partijen.",
        "result_title": "Jouw uitslag",
        "result_method": "Methode: {method}. Heeft een partij geen standpunt, dan {missing}.",
        "coverage": "standpunt op {k} van {n}",
        "tie": "gedeeld",
        "no_score": "niet te vergelijken",
        "nothing_answered": "Je hebt nog geen stellingen beantwoord; er is geen uitslag.",
        "close": "De bovenste partijen liggen binnen {margin:.0f} punten van elkaar.",
        "offer_tiebreak": "Wil je {n} extra stellingen beantwoorden om het verschil te maken? [j/n]",
        "yes": "j",
        "drill_prompt": ("Typ het nummer van een partij voor de uitleg per stelling, t voor een overzicht "
                         "per thema, of Enter om te stoppen"),
        "drill_title": "{party}: jouw antwoorden naast het programma",
        "col_you": "Jij", "col_theme": "Thema",
        "themes_title": "Overeenkomst per thema",
        "legend": "✓ zelfde standpunt · ~ deels · ✗ tegenovergesteld · · geen standpunt · – overgeslagen",
        "skipped": "overgeslagen", "no_stance": "geen standpunt", "important_mark": "×2",
        "saved": "Je antwoorden zijn bewaard in {path}",
        "resume_hint": "Verder gaan: stemhulp quiz --resume {path}",
        "stopped": "Gestopt.",
        "interrupted": "Onderbroken.",
        "unranked": "te weinig standpunten bij jouw antwoorden",
        "unranked_rule": ("Zonder plaats: partijen met een standpunt op minder dan {share:.0%} van de stellingen "
                          "die je beantwoordde."),
        "constant": "{party} nam bij alle stellingen '{option}' in.",
        "evasive": "{party} koos bij {k} van de {n} stellingen geen kant (neutraal of geen standpunt).",
        "stability": "Je bovenste advies blijft bovenaan in {share:.0f}% van de steekproeven uit je antwoorden.",
        "methods_agree": "De andere rekenmethoden geven dezelfde bovenste partij.",
        "methods_differ": "Een andere bovenste partij geven: {methods}.",
    },
    "en": {
        "intro": ("{n} statements, {p} parties. Give your view on each statement; then you see which "
                  "party fits you best, and why. Method: {method} — {summary} Where a party takes no "
                  "position, it is {missing}."),
        "keys": "e agree · o disagree · n neither · s skip · b back · ? more info · q quit",
        "keys5": ("he strongly agree · e agree · n neutral · o disagree · ho strongly disagree\n"
                  "s skip · b back · ? info · q quit"),
        "progress": "Statement {i} of {n}",
        "tiebreak_progress": "Extra statement {i} of {n}",
        "your_answer": "Your answer was: {answer}",
        "prompt": "Your answer",
        "bad_key": "I did not understand that. Type e, o, n, s, b, ? or q and press Enter.",
        "first": "This is the first statement; there is nothing to go back to.",
        "no_info": "No extra information for this statement.",
        "explanation": "Background", "pro": "For", "con": "Against",
        "important_title": "Which statements matter most to you?",
        "important_help": "Type the numbers of statements that should count double, separated by spaces "
                          "or commas. Enter for none.",
        "important_prompt": "Count double",
        "bad_numbers": "Type numbers from the list (for example: 2 5 7), or just Enter.",
        "parties_title": "Which parties do you want to compare?",
        "parties_help": "Type numbers or names, separated by spaces. Enter for all parties.",
        "parties_prompt": "Parties",
        "bad_parties": "Type numbers from the list, or just Enter for all parties.",
        "result_title": "Your result",
        "result_method": "Method: {method}. Where a party takes no position, it is {missing}.",
        "coverage": "position on {k} of {n}",
        "tie": "shared",
        "no_score": "nothing to compare",
        "nothing_answered": "You have not answered any statement yet; there is no result.",
        "close": "The top parties are within {margin:.0f} points of each other.",
        "offer_tiebreak": "Answer {n} extra statements to separate them? [y/n]",
        "yes": "y",
        "drill_prompt": "Type a party's number for the statement-by-statement view, t for themes, or Enter to stop",
        "drill_title": "{party}: your answers next to the programme",
        "col_you": "You", "col_theme": "Theme",
        "themes_title": "Agreement by theme",
        "legend": "✓ same position · ~ partly · ✗ opposite · · no position · – skipped",
        "skipped": "skipped", "no_stance": "no position", "important_mark": "×2",
        "saved": "Your answers are saved in {path}",
        "resume_hint": "To continue: stemhulp quiz --resume {path}",
        "stopped": "Stopped.",
        "interrupted": "Interrupted.",
        "unranked": "too few stances on your answers",
        "unranked_rule": "Not ranked: parties with a stance on fewer than {share:.0%} of the statements you answered.",
        "constant": "{party} took '{option}' on every statement.",
        "evasive": "{party} took no side (neutral or no position) on {k} of the {n} statements.",
        "stability": "Your top advice stays on top in {share:.0f}% of resamples of your answers.",
        "methods_agree": "The other matching methods give the same top party.",
        "methods_differ": "A different top party under: {methods}.",
    },
}

# The languages are the keys of MESSAGES: adding one is one entry (missing keys fall back to Dutch).
LANGUAGES: tuple[str, ...] = tuple(MESSAGES)
DEFAULT_LANGUAGE = "nl"


def text(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` (English falls back to Dutch), formatted with `values`."""
    table = MESSAGES.get(lang, MESSAGES["nl"])
    return table.get(key, MESSAGES["nl"][key]).format(**values)
