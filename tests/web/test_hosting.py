"""Hosting the quiz (issue 26 item 3) through Starlette's TestClient: a sub-path behind a proxy,
framing by chosen sites only, /healthz, gzip, ETag and caching, CORS headers on every error, `Allow`
on 405, duplicate JSON keys refused, and an OpenAPI document that describes every field of real
responses."""

from __future__ import annotations

import gzip
import json
import random
import re
import warnings

import pytest

pytest.importorskip("starlette")
jsonschema = pytest.importorskip("jsonschema")

import stemhulp  # noqa: E402
from stemhulp.matching.methods import METHODS, MISSING_POLICIES  # noqa: E402
from stemhulp.web import create_app  # noqa: E402

from .test_api import hidden_fields  # noqa: E402
from .web_quiz import web_document  # noqa: E402

ORIGIN = "https://gemeente.example"


@pytest.fixture(scope="module")
def quiz():
    return stemhulp.load(web_document())


def make_client(app, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(app, raise_server_exceptions=False, **options)


@pytest.fixture(scope="module")
def client(quiz):
    return make_client(create_app(quiz))


def local_urls(html: str) -> list[str]:
    """Every link, form action, asset and script address of a page."""
    return re.findall(r'(?:href|action|src)="([^"#][^"]*)"', html)


def test_every_link_form_and_asset_starts_with_the_root_path(mini):
    client = make_client(create_app(mini), root_path="/stemhulp")
    intro = client.get("/stemhulp/")
    assert intro.status_code == 200
    urls = local_urls(intro.text)
    assert {"/stemhulp/static/style.css", "/stemhulp/static/app.js", "/stemhulp/quiz"} <= set(urls)
    assert all(url.startswith("/stemhulp/") for url in urls), urls
    # Through the quiz to the result page: every page's addresses stay under the sub-path.
    page = intro.text
    for do, extra in [
        ("start", {}),
        ("answer:2", {}),
        ("answer:0", {}),
        ("answer:1", {}),
        ("next", {}),
        ("next", {"party": ["0", "1"]}),
    ]:
        response = client.post("/stemhulp/quiz", data={**hidden_fields(page), "do": do, **extra})
        assert response.status_code == 200, response.text
        page = response.text
        assert all(url.startswith("/stemhulp/") for url in local_urls(page)), local_urls(page)
    assert 'action="/stemhulp/download"' in page  # the result page
    resume = re.search(r'class="resume muted"><a href="([^"]+)"', page)
    assert resume and resume.group(1).startswith("/stemhulp/quiz?")
    assert client.get(resume.group(1).replace("&amp;", "&")).status_code == 200
    assert client.get("/stemhulp/static/style.css").status_code == 200
    assert client.get("/stemhulp/api/v1/openapi.json").json()["servers"] == [{"url": "/stemhulp"}]
    assert client.get("/api/v1/openapi.json").json()["servers"] == [{"url": "/stemhulp"}]  # the root is the server's
    missing = client.get("/stemhulp/api/v1/nothing")
    assert missing.status_code == 404 and "GET /api/v1/nothing" in missing.json()["problems"][0]


def test_no_site_may_frame_the_quiz_unless_listed(client, quiz):
    default = client.get("/")
    assert "frame-ancestors 'none'" in default.headers["content-security-policy"]
    assert default.headers["x-frame-options"] == "DENY"
    framed = make_client(create_app(quiz, frame_ancestors=[ORIGIN, "https://krant.example:8443"])).get("/")
    csp = framed.headers["content-security-policy"]
    assert f"frame-ancestors {ORIGIN} https://krant.example:8443" in csp and "script-src 'self'" in csp
    assert "x-frame-options" not in framed.headers  # it cannot name sites; the CSP does
    with pytest.raises(stemhulp.StemhulpError, match="--frame-ancestor '\\*'"):
        create_app(quiz, frame_ancestors=["*"])


def test_healthz(client, quiz):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "quiz": quiz.id}
    assert response.headers["cache-control"] == "no-store"


