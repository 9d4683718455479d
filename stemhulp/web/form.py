"""The one reading of a submitted web form: text fields only (a file part is refused, naming its field),
and whole numbers through `numbers.whole_number`, so no form value can reach a 500."""

from __future__ import annotations

from starlette.datastructures import ImmutableMultiDict
from starlette.requests import Request

from ..errors import AnswersError
from ..formats.numbers import whole_number, whole_numbers

MAX_FIELDS = 2_000  # form fields in one request: a quiz page has one per statement at most


async def form_fields(request: Request) -> ImmutableMultiDict[str, str]:
    """The form's fields as text; an `AnswersError` for a file part or too many fields."""
    try:
        form = await request.form(max_files=1, max_fields=MAX_FIELDS)  # one, to name its field
    except AnswersError:
        raise
    except Exception as error:  # starlette's MultiPartException, a malformed multipart body
        raise AnswersError(f"form: cannot read the submitted form ({error})") from None
    files = [key for key, value in form.multi_items() if not isinstance(value, str)]
    if files:
        raise AnswersError(f"form: {files[0]}: a file was sent where a text field was expected")
    return ImmutableMultiDict([(key, value) for key, value in form.multi_items() if isinstance(value, str)])


def option(text: str, upper: int) -> int:
    """A number 0…upper-1 from a form value; an `AnswersError` otherwise."""
    return whole_number(text, "form", low=0, high=upper - 1, error=AnswersError)


def numbers(text: str, upper: int, field: str) -> list[int]:
    """Comma-separated numbers 0…upper-1 (blank: none), each once, in order."""
    return list(dict.fromkeys(whole_numbers(text, field, low=0, high=upper - 1, error=AnswersError)))
