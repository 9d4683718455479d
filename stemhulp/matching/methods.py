"""The matching methods and missing-stance policies: one table each, everything derives from them.

Every method is a per-statement *term* in [0, 1] (0 = full agreement) over the user's and the
party's coordinates (options mapped to [-0.5, 0.5]); a score is `100 * (1 - weighted mean term)`,
or `100 * (1 - sqrt(weighted mean term))` for the root-mean methods. See ../shared methods.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs

from ..errors import MatchError

# The names of the tables below, written out for the type checker (a typo fails mypy; a test
# checks these equal the tables' names).
MethodName = Literal["stemwijzer", "wahlomat", "cityblock", "euclidean", "directional", "hybrid", "midpoint"]
PolicyName = Literal["neutral", "exclude", "opposite", "disagree"]

Kernel = Callable[[Any, Any], Any]  # (user coordinates, party coordinates) -> terms, numpy arrays


@attrs.frozen
class Method:
    """One matching method: its per-statement term, how terms aggregate, and how it is explained.

    `formula` is the term in the notation of methods.md (x_u, x_p: the user's and the party's
    coordinates); `summary` (English) and `summary_nl` (Dutch) are one line each for the
    `stemhulp methods` table, the quiz's introduction and the docs.
    """

    name: MethodName
    kernel: Kernel = attrs.field(repr=False)
    formula: str
    summary: str
    summary_nl: str
    source: str
    root: bool = False  # score from the square root of the mean term (Euclidean)
    three_point_only: bool = False
    identical_scores_100: bool = True  # identical answers always give 100
    label_nl: str = ""  # a plain name for people taking the quiz
    label_en: str = ""
    plain_en: str = ""  # the English counterpart of summary_nl: what it means, without jargon

    def label(self, lang: str) -> str:
        """The plain name shown to quiz takers (the one method label of every front end and result file)."""
        plain = self.label_nl if lang == "nl" else self.label_en
        return plain or self.name

    def explain(self, lang: str) -> str:
        """One plain sentence on what the method counts, in `lang`."""
        text = (self.summary_nl if lang == "nl" else self.plain_en) or self.summary
        return text[0].upper() + text[1:]

    def describe(self, lang: str) -> str:
        """The one-line summary in `lang` (Dutch for 'nl', English otherwise)."""
        return self.summary_nl if lang == "nl" else self.summary

    def fits(self, scale_size: int) -> bool:
        """Whether the method is defined on a scale of `scale_size` options."""
        return not self.three_point_only or scale_size == 3

    def check_scale(self, scale_size: int) -> None:
        """A `MatchError` when the method is not defined on a scale of `scale_size` options."""
        if not self.fits(scale_size):
            raise MatchError(
                f"method {self.name!r} is defined for 3-point scales only; this quiz has "
                f"{scale_size} options (use 'cityblock', which equals it on 3-point scales)"
            )


def _cityblock(user: Any, party: Any) -> Any:
    return abs(user - party)


def _agreement(user: Any, party: Any) -> Any:
    return (abs(user - party) > 1e-12) * 1.0


def _squared(user: Any, party: Any) -> Any:
    return (user - party) ** 2


def _directional(user: Any, party: Any) -> Any:
    return 0.5 - 2.0 * user * party


def _hybrid(user: Any, party: Any) -> Any:
    return (_cityblock(user, party) + _directional(user, party)) / 2.0


def _midpoint(user: Any, party: Any) -> Any:
    """Half agreement count, half directional: on 3 points 4 same side, 3 both neutral, 1, 0 (of 4).

    Both halves are fair kernels (same side scores full agreement, opposite sides full disagreement,
    and every party stance has the same expected term under uniformly random answers), so their
    mean is one too, on any odd or even scale: see docs/methods.md.
    """
    return (_agreement(user, party) + _directional(user, party)) / 2.0


METHODS: tuple[Method, ...] = (
    Method(
        "stemwijzer",
        _agreement,
        "0 if x_u = x_p, else 1",
        "Agreement count: the share of (weighted) statements where you give the party's answer.",
        "telt bij hoeveel stellingen je precies het antwoord van de partij geeft.",
        "StemWijzer (ProDemos); sdebruijn.nl 2016",
        label_nl="gelijke antwoorden tellen",
        label_en="counting equal answers",
        plain_en="counts on how many statements you give exactly the party's answer.",
    ),
    Method(
        "wahlomat",
        _cityblock,
        "|x_u − x_p| (2/1/0 points)",
        "Wahl-O-Mat points: 2 for the same answer, 1 for adjacent, 0 for opposite.",
        "2 punten voor hetzelfde antwoord, 1 voor één stap verschil, 0 voor tegenovergesteld.",
        "bpb, Rechenmodell des Wahl-O-Mat (2014)",
        three_point_only=True,
        label_nl="punten zoals de Wahl-O-Mat",
        label_en="points as in the Wahl-O-Mat",
        plain_en="2 points for the same answer, 1 for one step apart, 0 for opposite answers.",
    ),
    Method(
        "cityblock",
        _cityblock,
        "|x_u − x_p|",
        "City-block (Manhattan) distance between answers on a common [-0.5, 0.5] scale.",
        "hoe dichter je antwoord bij dat van de partij ligt, hoe hoger; één stap verschil telt half.",
        "euandi; smartvote (since 2025); OpenVAA",
        label_nl="afstand tussen de antwoorden",
        label_en="distance between answers",
        plain_en="the closer your answer is to the party's, the higher; one step apart counts half.",
    ),
    Method(
        "euclidean",
        _squared,
        "(x_u − x_p)²",
        "Euclidean distance: the root of the mean squared difference.",
        "als city-block, maar grote verschillen wegen zwaarder.",
        "smartvote (until 2025); OpenVAA",
        root=True,
        label_nl="afstand, grote verschillen zwaarder",
        label_en="distance, large gaps weigh more",
        plain_en="like the distance method, but large differences weigh more.",
    ),
    Method(
        "directional",
        _directional,
        "0.5 − 2·x_u·x_p",
        "Directional (scalar product): rewards taking the same side strongly; neutral scores half.",
        "beloont dezelfde kant kiezen, en dat uitgesproken doen; neutraal telt half.",
        "Rabinowitz & Macdonald 1989, normalised by Mendez 2012",
        identical_scores_100=False,
        label_nl="dezelfde kant kiezen",
        label_en="choosing the same side",
        plain_en="rewards taking the same side, and doing so firmly; neutral counts half.",
    ),
    Method(
        "hybrid",
        _hybrid,
        "(|x_u − x_p| + 0.5 − 2·x_u·x_p) / 2",
        "Half city-block proximity, half directional.",
        "half nabijheid (city-block), half richting (directional).",
        "Mendez 2012, 2017",
        identical_scores_100=False,
        label_nl="half afstand, half kant kiezen",
        label_en="half distance, half side",
        plain_en="half how close your answers are, half whether you take the same side.",
    ),
    Method(
        "midpoint",
        _midpoint,
        "((0 if x_u = x_p, else 1) + 0.5 − 2·x_u·x_p) / 2",
        "Midpoint of agreement count and directional: on 3 points, 4 for the same side, 3 when both "
        "are neutral, 1 when one is, 0 for opposite sides (of 4).",
        "4 punten voor dezelfde kant, 3 als jullie allebei neutraal zijn, 1 als één van beiden neutraal "
        "is, 0 voor tegenovergesteld (van de 4).",
        "stemhulp docs/methods.md: the mean of StemWijzer's count and Mendez's directional term",
        identical_scores_100=False,
        label_nl="dezelfde kant, neutraal telt deels",
        label_en="same side, neutral counts in part",
        plain_en="4 points for the same side, 3 when you are both neutral, 1 when one of you is, "
        "0 for opposite sides (out of 4).",
    ),
)

# Chosen by benchmarks/study_defaults.py (round 3, issue 23): see docs/explanation/trust.md.
DEFAULT_METHOD: MethodName = "midpoint"
DEFAULT_MIN_COVERAGE = 0.5  # share of your answered statements a party needs a stance on to be ranked
METHOD_BY_NAME: dict[str, Method] = {method.name: method for method in METHODS}


def get_method(name: str) -> Method:
    """The method called `name`, or a `MatchError` listing the valid names."""
    try:
        return METHOD_BY_NAME[name]
    except (KeyError, TypeError):
        raise MatchError(f"unknown method {name!r}; choose one of {list(METHOD_BY_NAME)}") from None


# What a missing party stance becomes: (method, user coordinates) -> (terms, weights), per option.
Fill = Callable[[Method, Any], tuple[Any, Any]]


@attrs.frozen
class MissingPolicy:
    """How a statement is scored when the party takes no stance on it.

    `summary`/`summary_nl` explain the policy in a line (English/Dutch); `clause`/`clause_nl`
    complete the quiz's sentence "Where a party takes no position, it is …" / "Heeft een partij
    geen standpunt, dan …".
    """

    name: PolicyName
    fill: Fill = attrs.field(repr=False)
    summary: str
    summary_nl: str
    clause: str
    clause_nl: str

    def describe(self, lang: str) -> str:
        """The one-line summary in `lang` (Dutch for 'nl', English otherwise)."""
        return self.summary_nl if lang == "nl" else self.summary

    def clause_in(self, lang: str) -> str:
        """The quiz's clause for this policy in `lang` (Dutch for 'nl', English otherwise)."""
        return self.clause_nl if lang == "nl" else self.clause