def test_pages_and_json_are_gzipped_for_clients_that_accept_it(client, quiz):
    answers = {"answers": {"s1": "eens", "s2": "oneens", "s3": "eens", "s4": "skip"}}
    for response in (
        client.get("/", headers={"accept-encoding": "gzip"}),
        client.post("/api/v1/match", json=answers, headers={"accept-encoding": "gzip"}),
        client.get("/api/v1/quiz", headers={"accept-encoding": "gzip"}),
    ):
        assert response.status_code == 200
        assert response.headers["content-encoding"] == "gzip" and "accept-encoding" in response.headers["vary"].lower()
    plain = client.post("/api/v1/match", json=answers, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert "accept-encoding" in plain.headers["vary"].lower()  # a cache keeps the plain and the gzipped apart
    assert plain.json() == json.loads(json.dumps(stemhulp.match(quiz, answers["answers"]).to_dict()))
    # The raw bytes on the wire really are gzip, and decode to the same document.
    with client.stream("POST", "/api/v1/match", json=answers, headers={"accept-encoding": "gzip"}) as raw:
        wire = b"".join(raw.iter_raw())
    assert json.loads(gzip.decompress(wire)) == plain.json() and len(wire) < len(plain.content)
    small = client.get("/healthz", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in small.headers  # too small to gain anything


def test_the_quiz_document_has_an_etag_and_is_cached(client):
    first = client.get("/api/v1/quiz")
    tag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag) and "max-age=" in first.headers["cache-control"]
    assert "public" in first.headers["cache-control"]
    again = client.get("/api/v1/quiz", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert client.get("/api/v1/quiz", headers={"if-none-match": '"other"'}).status_code == 200
    for path in ("/api/v1/methods", "/api/v1/openapi.json"):
        tagged = client.get(path)
        assert client.get(path, headers={"if-none-match": tagged.headers["etag"]}).status_code == 304
    asset = client.get("/static/style.css")
    assert asset.headers["cache-control"].startswith("public, max-age=") and asset.headers["etag"]
    assert client.get("/static/style.css", headers={"if-none-match": asset.headers["etag"]}).status_code == 304
    # What holds a person's answers is never stored.
    assert client.post("/api/v1/match", json={"answers": {}}).headers["cache-control"] == "no-store"
    assert client.get("/").headers["cache-control"] == "no-store"


def test_every_error_carries_the_cors_headers_when_cors_is_on(quiz, monkeypatch):
    app = create_app(quiz, cors_origins=[ORIGIN])
    client = make_client(app)
    origin = {"origin": ORIGIN}
    json_type = {**origin, "content-type": "application/json"}

    def streamed():
        for _ in range(100):
            yield b" " * 1000

    answers = [
        (client.post("/api/v1/match", content=b" " * 70_000, headers=json_type), 413),
        (client.post("/api/v1/match", content=streamed(), headers=json_type), 413),
        (client.get("/", headers={**origin, "x-big": "a" * 20_000}), 431),
        (client.get("/api/v1/match", headers=origin), 405),
        (client.get("/api/v1/nothing", headers=origin), 404),
        (client.post("/api/v1/match", content=b"{", headers=json_type), 400),
        (client.post("/api/v1/match", content=b"{}", headers={**origin, "content-type": "text/plain"}), 415),
        (client.post("/api/v1/match", json={"answers": {"zz": "eens"}}, headers=origin), 422),
    ]
    matcher = app.state.matchers(stemhulp.DEFAULT_METHOD, stemhulp.DEFAULT_MISSING)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(matcher, "match_known_many", broken)
    answers.append((client.post("/api/v1/match", json={"answers": {}}, headers=origin), 500))
    for response, status in answers:
        assert response.status_code == status, (status, response.text)
        assert response.headers["access-control-allow-origin"] == ORIGIN, status
        assert "content-security-policy" in response.headers, status
        body = response.json()
        assert set(body) == {"error", "problems"} and "Traceback" not in response.text and "a bug" not in response.text


def test_405_says_which_methods_are_allowed(client):
    assert client.get("/api/v1/match").headers["allow"] == "POST"
    assert client.post("/api/v1/quiz").headers["allow"] == "GET, HEAD"
    page = client.put("/quiz")
    assert page.status_code == 405 and page.headers["allow"] == "GET, HEAD, POST"


def test_a_json_body_with_a_duplicate_key_is_refused_like_a_file(client):
    body = b'{"answers": {"s1": "eens", "s1": "oneens"}}'
    response = client.post("/api/v1/match", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_json"
    assert any("duplicate" in p and "s1" in p for p in response.json()["problems"]), response.json()
    top = b'{"answers": {}, "answers": {"s1": "eens"}}'
    again = client.post("/api/v1/match", content=top, headers={"content-type": "application/json"})
    assert again.status_code == 400 and any("answers" in p for p in again.json()["problems"])


def random_request(quiz, rng: random.Random) -> tuple[dict, dict]:
    """A random answers document and query: any words, skips, marks, party subsets, municipality,
    method, policy and salience, now and then something wrong."""
    ids = [s.id for s in (*quiz.statements, *quiz.tiebreak_statements)]
    words = [*quiz.scale.options, "eens", "oneens", "geen van beide", "skip"]
    document: dict = {"answers": {i: rng.choice(words) for i in ids if rng.random() < 0.8}}
    if rng.random() < 0.5:
        document["important"] = rng.sample(ids, rng.randint(0, len(ids)))
    if rng.random() < 0.3:
        document["parties"] = rng.sample([p.id for p in quiz.parties], rng.randint(1, len(quiz.parties)))
    elif rng.random() < 0.2:
        document["municipality"] = rng.choice([p.municipality for p in quiz.parties if p.municipality])
    if rng.random() < 0.3:
        document["salience"] = rng.random() < 0.5
    if rng.random() < 0.05:
        document["answers"]["nope"] = "eens"
    query = {}
    method = rng.choice([m.name for m in METHODS])
    if rng.random() < 0.7 and (quiz.scale.size == 3 or not method.startswith(("stemwijzer", "wahlomat"))):
        query["method"] = method
    if rng.random() < 0.7:
        query["missing"] = rng.choice([p.name for p in MISSING_POLICIES])
    return document, query


@pytest.mark.parametrize("source", ["web", "bundled"])
def test_the_openapi_document_describes_every_field_of_real_responses(source):
    """Hundreds of random requests; every answer validates against the schema of its status, whose
    objects allow no field they do not describe (so a new field fails here until it is described)."""
    quiz = stemhulp.load(web_document()) if source == "web" else stemhulp.load()
    client = make_client(create_app(quiz))
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/match"]["post"]
    validator_for = {
        int(status): jsonschema.Draft202012Validator(
            {**answer["content"]["application/json"]["schema"], "components": spec["components"]}
        )
        for status, answer in operation["responses"].items()
    }
    request_validator = jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/Answers", "components": spec["components"]}
    )
    rng = random.Random(26)
    seen: dict[int, int] = {}
    ranked_false = 0
    for _ in range(300):
        document, query = random_request(quiz, rng)
        response = client.post("/api/v1/match", json=document, params=query)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code in validator_for, response.text
        validator_for[response.status_code].validate(response.json())
        if response.status_code == 200:
            request_validator.validate(document)
            entries = response.json()["results"]
            ranked_false += sum(not e["ranked"] for e in entries)
            # The schema's promise a client relies on: ranked parties first, an unranked one never ranked.
            flags = [e["ranked"] for e in entries]
            assert flags == sorted(flags, reverse=True)
    assert seen.get(200, 0) > 200 and seen.get(422, 0) > 0, seen
    assert ranked_false > 0  # unranked parties were among the answers checked
    schema = spec["components"]["schemas"]
    for name in ("MatchResult", "RankEntry", "Stability", "Provenance", "Comparison", "Answers"):
        assert schema[name]["additionalProperties"] is False, name
    assert {"ranked", "unranked_reason", "flags"} <= set(schema["RankEntry"]["required"])
    assert {"stability", "min_coverage", "provenance"} <= set(schema["MatchResult"]["required"])


def test_the_schema_refuses_an_undescribed_field_and_an_unranked_winner(client):
    spec = client.get("/api/v1/openapi.json").json()
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/MatchResult", "components": spec["components"]}
    )
    good = client.post("/api/v1/match", json={"answers": {"s1": "eens", "s3": "oneens"}}).json()
    validator.validate(good)
    extra = {**good, "surprise": 1}
    assert not validator.is_valid(extra)
    entry = {**good["results"][0], "ranked": False}  # unranked, yet holding rank 1
    assert not validator.is_valid({**good, "results": [entry, *good["results"][1:]]})
