"""The answers file: `{"answers": {id: word}, "important": [ids], "dealbreakers": [ids], "parties": [ids]}`,
read, checked against a quiz with every problem located, and written atomically."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import AnswersError, StemhulpError
from ..limits import MAX_FILE_BYTES, MAX_STATEMENTS, MAX_YAML_BYTES
from ..quiz.answers import SKIP as SKIP
from ..quiz.answers import AnswerSet as AnswerSet
from ..quiz.model import Quiz
from ..texts.i18n import Phrase
from .atomic import write_text_atomic
from .build import describe
from .reading import parse_json, plain_problems
from .safeyaml import parse_yaml_text, read_text
from .where import Where

_DOCUMENT_KEYS = ("answers", "important", "parties", "dealbreakers")  # the rest are kept as `extra`


def canonical_answers(
    quiz: Quiz, answers: Mapping[Any, Any], where: Where | None = None
) -> tuple[dict[str, int | None], list[str]]:
    """Parse answer words into option indices (None = skip) and collect located problems."""
    where = where or Where("answers")
    codes: dict[str, int | None] = {}
    problems: list[str] = []
    if not isinstance(answers, Mapping):
        return codes, [Phrase("err_answers_shape", at=where, got=describe(answers))]
    for key, word in answers.items():
        statement_id = str(key)
        at = where / statement_id
        if statement_id not in quiz.statement_by_id:
            problems.append(Phrase("err_unknown_statement", at=at, id=statement_id))
            continue
        if word is None:
            problems.append(Phrase("err_empty_answer", at=at, id=statement_id))
            continue
        try:
            codes[statement_id] = quiz.scale.parse_answer(word)
        except ValueError:
            words = quiz.scale.accepted_words()
            problems.append(Phrase("err_bad_answer", at=at, id=statement_id, word=word, words=words))
    return codes, problems


_IDS = {"statements": ("err_statement_ids", "err_statement_id"), "parties": ("err_party_ids", "err_party_id")}


def check_ids(
    values: Any, known: Mapping[str, Any], where: Where, what: str, *, allow_empty: bool = True
) -> tuple[list[str], list[str]]:
    """Ids from a list (`what` is 'statements' or 'parties'), as strings, a problem per unknown one."""
    label = where.path[-1] if where.path else what  # the key, also where a YAML location shows only a line
    if not isinstance(values, Sequence) or isinstance(values, (str, bytes)):
        return [], [Phrase("err_ids_not_list", at=where, label=label, what=Phrase(_IDS[what][0]), got=describe(values))]
    if len(values) > MAX_STATEMENTS:
        return [], [Phrase("err_ids_too_many", at=where, label=label, limit=f"{MAX_STATEMENTS:,}")]
    wrong: list[str] = [
        Phrase("err_id_type", at=where / i, label=label, got=describe(v))
        for i, v in enumerate(values)
        if isinstance(v, bool) or not isinstance(v, (str, int))
    ]
    if wrong:
        return [], wrong
    ids = [str(value) for value in values]
    kind = Phrase(_IDS[what][1])
    problems: list[str] = [
        Phrase("err_unknown_id", at=where / i, what=kind, id=v) for i, v in enumerate(ids) if v not in known
    ]
    if not ids and not allow_empty:
        problems.append(Phrase("err_parties_empty", at=where))
    return ids, problems


def answer_set_from_mapping(data: Any, quiz: Quiz, where: Where | None = None) -> AnswerSet:
    """Validate an answers document against `quiz`; every problem is reported at once."""
    where = where or Where("answers")
    if not isinstance(data, Mapping):
        raise AnswersError(Phrase("err_answers_not_mapping", at=where))
    if "answers" not in data:
        raise AnswersError(Phrase("err_answers_missing", at=where))
    problems = plain_problems(data, str(where))
    if problems:
        raise AnswersError(problems)
    codes, more = canonical_answers(quiz, data["answers"], where / "answers")
    problems += more
    important, more = check_ids(data.get("important", []), quiz.statement_by_id, where / "important", "statements")
    problems += more
    dealbreakers, more = check_ids(
        data.get("dealbreakers", []), quiz.statement_by_id, where / "dealbreakers", "statements"
    )
    problems += more
    parties = data.get("parties")
    if parties is not None:
        parties, more = check_ids(parties, quiz.party_by_id, where / "parties", "parties", allow_empty=False)
        problems += more
    quiz_id = data.get("quiz")
    if quiz_id is not None and str(quiz_id) != quiz.id:
        problems.append(Phrase("err_other_quiz", at=where / "quiz", theirs=str(quiz_id), ours=quiz.id))
    if problems:
        raise AnswersError(problems)
    words = {sid: SKIP if code is None else quiz.scale.options[code] for sid, code in codes.items()}
    extra = {key: value for key, value in data.items() if key not in _DOCUMENT_KEYS}
    return AnswerSet(words, important, parties, extra, dict.fromkeys(dealbreakers))


def read_answers(path: str | Path, quiz: Quiz) -> AnswerSet:
    """Read an answers file (YAML or JSON) and validate it against `quiz`."""
    path = Path(path)
    is_json = path.suffix.lower() == ".json"
    try:
        text = read_text(path, MAX_FILE_BYTES if is_json else MAX_YAML_BYTES)
    except StemhulpError as error:
        raise AnswersError(error.problems) from None
    if is_json:
        try:
            data, where = parse_json(text, str(path)), Where(str(path))
        except StemhulpError as error:
            raise AnswersError(error.problems) from None
    else:
        try:
            data, where, problems = parse_yaml_text(text, str(path))
        except StemhulpError as error:
            raise AnswersError(error.problems) from None
        if problems:
            raise AnswersError(problems)
    return answer_set_from_mapping(data, quiz, where)


def write_answers(path: str | Path, answer_set: AnswerSet) -> None:
    """Write the answers file atomically (JSON, or YAML when the name ends in .yaml/.yml)."""
    path = Path(path)
    data = answer_set.to_dict()
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(path, text)