def _neutral(method: Method, user: Any) -> tuple[Any, Any]:
    return method.kernel(user, 0.0 * user), 1.0 + 0.0 * user


def _exclude(method: Method, user: Any) -> tuple[Any, Any]:
    return 0.0 * user, 0.0 * user


def _opposite(method: Method, user: Any) -> tuple[Any, Any]:
    far_end = (user <= 0) * 0.5 - (user > 0) * 0.5
    return method.kernel(user, far_end), 1.0 + 0.0 * user


def _disagree(method: Method, user: Any) -> tuple[Any, Any]:
    return 1.0 + 0.0 * user, 1.0 + 0.0 * user


MISSING_POLICIES: tuple[MissingPolicy, ...] = (
    MissingPolicy(
        "neutral",
        _neutral,
        "Treat no stance as the neutral middle of the scale.",
        "geen standpunt telt als het neutrale midden van de schaal.",
        "counted as neutral",
        "telt dat als neutraal",
    ),
    MissingPolicy(
        "exclude",
        _exclude,
        "Leave the statement out for that party; its score covers only its stances.",
        "de stelling telt voor die partij niet mee; haar score gaat alleen over haar standpunten.",
        "left out for that party",
        "telt die stelling voor die partij niet mee",
    ),
    MissingPolicy(
        "opposite",
        _opposite,
        "Treat no stance as the far end opposite your answer (+0.5 when you are neutral; OpenVAA 'relative maximum').",
        "geen standpunt telt als het uiterste tegenover jouw antwoord.",
        "counted as the opposite of your answer",
        "telt dat als het tegenovergestelde van jouw antwoord",
    ),
    MissingPolicy(
        "disagree",
        _disagree,
        "Count no stance as the largest possible disagreement (OpenVAA 'absolute maximum').",
        "geen standpunt telt als het grootst mogelijke verschil.",
        "counted as full disagreement",
        "telt dat als volledig oneens",
    ),
)

DEFAULT_MISSING: PolicyName = "neutral"
POLICY_BY_NAME: dict[str, MissingPolicy] = {policy.name: policy for policy in MISSING_POLICIES}


def get_policy(name: str) -> MissingPolicy:
    """The missing-stance policy called `name`, or a `MatchError` listing the valid names."""
    try:
        return POLICY_BY_NAME[name]
    except (KeyError, TypeError):
        raise MatchError(f"unknown missing-stance policy {name!r}; choose one of {list(POLICY_BY_NAME)}") from None


def missing_phrase(lang: str, policy: str) -> str:
    """How the quiz says what a missing stance counts as under `policy` (from the policy table)."""
    return POLICY_BY_NAME[policy].clause_in(lang) if policy in POLICY_BY_NAME else policy
