"""The quiz's words in Dutch (default) and English. Words that belong to a registry entry (a method, a
missing-stance policy, a party flag, an unranked reason) live in that entry, next to what they name."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "intro": (
            "{n} stellingen, {p} partijen. Geef bij elke stelling je mening; daarna zie je welke "
            "partij het best bij je past, en waarom. Methode: {method} — {summary} "
            "Heeft een partij geen standpunt, dan {missing}."
        ),
        "keys": "e eens · o oneens · n geen van beide · s overslaan",
        "keys5": "he helemaal eens · e eens · n neutraal · o oneens · ho helemaal oneens · s overslaan",
        "keys_nav": "b terug · ? uitleg · p wat vinden de partijen? · l overzicht · q stop",
        "progress": "Stelling {i} van {n}",
        "tiebreak_progress": "Extra stelling {i} van {n}",
        "your_answer": "Je antwoord was: {answer}",
        "prompt": "Je antwoord",
        "bad_key": "Dat begrijp ik niet. Typ e, o, n, s, b, ?, p, l of q en druk op Enter.",
        "first": "Dit is de eerste stelling; terug kan niet.",
        "no_info": "Geen extra informatie bij deze stelling.",
        "explanation": "Uitleg",
        "pro": "Voor",
        "con": "Tegen",
        "important_title": "Wat vind je extra belangrijk?",
        "important_help": (
            "Typ de nummers van stellingen die dubbel moeten tellen, gescheiden door spaties "
            "of komma's. Enter voor geen."
        ),
        "important_prompt": "Extra belangrijk",
        "dealbreaker_help": (
            "Een breekpunt? Typ er een ! voor (bijvoorbeeld !3): een partij die daar tegenover je staat, "
            "valt af. Neutraal of geen standpunt sluit niet uit."
        ),
        "bad_numbers": "Typ nummers uit de lijst (bijvoorbeeld: 2 5 !7), of alleen Enter.",
        "parties_title": "Welke partijen wil je vergelijken?",
        "parties_help": (
            "Typ nummers of namen (het begin is genoeg), gescheiden door spaties. Enter voor alle partijen, b terug."
        ),
        "parties_prompt": "Partijen",
        "bad_parties": (
            "'{text}' staat niet in de lijst. Typ nummers of namen uit de lijst, of alleen Enter voor alle partijen."
        ),
        "ambiguous_party": "'{text}' past bij meer dan één partij: {names}. Typ meer van de naam, of het nummer.",
        "result_title": "Jouw uitslag",
        "result_method": "Methode: {method}. Heeft een partij geen standpunt, dan {missing}.",
        "coverage": "heeft een standpunt bij {k} van je {n} antwoorden",
        "tie": "gedeelde plaats",
        "nothing_answered": "Je hebt nog geen stellingen beantwoord; er is geen uitslag.",
        "nothing_ranked": "Geen van de gekozen partijen kan gerangschikt worden: ze hebben een standpunt op te "
        "weinig van de stellingen die je beantwoordde. Kies meer partijen, of zie hieronder waarom.",
        "offer_tiebreak": "Wil je {statements} beantwoorden om het verschil te maken? [j/n]",
        "yes": "j",
        "drill_prompt": "Je keuze (Enter om te stoppen)",
        "drill_help": (
            "Typ het nummer of de naam van een partij voor de uitleg per stelling, of:\n"
            "t per thema · p 4 wat vinden de partijen bij stelling 4\n"
            "l antwoorden wijzigen · r uitslag bewaren · b terug"
        ),
        "drill_title": "{party}: jouw antwoorden naast het programma",
        "col_you": "Jij",
        "col_theme": "Thema",
        "themes_title": "Overeenkomst per thema",
        "legend": "✓ zelfde standpunt   ~ deels   ✗ tegenovergesteld   ○ geen standpunt   – overgeslagen",
        "skipped": "overgeslagen",
        "no_stance": "geen standpunt",
        "important_mark": "×2",
        "saved": "Je antwoorden zijn bewaard in {path}",
        "resume_hint": "Verder gaan:",
        "stopped": "Gestopt.",
        "adaptive_intro": (
            "Adaptief: je krijgt steeds de stelling die het meest zegt over welke partij bovenaan eindigt. "
            "Staat je topadvies vast (na minstens {m} antwoorden), dan kan de stemhulp eerder stoppen; "
            "je kunt daarna altijd alle {n} stellingen beantwoorden."
        ),
        "adaptive_progress": "Vraag {k} · stelling {i} van {n}",
        "adaptive_stopped": (
            "Je topadvies staat vast na {k} van de {n} stellingen; de andere {left} kun je alsnog beantwoorden."
        ),
        "go_on_help": "{go} de andere {left} stellingen ook beantwoorden",
        "go_on_key": "v",
        "web_go_on": "De andere {left} stellingen ook beantwoorden",
        "interrupted": "Onderbroken.",
        "unranked_rule": (
            "Zonder plaats: partijen met een standpunt op minder dan {share} van de stellingen die je beantwoordde."
        ),
        "constant": "{party} nam bij alle stellingen '{option}' in.",
        "elections_differ": (
            "Let op: de programma's uit {town} zijn voor verschillende verkiezingen geschreven ({years})."
        ),
        "evasive": "{party} koos bij {k} van de {n} stellingen geen kant (neutraal of geen standpunt).",
        "stability": "Je bovenste advies blijft bovenaan in ongeveer {share}% van de steekproeven uit je antwoorden.",
        "stability_tie": (
            "Bovenaan staan partijen gelijk; welke van hen bovenaan komt, hangt af van welke stellingen je meetelt."
        ),
        "stability_few": (
            "Hoe vast de volgorde staat, zeggen we pas vanaf {k} beantwoorde stellingen: met minder antwoorden "
            "zegt zo'n getal meer over toeval dan over jouw mening."
        ),
        "methods_agree": "De andere rekenmethoden geven dezelfde bovenste partij.",
        "methods_differ": "Met deze andere rekenmethoden komt een andere partij bovenaan: {methods}.",
        "single": "Je bent het voor {score}% eens met het programma van {party}.",
        "single_none": "Je antwoorden zijn niet te vergelijken met het programma van {party}.",
        "top_tied": "De bovenste twee partijen staan gelijk.",
        "top_close": "De bovenste twee partijen liggen {points} uit elkaar.",
        "top_close_under": "De bovenste twee partijen liggen minder dan 1 punt uit elkaar.",
        "comparison_only": (
            "Dit is een vergelijking van programma's uit verschillende gemeenten, geen stemadvies: "
            "je kunt alleen stemmen op partijen in jouw gemeente."
        ),
        "in_dutch": "(NL)",
        "in_dutch_inline": "Nederlands",
        "facts_title": "Wat zegt deze uitslag?",
        "tiebreak_dropped": (
            "{party} staat na de extra stellingen niet meer in de rangschikking: de partij heeft nu een "
            "standpunt op minder dan {share} van je antwoorden."
        ),
        "point_one": "{n} punt",
        "point_many": "{n} punten",
        "extra_one": "{n} extra stelling",
        "extra_many": "{n} extra stellingen",
        "excluded_title": "Uitgesloten door je breekpunten",
        "excluded_line": "{party}: staat aan de andere kant van je breekpunt {statements}",
        "excluded_statement": "stelling {n} ({text} — jij: {answer}, de partij: {stance})",
        "dealbreaker_rule": (
            "Breekpunt: een partij die daar aan de andere kant staat (eens tegenover oneens) doet niet mee in de "
            "rangschikking. Neutraal of geen standpunt sluit niet uit."
        ),
        "dealbreaker_idle": "Je breekpunt bij stelling {n} sluit niemand uit: je koos daar geen kant.",
        "dealbreaker_mark": "breekpunt",
    },
    "en": {
        "intro": (
            "{n} statements, {p} parties. Give your view on each statement; then you see which "
            "party fits you best, and why. Method: {method} — {summary} Where a party takes no "
            "position, it is {missing}."
        ),
        "keys": "a agree · d disagree · n neither · s skip",
        "keys5": "sa strongly agree · a agree · n neither · d disagree · sd strongly disagree · s skip",
        "keys_nav": "b back · ? more info · p what do the parties think? · l list of answers · q quit",
        "progress": "Statement {i} of {n}",
        "tiebreak_progress": "Extra statement {i} of {n}",
        "your_answer": "Your answer was: {answer}",
        "prompt": "Your answer",
        "bad_key": "I did not understand that. Type a, d, n, s, b, ?, p, l or q and press Enter.",
        "first": "This is the first statement; there is nothing to go back to.",
        "no_info": "No extra information for this statement.",
        "explanation": "Background",
        "pro": "For",
        "con": "Against",
        "important_title": "Which statements matter most to you?",
        "important_help": "Type the numbers of statements that should count double, separated by spaces "
        "or commas. Enter for none.",
        "important_prompt": "Count double",
        "dealbreaker_help": (
            "A deal-breaker? Type ! before its number (for example !3): a party on the other side there is "
            "excluded. Neutral or no stance does not exclude."
        ),
        "bad_numbers": "Type numbers from the list (for example: 2 5 !7), or just Enter.",
        "parties_title": "Which parties do you want to compare?",
        "parties_help": (
            "Type numbers or names (the start is enough), separated by spaces. Enter for all parties, b to go back."
        ),
        "parties_prompt": "Parties",
        "bad_parties": (
            "'{text}' is not in the list. Type numbers or names from the list, or just Enter for all parties."
        ),
        "ambiguous_party": "'{text}' matches more than one party: {names}. Type more of the name, or the number.",
        "result_title": "Your result",
        "result_method": "Method: {method}. Where a party takes no position, it is {missing}.",
        "coverage": "takes a position on {k} of your {n} answers",
        "tie": "shared place",
        "nothing_answered": "You have not answered any statement yet; there is no result.",
        "nothing_ranked": "None of the chosen parties can be ranked: they take a position on too few of the "
        "statements you answered. Choose more parties, or see below why.",
        "offer_tiebreak": "Answer {statements} to separate them? [y/n]",
        "yes": "y",
        "drill_prompt": "Your choice (Enter to stop)",
        "drill_help": (
            "Type a party's number or name for the statement-by-statement view, or:\n"
            "t by theme · p 4 what the parties think of statement 4\n"
            "l change answers · r save the result · b back"
        ),
        "drill_title": "{party}: your answers next to the programme",
        "col_you": "You",
        "col_theme": "Theme",
        "themes_title": "Agreement by theme",
        "legend": "✓ same position   ~ partly   ✗ opposite   ○ no position   – skipped",
        "skipped": "skipped",
        "no_stance": "no position",
        "important_mark": "×2",
        "saved": "Your answers are saved in {path}",
        "resume_hint": "To continue:",
        "stopped": "Stopped.",
        "adaptive_intro": (
            "Adaptive: each time you get the statement that tells most about which party ends on top. "
            "Once your top advice is firm (after at least {m} answers) the quiz may stop early; "
            "you can always go on to all {n} statements afterwards."
        ),
        "adaptive_progress": "Question {k} · statement {i} of {n}",
        "adaptive_stopped": (
            "Your top advice is firm after {k} of the {n} statements; you can still answer the other {left}."
        ),
        "go_on_help": "{go} answer the other {left} statements too",
        "go_on_key": "g",
        "web_go_on": "Answer the other {left} statements too",
        "interrupted": "Interrupted.",
        "unranked_rule": "Not ranked: parties with a stance on fewer than {share} of the statements you answered.",
        "excluded_title": "Excluded by your deal-breakers",
        "excluded_line": "{party}: on the other side of your deal-breaker {statements}",
        "excluded_statement": "statement {n} ({text} — you: {answer}, the party: {stance})",
        "dealbreaker_rule": (
            "Deal-breaker: a party on the other side there (agree versus disagree) is left out of the ranking. "
            "Neutral or no stance does not exclude."
        ),
        "dealbreaker_idle": "Your deal-breaker on statement {n} excludes nobody: you took no side there.",
        "dealbreaker_mark": "deal-breaker",
        "constant": "{party} took '{option}' on every statement.",
        "elections_differ": "Note: the programmes from {town} were written for different elections ({years}).",
        "evasive": "{party} took no side (neutral or no position) on {k} of the {n} statements.",
        "stability": "Your top advice stays on top in about {share}% of resamples of your answers.",
        "stability_tie": "Parties share the top place; which of them comes first depends on which statements count.",
        "stability_few": (
            "How firm the order is, we say from {k} answered statements on: with fewer answers such a figure "
            "says more about chance than about your views."
        ),
        "methods_agree": "The other matching methods give the same top party.",
        "methods_differ": "With these other matching methods another party comes first: {methods}.",
        "single": "You agree {score}% with the programme of {party}.",
        "single_none": "Your answers cannot be compared with the programme of {party}.",
        "top_tied": "The top two parties are tied.",
        "top_close": "The top two parties are {points} apart.",
        "top_close_under": "The top two parties are less than 1 point apart.",
        "comparison_only": (
            "This compares programmes from different municipalities; it is not voting advice: you can only "
            "vote for parties in your own municipality."
        ),
        "in_dutch": "(in Dutch)",
        "in_dutch_inline": "in Dutch",
        "facts_title": "What this result says",
        "tiebreak_dropped": (
            "{party} is no longer ranked after the extra statements: it now has a position on fewer than "
            "{share} of your answers."
        ),
        "point_one": "{n} point",
        "point_many": "{n} points",
        "extra_one": "{n} extra statement",
        "extra_many": "{n} extra statements",
    },
}

# Navigation, the parties' view, the municipality step, the result file and the `match` table.
_MORE: dict[str, dict[str, str]] = {
    "nl": {
        "save_where": "Je antwoorden worden bewaard in:",
        "continue_offer": "Je hebt een stemhulp die nog niet af is ({k} van {n} stellingen beantwoord):",
        "continue_prompt": "Verder gaan? [J/n]",
        "reopen_offer": ("Deze stemhulp is al af. Enter: de uitslag · l: je antwoorden bekijken en wijzigen"),
        "reopen_prompt": "Je keuze",
        "overview_title": "Overzicht van je antwoorden",
        "overview_help": "Typ het nummer van een stelling om je antwoord te wijzigen, of Enter om verder te gaan.",
        "overview_prompt": "Stelling",
        "not_answered": "nog niet beantwoord",
        "bad_overview": "Typ een nummer uit het overzicht, of alleen Enter.",
        "important_keys": "b terug · l overzicht · q stop",
        "chosen_now": "Nu gekozen: {chosen}",
        "municipality_title": "Kies je gemeente",
        "municipality_help": (
            "De programma's komen uit {k} gemeenten. Vergelijk alleen de programma's van "
            "jouw gemeente, of alle programma's (een vergelijking van programma's, niet "
            "van wat je kunt stemmen). Typ een nummer of naam, of Enter voor alle gemeenten."
        ),
        "municipality_prompt": "Gemeente",
        "programme_many": "{n} programma's",
        "programme_one": "1 programma",
        "bad_municipality": "'{text}' is geen gemeente uit de lijst. Typ een nummer of naam, of alleen Enter.",
        "partyview_title": "Wat vinden de partijen? Stelling {i}",
        "note": "Toelichting",
        "party_words": "De partij",
        "bad_statement_number": "Typ p en het nummer van een stelling, bijvoorbeeld: p 4",
        "bad_result_key": "Dat begrijp ik niet. Typ een nummer of naam van een partij, t, p 4, l, r, b of Enter.",
        "result_file_prompt": "Bewaren als (.html, .md of .json; Enter voor {path})",
        "result_saved": "Je uitslag is bewaard in:",
        "first_step": "Dit is de eerste stap; terug kan niet.",
        "method_plain": "Methode: {label}. {summary}",
        "match_title": "{title} — methode: {method}; geen standpunt: {missing}",
        "col_rank": "#",
        "col_party": "partij",
        "col_score": "score",
        "col_stances": "standpunten",
        "report_title": "Jouw uitslag: {title}",
        "report_ranking": "Welke partijen passen bij je?",
        "report_place": "Plaats",
        "report_party": "Partij",
        "report_match": "Overeenkomst",
        "report_coverage": "Standpunten",
        "report_statements": "Per stelling: jouw antwoord en de standpunten van de partijen",
        "report_you": "Jouw antwoord",
        "report_method": "Hoe is dit berekend?",
        "report_missing": "Heeft een partij geen standpunt bij een stelling, dan {missing}.",
        "report_salience": "Stellingen wegen mee naar hoe belangrijk de partij ze zelf vindt.",
        "report_why": (
            "Waarom deze methode: 'dezelfde kant, neutraal telt deels' kwam het best uit een "
            "studie op deze stemhulp en zeven echte stemhulpen (Wahl-O-Mat, gemeentelijke stemwijzers). "
            "Partijen die vaak 'geen van beide' zeggen krijgen er geen voordeel of nadeel door; partijen "
            "ver van het midden krijgen wat vaker het advies. Wie het programma van een partij invult, "
            "krijgt die partij in ruim 95% van de gevallen als advies. Een partij met een standpunt bij "
            "minder dan de helft van je antwoorden wordt niet gerangschikt."
        ),
        "report_why_chosen": "Je koos deze instellingen zelf. De standaard, en waarom:",
        "report_unranked": "niet gerangschikt",
        "report_generated": "Gemaakt met stemhulp {version}, stemhulp {quiz}. Dit is een vergelijking van "
        "programma's, geen stemadvies.",
        "report_answers": "{n} stellingen beantwoord",
        "report_parties": "Vergeleken: {parties}",
    },
    "en": {
        "save_where": "Your answers are saved in:",
        "continue_offer": "You have an unfinished quiz ({k} of {n} statements answered):",
        "continue_prompt": "Continue it? [Y/n]",
        "reopen_offer": "You finished this quiz. Enter: the result · l: see and change your answers",
        "reopen_prompt": "Your choice",
        "overview_title": "Your answers",
        "overview_help": "Type a statement's number to change your answer, or Enter to go on.",
        "overview_prompt": "Statement",
        "not_answered": "not answered yet",
        "bad_overview": "Type a number from the list, or just Enter.",
        "important_keys": "b back · l list of answers · q quit",
        "chosen_now": "Chosen now: {chosen}",
        "municipality_title": "Choose your municipality",
        "municipality_help": (
            "The programmes come from {k} municipalities. Compare only your municipality's "
            "programmes, or all programmes (a comparison of programmes, not of what is on "
            "your ballot). Type a number or name, or Enter for all municipalities."
        ),
        "municipality_prompt": "Municipality",
        "programme_many": "{n} programmes",
        "programme_one": "1 programme",
        "bad_municipality": "'{text}' is not a municipality from the list. Type a number or name, or just Enter.",
        "partyview_title": "What do the parties think? Statement {i}",
        "note": "Note",
        "party_words": "The party",
        "bad_statement_number": "Type p and a statement's number, for example: p 4",
        "bad_result_key": "I did not understand that. Type a party's number or name, t, p 4, l, r, b or Enter.",
        "result_file_prompt": "Save as (.html, .md or .json; Enter for {path})",
        "result_saved": "Your result is saved in:",
        "first_step": "This is the first step; there is nothing to go back to.",
        "method_plain": "Method: {label}. {summary}",
        "match_title": "{title} — method: {method}; no position: {missing}",
        "col_rank": "#",
        "col_party": "party",
        "col_score": "score",
        "col_stances": "positions",
        "report_title": "Your result: {title}",
        "report_ranking": "Which parties fit you?",
        "report_place": "Place",
        "report_party": "Party",
        "report_match": "Agreement",
        "report_coverage": "Positions",
        "report_statements": "Statement by statement: your answer and the parties' positions",
        "report_you": "Your answer",
        "report_method": "How was this computed?",
        "report_missing": "Where a party takes no position on a statement, it is {missing}.",
        "report_salience": "Statements weigh by how important each party itself finds them.",
        "report_why": (
            "Why this method: 'same side, neutral counts in part' came out best in a study on "
            "this quiz and seven real voting aids (Wahl-O-Mat, Dutch municipal guides). Parties that often "
            "answer 'neither' neither gain nor lose by it; parties far from the centre get the advice "
            "somewhat more often. Someone who fills in a party's programme gets that party as advice in "
            "over 95% of cases. A party with a position on fewer than half of your answers is not ranked."
        ),
        "report_why_chosen": "You chose these settings yourself. The default, and why:",
        "report_unranked": "not ranked",
        "report_generated": "Made with stemhulp {version}, quiz {quiz}. This compares programmes; it is not "
        "advice on how to vote.",
        "report_answers": "{n} statements answered",
        "report_parties": "Compared: {parties}",
    },
}


# The web pages' own words (buttons, forms and page help; the rest is shared above).
_WEB: dict[str, dict[str, str]] = {
    "nl": {
        "skip_link": "Naar de inhoud",
        "other_lang": "English",
        "other_lang_code": "en",
        "intro_counts": "{n} stellingen, {p} partijen.",
        "intro_how": (
            "Geef bij elke stelling je mening: eens, geen van beide of oneens, of sla hem over. Daarna kies je "
            "wat je extra belangrijk vindt en welke partijen je wilt vergelijken, en zie je welke partij het best"
            " bij je past, en waarom."
        ),
        "intro_method": "Methode: {method} — {summary}",
        "intro_private": "Je antwoorden worden niet bewaard: ze staan alleen in deze pagina.",
        "privacy_link": "Privacy",
        "privacy_title": "Privacyverklaring",
        "privacy_back": "Terug naar de stemhulp",
        "start": "Begin",
        "back": "Terug",
        "next": "Verder",
        "skip": "Overslaan",
        "more_info": "Meer informatie",
        "what_parties": "Wat vinden de partijen?",
        "answer_group": "Jouw mening over deze stelling",
        "web_important_help": "Kies de stellingen die dubbel moeten tellen. Niets kiezen mag ook.",
        "web_dealbreaker_help": (
            "Is een stelling een breekpunt voor je? Vink dan ook 'breekpunt' aan: een partij die daar tegenover "
            "je staat, valt af. Neutraal of geen standpunt sluit niet uit."
        ),
        "important_none": "Je hebt geen stellingen beantwoord; er valt niets extra belangrijk te maken.",
        "web_municipality_title": "Welke gemeente?",
        "web_municipality_help": (
            "De partijen in deze stemhulp komen uit verschillende gemeenten. Kies je gemeente voor een "
            "stemadvies, of vergelijk alle programma's met elkaar."
        ),
        "web_municipality_all": "Alle gemeenten: vergelijk alle programma's",
        "web_parties_help": "Kies ten minste één partij.",
        "parties_none": "Kies ten minste één partij.",
        "unranked_title": "Niet gerangschikt",
        "tiebreak_offer": "Beantwoord {statements} om het verschil te maken",
        "web_drill_title": "Waarom? Per partij",
        "drill_summary": "{party}: jouw antwoorden naast het programma",
        "agree": "zelfde standpunt",
        "partly": "deels",
        "disagree": "tegenovergesteld",
        "quote": "Uit het programma",
        "counts_double": "telt dubbel",
        "download_title": "Uitslag downloaden",
        "download_format": "Bestandsformaat",
        "download": "Download",
        "change": "Antwoorden aanpassen",
        "restart": "Opnieuw beginnen",
        "bad_request": "Deze pagina klopt niet (meer). Begin opnieuw.",
        "not_found": "Deze pagina bestaat niet.",
        "flags": "Let op",
        "resume": "Later verder? Bewaar deze link (hij bevat je antwoorden; de server bewaart niets).",
        "other_quiz": (
            "Deze pagina of link hoort bij een andere versie van de stemhulp. Je antwoorden kunnen daarom niet "
            "worden overgenomen; begin opnieuw."
        ),
        "overview": "Overzicht",
        "overview_web_help": "Kies een stelling om je antwoord te wijzigen.",
        "leave_overview": "Verder waar je was",
        "change_answer": "Wijzig",
        "shortcuts": "Sneltoetsen: {keys}. Ze werken niet terwijl je in een ander veld of knop staat.",
        "shortcuts_off": "Sneltoetsen uit",
        "shortcuts_on": "Sneltoetsen aan",
        "technical": "Technische details",
        "close_statement": "Terug naar de stelling",
        "close_result": "Terug naar je uitslag",
        "site_needs_js": (
            "Deze stemhulp rekent in je browser: zet JavaScript aan. Je antwoorden verlaten je apparaat niet."
        ),
    },
    "en": {
        "skip_link": "Skip to content",
        "other_lang": "Nederlands",
        "other_lang_code": "nl",
        "intro_counts": "{n} statements, {p} parties.",
        "intro_how": (
            "Give your view on each statement: agree, neither or disagree, or skip it. Then choose what matters "
            "most to you and which parties to compare, and see which party fits you best, and why."
        ),
        "intro_method": "Method: {method} — {summary}",
        "intro_private": "Your answers are not stored: they live only in this page.",
        "privacy_link": "Privacy",
        "privacy_title": "Privacy statement",
        "privacy_back": "Back to the quiz",
        "start": "Start",
        "back": "Back",
        "next": "Next",
        "skip": "Skip",
        "more_info": "More information",
        "what_parties": "What do the parties think?",
        "answer_group": "Your view on this statement",
        "web_important_help": "Choose the statements that should count double. Choosing none is fine.",
        "web_dealbreaker_help": (
            "Is a statement a deal-breaker for you? Tick 'deal-breaker' too: a party on the other side there is "
            "excluded. Neutral or no stance does not exclude."
        ),
        "important_none": "You answered no statements, so there is nothing to count double.",
        "web_municipality_title": "Which municipality?",
        "web_municipality_help": (
            "The parties in this quiz stand in different municipalities. Choose yours for voting advice, or "
            "compare all programmes with each other."
        ),
        "web_municipality_all": "All municipalities: compare all programmes",
        "web_parties_help": "Choose at least one party.",
        "parties_none": "Choose at least one party.",
        "unranked_title": "Not ranked",
        "tiebreak_offer": "Answer {statements} to separate them",
        "web_drill_title": "Why? Party by party",
        "drill_summary": "{party}: your answers next to the programme",
        "agree": "same position",
        "partly": "partly",
        "disagree": "opposite",
        "quote": "From the programme",
        "counts_double": "counts double",
        "download_title": "Download your result",
        "download_format": "File format",
        "download": "Download",
        "change": "Change your answers",
        "restart": "Start again",
        "bad_request": "This page is not valid (any more). Please start again.",
        "not_found": "This page does not exist.",
        "flags": "Note",
        "resume": "Continue later? Keep this link (it holds your answers; the server keeps nothing).",
        "other_quiz": (
            "This page or link belongs to another version of the quiz, so your answers cannot be carried over; "
            "please start again."
        ),
        "overview": "Overview",
        "overview_web_help": "Choose a statement to change your answer.",
        "leave_overview": "Continue where you were",
        "change_answer": "Change",
        "shortcuts": "Shortcuts: {keys}. They do not work while the focus is on another field or button.",
        "shortcuts_off": "Shortcuts off",
        "shortcuts_on": "Shortcuts on",
        "technical": "Technical details",
        "close_statement": "Back to the statement",
        "close_result": "Back to your result",
        "site_needs_js": (
            "This voting advice computes in your browser: switch JavaScript on. Your answers never leave your device."
        ),
    },
}


# Messages about a file or option a quiz taker handed over: the library raises them in English as a
# `Phrase`, the quiz shows them in its language (`say`). English texts are the library's own words.
_ERRORS: dict[str, dict[str, str]] = {
    "nl": {
        "error_prefix": "fout",
        "err_not_found": "{path}: bestand niet gevonden",
        "err_is_directory": "{path}: is een map, geen bestand",
        "err_cannot_read": "{path}: kan niet gelezen worden ({why})",
        "err_too_big": "{path}: meer dan {limit} bytes; stemhulp leest niet meer dan dat uit één bestand",
        "err_invalid_yaml": "{path}: geen geldige YAML: {problem}",
        "err_invalid_json": "{path}: geen geldige JSON: {problem}",
        "err_not_utf8": "{path}: geen UTF-8-tekst ({why} bij byte {at})",
        "err_folder_missing": "{path}: de map {folder}{via} bestaat niet; maak hem eerst aan",
        "err_folder_link": " (waar de koppeling {path} naar wijst)",
        "err_part_is_file": "{path}: kan niet schrijven (een deel van het mappad is een bestand, geen map)",
        "err_not_regular": "{path}: is {kind}, geen gewoon bestand; stemhulp vervangt alleen gewone bestanden",
        "err_cannot_write": "{path}: kan niet schrijven ({why})",
        "err_output_is_input": (
            "{option} {path}: is {name} ({source}) van ditzelfde commando; kies een ander bestand, zodat dat "
            "niet vervangen wordt"
        ),
        "err_same_output": "{option} {path}: is hetzelfde bestand als {earlier}; geef elke uitvoer een eigen bestand",
        "err_answers_not_mapping": "{at}: een antwoordenbestand moet een mapping zijn met de sleutel 'answers'",
        "err_answers_missing": "{at}: de sleutel 'answers' ontbreekt",
        "err_answers_shape": "{at}: answers moet stelling-id's aan antwoordwoorden koppelen, niet {got}",
        "err_unknown_statement": "{at}: onbekende stelling-id {id!r}",
        "err_empty_answer": "{at}: het antwoord op {id!r} is leeg (null); gebruik 'skip' om hem over te slaan",
        "err_bad_answer": "{at}: stelling {id!r}: onbekend antwoord {word!r}; kies uit {words}",
        "err_ids_not_list": "{at}: {label} moet een lijst van {what} zijn, niet {got}",
        "err_ids_too_many": "{at}: {label} heeft meer dan {limit} items",
        "err_id_type": "{at}: {label}: een id moet tekst of een getal zijn, niet {got}",
        "err_unknown_id": "{at}: onbekende {what} {id!r}",
        "err_parties_empty": "{at}: parties mag niet leeg zijn (laat het weg om alle partijen te vergelijken)",
        "err_other_quiz": "{at}: deze antwoorden horen bij stemhulp {theirs!r}, niet bij {ours!r}",
        "err_statement_ids": "stelling-id's",
        "err_party_ids": "partij-id's",
        "err_statement_id": "stelling-id",
        "err_party_id": "partij-id",
        "err_setting_lang": "{at}: lang: onbekende taal {got!r}; kies uit {known}",
        "err_setting_method": "{at}: method: onbekende methode {got!r}; kies uit {known}",
        "err_setting_missing": "{at}: missing: onbekende regel {got!r}; kies uit {known}",
        "err_setting_flag": "{at}: {setting}: moet true of false zijn, niet {got!r}",
        "err_setting_coverage": "{at}: min_coverage: moet een aandeel tussen 0 en 1 zijn, niet {got!r}",
        "err_lang": "--lang: onbekende taal {got!r}; kies uit {known}",
        "err_result_kind": "--result: {path}: onbekend soort bestand; laat de naam eindigen op .html, .md of .json",
        "err_municipality": "--municipality: {got!r} is geen gemeente van deze stemhulp; die heeft: {known}",
        "err_no_municipalities": "geen (de partijen hebben geen gemeente)",
    },
    "en": {
        "error_prefix": "error",
        "err_not_found": "{path}: file not found",
        "err_is_directory": "{path}: is a directory, expected a file",
        "err_cannot_read": "{path}: cannot read ({why})",
        "err_too_big": "{path}: more than {limit} bytes; stemhulp reads at most that much from one file",
        "err_invalid_yaml": "{path}: invalid YAML: {problem}",
        "err_invalid_json": "{path}: invalid JSON: {problem}",
        "err_not_utf8": "{path}: not UTF-8 text ({why} at byte {at})",
        "err_folder_missing": "{path}: the folder {folder}{via} does not exist; create it first",
        "err_folder_link": " (where the link {path} points)",
        "err_part_is_file": "{path}: cannot write (a part of the folder path is a file, not a folder)",
        "err_not_regular": "{path}: is {kind}, not a regular file; stemhulp only replaces regular files",
        "err_cannot_write": "{path}: cannot write ({why})",
        "err_output_is_input": (
            "{option} {path}: is {name} ({source}), of this same command; choose another file so that it is not "
            "replaced"
        ),
        "err_same_output": "{option} {path}: is the same file as {earlier}; give each output its own file",
        "err_answers_not_mapping": "{at}: an answers file must be a mapping with an 'answers' key",
        "err_answers_missing": "{at}: missing required key 'answers'",
        "err_answers_shape": "{at}: answers must be a mapping of statement id to answer word, got {got}",
        "err_unknown_statement": "{at}: unknown statement id {id!r}",
        "err_empty_answer": "{at}: answer to {id!r} is empty (null); use 'skip' to skip it",
        "err_bad_answer": "{at}: statement {id!r}: unknown answer {word!r}; expected one of {words}",
        "err_ids_not_list": "{at}: {label} must be a list of {what}, got {got}",
        "err_ids_too_many": "{at}: {label} has more than {limit} entries",
        "err_id_type": "{at}: {label}: an id must be text or a number, got {got}",
        "err_unknown_id": "{at}: unknown {what} {id!r}",
        "err_parties_empty": "{at}: parties must not be empty (leave it out to compare all parties)",
        "err_other_quiz": "{at}: these answers belong to quiz {theirs!r}, not {ours!r}",
        "err_statement_ids": "statement ids",
        "err_party_ids": "party ids",
        "err_statement_id": "statement id",
        "err_party_id": "party id",
        "err_setting_lang": "{at}: lang: unknown language {got!r}; choose one of {known}",
        "err_setting_method": "{at}: method: unknown method {got!r}; choose one of {known}",
        "err_setting_missing": "{at}: missing: unknown policy {got!r}; choose one of {known}",
        "err_setting_flag": "{at}: {setting}: must be true or false, got {got!r}",
        "err_setting_coverage": "{at}: min_coverage: must be a share between 0 and 1, got {got!r}",
        "err_lang": "--lang: unknown language {got!r}; choose one of {known}",
        "err_result_kind": "--result: {path}: unknown kind of file; end its name in .html, .md or .json",
        "err_municipality": "--municipality: {got!r} is not a municipality of this quiz; it has: {known}",
        "err_no_municipalities": "none (its parties carry no municipality)",
    },
}


for _extra in (_MORE, _WEB, _ERRORS):
    for _lang, _table in _extra.items():
        for _key, _value in _table.items():
            if _key in MESSAGES[_lang]:
                raise KeyError(f"i18n: {_key!r} is defined twice for {_lang!r}")
            MESSAGES[_lang][_key] = _value


# The languages are the keys of MESSAGES: adding one is one entry (missing keys fall back to Dutch).
LANGUAGES: tuple[str, ...] = tuple(MESSAGES)
DEFAULT_LANGUAGE = "nl"


def text(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` (English falls back to Dutch), formatted with `values`."""
    table = MESSAGES.get(lang, MESSAGES["nl"])
    return table.get(key, MESSAGES["nl"][key]).format(**values)


def plural(lang: str, word: str, n: int) -> str:
    """`n` with `word` in the right form ("1 punt", "3 punten"): keys `word_one` and `word_many`."""
    return text(lang, f"{word}_{'one' if n == 1 else 'many'}", n=n)


class Phrase(str):
    """A message in English (the library's words) that keeps its table key and values, so a front end
    can say it in the quiz taker's language (`say`). Everywhere else it is the plain English string."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Phrase:
        phrase = super().__new__(cls, text("en", key, **values))
        phrase.key, phrase.values = key, values
        return phrase

    def __reduce__(self) -> tuple[object, ...]:  # pickled (a worker process) as the plain English string
        return (str, (str(self),))


def say(message: str, lang: str) -> str:
    """`message` in `lang` when it is a `Phrase`; any other message as it is."""
    if not isinstance(message, Phrase):
        return message
    values = {name: say(v, lang) if isinstance(v, Phrase) else v for name, v in message.values.items()}
    return text(lang, message.key, **values)
