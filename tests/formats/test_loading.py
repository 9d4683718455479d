"""Loading and validating quizzes: native YAML, stemhulp/1 JSON, round trips, every error."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stemhulp
from stemhulp.formats.exchange import quiz_to_exchange
from stemhulp.formats.native import write_native
from stemhulp.limits import MAX_WEIGHT
from tests.paths import FIXTURES, ROOT


def _problems(source) -> str:
    with pytest.raises(stemhulp.QuizError) as caught:
        stemhulp.load(source)
    return "\n".join(caught.value.problems)


def test_native_quiz_loads_in_file_order(mini):
    """Statements come in file-name then list order; ids are strings; tie-breaks are separate."""
    assert [s.id for s in mini.statements] == ["s1", "s2", "s3"]
    assert [s.id for s in mini.tiebreak_statements] == ["t1"]
    assert {p.id for p in mini.parties} == {"rood", "blauw", "groen"}
    assert mini.position("rood", "s1").weight == 3.0
    assert mini.position("rood", "s1").source == "rood.txt"  # inherited from the party
    assert mini.stance_code("blauw", "s3") == -1


def test_yaml_json_yaml_round_trip_is_lossless(mini, tmp_path):
    """native → stemhulp/1 → native → stemhulp/1 gives the same document."""
    document = quiz_to_exchange(mini)
    again = stemhulp.load(json.loads(json.dumps(document)))
    assert quiz_to_exchange(again) == document
    write_native(again, tmp_path / "copy")
    assert quiz_to_exchange(stemhulp.load(tmp_path / "copy")) == document
    (tmp_path / "quiz.json").write_text(json.dumps(document), encoding="utf-8")
    assert quiz_to_exchange(stemhulp.load(tmp_path / "quiz.json")) == document


def test_numeric_ids_stay_strings_and_keep_their_spelling(tmp_path):
    """YAML `id: 007` and `{1: …}` keys load as the strings '007' and '1' and survive writing."""
    root = tmp_path / "q"
    (root / "statements").mkdir(parents=True)
    (root / "party_positions").mkdir()
    (root / "statements" / "quiz.yaml").write_text("id: 12\ntitle: T\nscale: [no, yes]\n")
    (root / "statements" / "a.yaml").write_text(
        "statements:\n  - {id: 007, theme: T, text: X}\n  - {id: 1, theme: T, text: Y}\n"
    )
    (root / "party_positions" / "p.yaml").write_text(
        "id: 5\nname: P\npositions:\n  007: {position: 'yes'}\n  1: {position: 'no'}\n"
    )
    quiz = stemhulp.load(root)
    assert quiz.id == "12"
    assert [s.id for s in quiz.statements] == ["007", "1"]
    assert quiz.parties[0].id == "5"
    assert quiz.scale.options == ("no", "yes")
    write_native(quiz, tmp_path / "out")
    assert quiz_to_exchange(stemhulp.load(tmp_path / "out")) == quiz_to_exchange(quiz)


@pytest.fixture
def broken(mini_path, tmp_path) -> Path:
    """A writable copy of the mini quiz to break."""
    target = tmp_path / "quiz"
    shutil.copytree(mini_path, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


VALIDATION_CASES = {
    "duplicate statement id": (
        "statements/02-wonen.yaml",
        'id: "s3"',
        'id: "s1"',
        "02-wonen.yaml:2: duplicate statement id 's1'",
    ),
    "unknown statement": ("party_positions/rood.yaml", '"s3":', '"s9":', "rood.yaml:8: unknown statement 's9'"),
    "word not on the scale": (
        "party_positions/rood.yaml",
        "position: agree, weight: 2",
        "position: maybe, weight: 2",
        "position 'maybe' of 'rood' on 's3' is not on the scale",
    ),
    "negative weight": (
        "party_positions/blauw.yaml",
        "weight: 2",
        "weight: -2",
        "blauw.yaml:6: position of 'blauw' on 's1': weight must be a non-negative number, got -2",
    ),
    "scale too short": (
        "statements/quiz.yaml",
        "scale: [disagree, neutral, agree]",
        "scale: [agree]",
        "quiz.yaml:5: scale needs at least two options",
    ),
    "missing text": (
        "statements/01-zorg.yaml",
        '    text: "Mantelzorgers krijgen een jaarlijkse waardering."\n',
        "",
        "01-zorg.yaml:11: statement 's2': missing required key 'text'",
    ),
    "missing quiz title": (
        "statements/quiz.yaml",
        'title: "Mini-stemhulp"\n',
        "",
        "quiz.yaml:1: quiz: missing required key 'title'",
    ),
    "party without positions": ("party_positions/groen.yaml", "position: neutral,", "position: null,", None),
    "duplicate yaml key": ("party_positions/rood.yaml", '  "s2":', '  "s1":', "rood.yaml:7: duplicate key 's1'"),
    "axis out of range": (
        "statements/01-zorg.yaml",
        "axes: {collectief: 1.0}",
        "axes: {collectief: 1.5}",
        "loading must be in [-1, 1], got 1.5",
    ),
    "unknown axis": (
        "statements/01-zorg.yaml",
        "axes: {collectief: 1.0}",
        "axes: {links: 1.0}",
        "unknown axis 'links'",
    ),
    "yaml alias": (
        "party_positions/rood.yaml",
        '"t1": {position: agree, weight: 1, quote: "meer sociale huurwoningen"}',
        '"t1": &x {position: agree}\n  "t2": *x',
        "rood.yaml:10: invalid YAML: YAML aliases",
    ),
    "yaml object construction": (
        "party_positions/rood.yaml",
        'name: "Partij Rood"',
        'name: !!python/object/apply:os.system ["true"]',
        "rood.yaml:2: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
}


@pytest.mark.parametrize("case", VALIDATION_CASES, ids=list(VALIDATION_CASES))
def test_each_validation_error_names_file_line_and_value(broken, case):
    """Each kind of mistake is reported as file:line: message naming the value."""
    relative, old, new, expected = VALIDATION_CASES[case]
    if case == "party without positions":
        path = broken / relative
        path.write_text(
            path.read_text().replace("position: neutral", "position: null").replace("position: agree", "position: null")
        )
        expected = "groen.yaml:1: party 'groen' has no positions"
    else:
        _edit(broken / relative, old, new)
    assert expected in _problems(broken)
    assert stemhulp.validate(broken)  # validate returns the same problems without raising


def test_all_problems_are_reported_at_once(broken):
    """Two unrelated mistakes in two files both appear in one error."""
    _edit(broken / "party_positions/rood.yaml", '"s3":', '"s9":')
    _edit(broken / "party_positions/blauw.yaml", "weight: 2", "weight: -2")
    message = _problems(broken)
    assert "unknown statement 's9'" in message and "non-negative" in message


EXCHANGE = {
    "format": "stemhulp/1",
    "id": "x",
    "title": "X",
    "scale": ["disagree", "neutral", "agree"],
    "statements": [{"id": "s1", "theme": "T", "text": "A"}, {"id": "s2", "theme": "T", "text": "B"}],
    "parties": [{"id": "p", "name": "P"}],
    "positions": [{"party": "p", "statement": "s1", "position": "agree", "weight": 1.0, "quote": None, "source": None}],
}


def _broken_exchange(change) -> dict:
    document = copy.deepcopy(EXCHANGE)
    change(document)
    return document


JSON_CASES = {
    "unknown format": (lambda d: d.update(format="stemhulp/9"), "<mapping>: format: unknown format 'stemhulp/9'"),
    "missing positions": (lambda d: d.pop("positions"), "missing required key 'positions'"),
    "missing position key": (
        lambda d: d["positions"][0].pop("weight"),
        "<mapping>: positions[0]: position of 'p' on 's1': missing required key 'weight'",
    ),
    "unknown party": (lambda d: d["positions"][0].update(party="q"), "<mapping>: positions[0]: unknown party 'q'"),
    "duplicate party": (
        lambda d: d["parties"].append({"id": "p", "name": "P2"}),
        "<mapping>: parties[1]: duplicate party id 'p'",
    ),
    "negative weight": (
        lambda d: d["positions"][0].update(weight=-1),
        "<mapping>: positions[0].weight: position of 'p' on 's1': weight must be a non-negative number, got -1",
    ),
    "word not on scale": (
        lambda d: d["positions"][0].update(position="eens"),
        "position 'eens' of 'p' on 's1' is not on the scale",
    ),
    "statement not a mapping": (
        lambda d: d["statements"].append("s3"),
        "<mapping>: statements[2]: a statement must be a mapping, got 's3'",
    ),
}


@pytest.mark.parametrize("case", JSON_CASES, ids=list(JSON_CASES))
def test_exchange_errors_name_the_key(case):
    """stemhulp/1 problems are reported as `file: key.path: message`."""
    change, expected = JSON_CASES[case]
    assert expected in _problems(_broken_exchange(change))


def test_invalid_json_names_file_and_line(tmp_path):
    path = tmp_path / "quiz.json"
    path.write_text('{"format": "stemhulp/1",\n "id": }')
    assert f"{path}:2: invalid JSON" in _problems(path)


def test_missing_and_unknown_sources(tmp_path):
    assert "no such file or directory" in _problems(tmp_path / "nope")
    assert "not a quiz directory" in _problems(tmp_path)
    (tmp_path / "x.json").write_text("[1, 2]")
    assert "not a recognised quiz" in _problems(tmp_path / "x.json")


def test_quotes_are_checked_against_sources(mini_path, tmp_path):
    """Quotes match across line breaks and '…'; a missing fragment or document is a problem."""
    sources = FIXTURES / "programmes"
    problems = stemhulp.validate(mini_path, sources=sources)
    assert not any("'rood'" in p for p in problems)  # all of rood's quotes are in rood.txt
    assert any("blauw.txt: file not found" in p for p in problems)
    (tmp_path / "rood.txt").write_text("De gemeente betaalt de huishoudelijke hulp.")
    problems = stemhulp.validate(mini_path, sources=tmp_path)
    assert any(
        "'rood', statement 's2': quote fragment 'waardering voor mantelzorgers' not found" in p for p in problems
    )


def test_quote_fragments_must_appear_in_order():
    from stemhulp.formats.evidence import missing_fragment

    document = "Eerst dit.\u00a0Dan\n  dat."
    assert missing_fragment("Eerst dit. … Dan dat.", document) is None
    assert missing_fragment("Dan dat. … Eerst dit.", document) == "Eerst dit."
    assert missing_fragment("eerst dit", document) == "eerst dit"  # case is not normalised


def test_bundled_quiz_loads_by_default():
    """`load()` with no source gives the bundled quiz."""
    quiz = stemhulp.load()
    assert quiz.statements and quiz.parties


def test_party_order_survives_writing_twelve_parties(tmp_path):
    """Party files are numbered, so 12 parties read back in their order (not 0, 1, 10, 11, 2 …)."""
    from ..helpers import quiz_from_stances

    quiz = quiz_from_stances([[p % 3 for p in range(12)]], 3)
    write_native(quiz, tmp_path / "q")
    assert [p.id for p in stemhulp.load(tmp_path / "q").parties] == [p.id for p in quiz.parties]


def test_writing_into_a_non_empty_directory_is_refused(mini, tmp_path):
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "old.txt").write_text("x")
    with pytest.raises(stemhulp.QuizError, match="already exists and is not empty"):
        write_native(mini, tmp_path / "q")


def test_plain_yaml_is_built_from_events_as_the_careful_path_builds_it():
    # The fast path (libyaml's events, no line marks) must give the very data and raw spellings
    # the careful path gives (it keeps a spelling only where the value does not print as written),
    # and leave anything unusual to the careful path.
    from stemhulp.formats import safeyaml

    def at(data, path):
        for key in path:
            data = data[key]
        return data

    root = ROOT
    files = [*root.glob("statements/*.yaml"), *root.glob("party_positions/*.yaml"), *root.glob("tests/**/*.yaml")]
    nested = ["- [1, yes, {k: 007, l: [on, 1e3]}]\n- {m: [[0o7]], n: 1.0}\n", "a: [{b: [x, 010]}, Off]\n"]
    fast = 0
    for path in [*files, *nested]:
        text = path if isinstance(path, str) else path.read_text(encoding="utf-8")
        plain = safeyaml._plain_data(text)
        data, where, problems = safeyaml._parse_carefully(text, str(path))
        if plain is not safeyaml._CAREFUL:
            fast += 1
            fast_data, fast_raw = plain
            careful_raw = dict(where.raw or {})
            assert fast_data == data and problems == [] and fast_raw.items() <= careful_raw.items(), path
            for key_path, written in careful_raw.items():
                value = at(data, key_path)
                assert key_path in fast_raw or (type(value) is not bool and str(value) == written), key_path
    assert fast >= 10
    unusual = ["a: .inf\n", "a: 0x" + "F" * 38 + "\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: 2001-01-01\n"]
    unusual += ["? [a]\n: 1\n", "--- 1\n--- 2\n", "a: !!str 1\n", "<<: {a: 1}\n", "x: " + "[" * 40 + "]" * 40 + "\n"]
    for text in unusual:
        assert safeyaml._plain_data(text) is safeyaml._CAREFUL, text
    data, where, _ = safeyaml.parse_yaml_text("a:\n  b: yes\n  c: '007'\n  d: 007\n  e: 1.0\n  f: 1.5e+3\n", "f.yaml")
    assert data == {"a": {"b": True, "c": "007", "d": 7, "e": 1.0, "f": 1500.0}}
    assert (where / "a" / "d").raw_text() == "007" and str(where / "a" / "d") == "f.yaml:4"
    assert (where / "a" / "b").raw_text() == "yes" and (where / "a" / "f").raw_text() == "1.5e+3"


_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.sampled_from([" agree", "", "  ", "\tx"]),
    st.lists(st.integers(), max_size=1),
)
_TEXTS = st.one_of(st.none(), st.text(max_size=3), _ODD_VALUES)
_POSITION_ENTRIES = st.fixed_dictionaries(
    {"position": st.one_of(st.sampled_from(["agree", "neutral"]), _ODD_VALUES)},
    optional={
        "weight": st.one_of(st.floats(0, 10), st.sampled_from([0, 1, MAX_WEIGHT, MAX_WEIGHT * 2]), _ODD_VALUES),
        **{key: _TEXTS for key in ("quote", "source", "note", "explanation", "note_en", "coding_note")},
    },
)
_ODD_KEYS = st.one_of(st.just({}), st.dictionaries(st.sampled_from(["party", "statement", "other"]), _ODD_VALUES))


@settings(max_examples=400, deadline=None)
@given(_POSITION_ENTRIES, _ODD_KEYS, st.sampled_from(["s1", "s1", " s1", "", 7]))
def test_a_plain_position_is_what_the_checked_path_builds(data, odd_keys, statement):
    # The fast path skips `Position`'s validators: it may only accept what they and `build_position`
    # accept, and must make the very same record (extra included).
    from stemhulp.formats.build import Problems, build_position, plain_party_position, plain_position
    from stemhulp.formats.where import Where
    from stemhulp.quiz.model import Party, Position

    data = {**data, **odd_keys}
    party = Party("p1", "P", source="programme.pdf")
    made = plain_party_position(data, party, statement)
    if made is not None:
        problems = Problems()
        built = build_position(data, Where("x.yaml"), problems, "p1", statement)
        assert not problems.items and built is not None
        expected = attrs.evolve(built, source=data.get("source", party.source))
        assert made == expected and attrs.asdict(made) == attrs.asdict(expected) and type(made) is Position
    whole = {**data, "party": "p1", "statement": statement}
    made = plain_position(whole, frozenset(("party", "statement", "position")))
    if made is not None:
        problems = Problems()
        assert build_position(whole, Where("x.json"), problems, "p1", statement) == made and not problems.items


def test_checked_position_sets_every_field_of_position():
    import inspect

    from stemhulp.quiz.model import Position, checked_position

    names = [field.name for field in attrs.fields(Position)]
    assert list(inspect.signature(checked_position).parameters) == names[:-1] and names[-1] == "extra"
    values = ("p", "s", "agree", 2.0, "q", "src", "n", "e", "ne", "cn")
    assert checked_position(*values) == Position(*values)
    assert attrs.asdict(checked_position(*values)) == attrs.asdict(Position(*values))
