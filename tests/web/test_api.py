"""The JSON API and the pages through Starlette's TestClient: contract, bad input, safety headers."""

from __future__ import annotations

import json
import re
import warnings

import pytest

pytest.importorskip("starlette")
jsonschema = pytest.importorskip("jsonschema")

import stemhulp  # noqa: E402

from ..web.web_quiz import HOSTILE, web_document  # noqa: E402


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


def make_client(app, **options):
    """Starlette's TestClient (its note about httpx versions is not ours to act on)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(app, **options)


@pytest.fixture(scope="module")
def client(quiz):
    from stemhulp.web import create_app

    return make_client(create_app(quiz), raise_server_exceptions=False)


def check_problems(response, status: int, *fragments: str) -> list[str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "problems"} and body["problems"]
    assert "Traceback" not in response.text
    for fragment in fragments:
        assert any(fragment in problem for problem in body["problems"]), (fragment, body["problems"])
    return body["problems"]


def test_quiz_document_round_trips(client, quiz):
    response = client.get("/api/v1/quiz")
    assert response.status_code == 200
    document = response.json()
    assert document["format"] == "stemhulp/1"
    assert stemhulp.load(document) == quiz


def test_methods_lists_every_method(client):
    body = client.get("/api/v1/methods").json()
    assert [m["name"] for m in body["methods"]] == [m.name for m in stemhulp.matching.methods.METHODS]
    assert body["default_method"] == stemhulp.DEFAULT_METHOD


def test_match_is_exactly_result_to_dict(client, quiz):
    document = {
        "answers": {"s1": "eens", "s2": "skip", "s3": "disagree", "t1": "agree"},
        "important": ["s1"],
        "parties": ["a", "c", "d"],
        "quiz": "webtest",
    }
    response = client.post("/api/v1/match", json=document)
    assert response.status_code == 200
    expected = stemhulp.match(quiz, document["answers"], important=["s1"], parties=["a", "c", "d"])
    assert response.json() == expected.to_dict()


@pytest.mark.parametrize("where", ["query", "body"])
def test_match_method_and_missing(client, quiz, where):
    answers = {"s1": "agree", "s2": "disagree", "s4": "neutral"}
    options = {"method": "stemwijzer", "missing": "exclude"}
    if where == "query":
        response = client.post("/api/v1/match", params=options, json={"answers": answers})
    else:
        response = client.post("/api/v1/match", json={"answers": answers, **options})
    assert response.json() == stemhulp.match(quiz, answers, method="stemwijzer", missing="exclude").to_dict()


def test_openapi_document_describes_the_api(client, quiz):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    routes = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert routes == {
        ("/api/v1/quiz", "get"),
        ("/api/v1/methods", "get"),
        ("/api/v1/match", "post"),
        ("/api/v1/openapi.json", "get"),
        ("/healthz", "get"),
    }
    schemas = spec["components"]["schemas"]

    def validate(instance, name):
        jsonschema.validate(instance, {"$ref": f"#/components/schemas/{name}", "components": spec["components"]})

    validate(client.post("/api/v1/match", json={"answers": {"s1": "eens"}}).json(), "MatchResult")
    validate(client.get("/api/v1/methods").json(), "Methods")
    validate(client.post("/api/v1/match", json={"answers": {"zz": "eens"}}).json(), "Problems")
    validate({"answers": {"s1": "eens"}, "important": ["s1"], "parties": ["a"]}, "Answers")
    with pytest.raises(jsonschema.ValidationError):
        validate({"quiz": "x", "method": "m", "missing": "n", "salience": False, "results": [{}]}, "MatchResult")
    assert set(schemas["MatchResult"]["required"]) <= set(stemhulp.match(quiz, {}).to_dict())


BAD = [
    ("invalid JSON", b'{"answers": {', 400, "invalid JSON"),
    ("not UTF-8", b'{"answers": "\xff"}', 400, "UTF-8"),
    ("not an object", b"[1, 2]", 422, "JSON object"),
    ("no answers key", b"{}", 422, "missing required key 'answers'"),
    ("answers not a mapping", b'{"answers": ["eens"]}', 422, "answers must be a mapping"),
    ("unknown statement", b'{"answers": {"s99": "eens"}}', 422, "unknown statement id 's99'"),
    ("unknown word", b'{"answers": {"s1": "misschien"}}', 422, "unknown answer 'misschien'"),
    ("answer of a wrong type", b'{"answers": {"s1": 3}}', 422, "s1"),
    ("null answer", b'{"answers": {"s1": null}}', 422, "empty (null)"),
    ("unknown party", b'{"answers": {}, "parties": ["zz"]}', 422, "unknown party id 'zz'"),
    ("empty party list", b'{"answers": {}, "parties": []}', 422, "must not be empty"),
    ("important not a list", b'{"answers": {}, "important": "s1"}', 422, "must be a list of"),
    ("unknown important", b'{"answers": {}, "important": ["q"]}', 422, "unknown statement id 'q'"),
    ("other quiz", b'{"answers": {}, "quiz": "other"}', 422, "belong to quiz 'other'"),
    ("unknown method", b'{"answers": {}, "method": "magic"}', 422, "unknown method 'magic'"),
    ("method of a wrong type", b'{"answers": {}, "method": ["x"]}', 422, "method"),
    ("unknown missing policy", b'{"answers": {}, "missing": "ignore"}', 422, "unknown missing-stance policy"),
    ("salience not a boolean", b'{"answers": {}, "salience": "yes"}', 422, "salience"),
    ("deeply nested", b"[" * 100_000, 413, "larger than"),
]


@pytest.mark.parametrize(("name", "body", "status", "fragment"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_located_4xx(client, name, body, status, fragment):
    response = client.post("/api/v1/match", content=body, headers={"content-type": "application/json"})
    check_problems(response, status, fragment)


def test_nesting_within_the_size_limit_is_a_clean_400(client):
    response = client.post("/api/v1/match", content=b"[" * 60_000, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "Traceback" not in response.text


def test_huge_body_is_refused_without_reading_it(client):
    check_problems(
        client.post("/api/v1/match", content=b" " * 70_000, headers={"content-type": "application/json"}),
        413,
        "larger than 65536 bytes",
    )

    def chunks():  # no content-length: counted as it streams
        for _ in range(100):
            yield b" " * 1000

    check_problems(
        client.post("/api/v1/match", content=chunks(), headers={"content-type": "application/json"}), 413, "larger than"
    )


def test_wrong_method_type_and_path(client):
    check_problems(client.get("/api/v1/match"), 405, "GET /api/v1/match")
    check_problems(client.post("/api/v1/quiz"), 405)
    check_problems(client.get("/api/v1/nothing"), 404, "no such endpoint")
    check_problems(
        client.post("/api/v1/match", content=b'{"answers": {}}', headers={"content-type": "text/plain"}),
        415,
        "application/json",
    )


def test_security_headers_on_every_response(client):
    for response in (
        client.get("/"),
        client.get("/api/v1/quiz"),
        client.get("/static/style.css"),
        client.post("/api/v1/match", content=b"{"),
    ):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_cors_is_off_by_default_and_configurable(client, quiz):
    from stemhulp.web import create_app

    origin = {"origin": "https://app.example"}
    assert "access-control-allow-origin" not in client.get("/api/v1/quiz", headers=origin).headers
    open_client = make_client(create_app(quiz, cors_origins=["https://app.example"]))
    response = open_client.get("/api/v1/quiz", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://app.example"
    preflight = open_client.options(
        "/api/v1/match",
        headers={**origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"},
    )
    assert preflight.status_code == 200
    other = open_client.get("/api/v1/quiz", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def test_pages_escape_user_text_and_inline_no_script(client):
    page = client.post("/quiz", data={**hidden_fields(client.get("/").text), "do": "start"}).text
    assert HOSTILE not in page and "&lt;script&gt;alert(" in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert " style=" not in page and "http://" not in page and "https://" not in page


@pytest.mark.parametrize(
    "change",
    [
        {"a": "zzzz"},
        {"i": "2"},
        {"view": "elsewhere"},
        {"n": "99"},
        {"p": "7"},
        {"m": "x"},
        {"lang": "fr"},
        {"do": "answer:9"},
        {"do": "explode"},
        {"n": "9" * 5000},
    ],
)
def test_a_tampered_page_is_a_clear_400(client, change):
    fields = {
        **hidden_fields(client.post("/quiz", data={**hidden_fields(client.get("/").text), "do": "start"}).text),
        "do": "skip",
        **change,
    }
    response = client.post("/quiz", data=fields)
    assert response.status_code == 400 and "Traceback" not in response.text
    assert "Deze pagina klopt niet" in response.text or "This page is not valid" in response.text


def test_download_formats_and_a_bad_format(client, quiz):
    start = hidden_fields(client.post("/quiz", data={**hidden_fields(client.get("/").text), "do": "start"}).text)
    fields = {**start, "a": "22s0--", "view": "result"}
    expected = stemhulp.match(quiz, {"s1": "agree", "s2": "agree", "s3": "skip", "s4": "disagree"})
    response = client.post("/download", data={**fields, "fmt": "json"})
    assert response.json()["result"] == expected.to_dict()  # the result file of `stemhulp.dialogue.documents`
    assert response.headers["content-disposition"] == 'attachment; filename="stemhulp-uitslag.json"'
    assert client.post("/download", data={**fields, "fmt": "md"}).headers["content-type"].startswith("text/markdown")
    assert client.post("/download", data={**fields, "fmt": "exe"}).status_code == 400


def test_logs_hold_no_answers(client, caplog, quiz):
    from stemhulp.dialogue.flow import fingerprint

    q = fingerprint(quiz)
    with caplog.at_level("INFO", logger="stemhulp.web"):
        client.post("/api/v1/match", json={"answers": {"s1": "helemaal eens"}})
        client.post(
            "/quiz",
            data={"lang": "nl", "a": "22s0--", "i": "000000", "view": "statement", "n": "0", "q": q, "do": "answer:2"},
        )
        client.get(f"/quiz?lang=nl&a=22s0--&i=000000&view=statement&n=1&q={q}")  # a resume link
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/v1/match 422" in logged and "POST /quiz 200" in logged and "GET /quiz 200" in logged
    assert "helemaal" not in logged and "22s0" not in logged


def test_create_app_refuses_a_method_that_does_not_fit(quiz):
    from stemhulp.web import create_app

    with pytest.raises(stemhulp.MatchError, match="unknown method"):
        create_app(quiz, method="nope")


def test_concurrent_requests_agree(client, quiz):
    from concurrent.futures import ThreadPoolExecutor

    documents = [{"answers": {"s1": w1, "s2": w2}} for w1 in ("eens", "oneens", "skip") for w2 in ("eens", "skip")]
    with ThreadPoolExecutor(4) as pool:
        bodies = list(pool.map(lambda d: client.post("/api/v1/match", json=d).json(), documents * 3))
    for document, body in zip(documents * 3, bodies, strict=True):
        assert body == json.loads(json.dumps(stemhulp.match(quiz, document["answers"]).to_dict()))


def test_a_quiz_document_with_a_number_orjson_refuses_is_still_served():
    import json

    from stemhulp.web.api import _document_json

    document = {"extra": {"count": 2**70, "text": "één"}}
    assert json.loads(_document_json(document)) == document
    assert json.loads(_document_json({"a": [1.5, None, "x"]})) == {"a": [1.5, None, "x"]}
