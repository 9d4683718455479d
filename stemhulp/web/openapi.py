"""The OpenAPI 3.1 description of `/api/v1`, written by hand so it says exactly what the API does."""

from __future__ import annotations

from typing import Any

from .._version import __version__
from ..matching.methods import METHOD_BY_NAME, POLICY_BY_NAME
from ..matching.unranked import UNRANKED_REASONS
from ..quiz.profiles import FLAGS

_problems = {"$ref": "#/components/schemas/Problems"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _problems}}}


def openapi_document(root_path: str = "") -> dict[str, Any]:
    """The document served at /api/v1/openapi.json; `root_path` is the sub-path the server is
    reached under behind a reverse proxy (`serve --root-path`)."""
    nullable_text = {"type": ["string", "null"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "stemhulp API",
            "version": __version__,
            "description": "Voting advice: the quiz as a stemhulp/1 document, and matching a person's answers.",
        },
        "servers": [{"url": root_path or "/"}],
        "paths": {
            "/api/v1/quiz": {
                "get": {
                    "operationId": "getQuiz",
                    "summary": "The quiz as one stemhulp/1 document.",
                    "responses": {
                        "200": {
                            "description": "The quiz.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": [
                                            "format",
                                            "id",
                                            "title",
                                            "scale",
                                            "statements",
                                            "parties",
                                            "positions",
                                        ],
                                        "properties": {"format": {"const": "stemhulp/1"}},
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/methods": {
                "get": {
                    "operationId": "getMethods",
                    "summary": "The matching methods and missing-stance policies.",
                    "responses": {
                        "200": {
                            "description": "Methods and policies.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Methods"}}},
                        }
                    },
                }
            },
            "/api/v1/match": {
                "post": {
                    "operationId": "match",
                    "summary": "Score an answers document against the parties.",
                    "description": (
                        "Returns exactly what `stemhulp match --json` prints. `method`, `missing` and "
                        "`salience` may be given as query parameters or as body keys (query wins)."
                    ),
                    "parameters": [
                        {"name": "method", "in": "query", "schema": {"enum": list(METHOD_BY_NAME)}},
                        {"name": "missing", "in": "query", "schema": {"enum": list(POLICY_BY_NAME)}},
                        {"name": "salience", "in": "query", "schema": {"enum": ["true", "false"]}},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answers"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "The ranking, best first.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatchResult"}}},
                        },
                        "400": _error("The body is not JSON."),
                        "405": _error("Only POST is allowed (the `Allow` header says so)."),
                        "413": _error("The body is too large."),
                        "415": _error("The content type is not application/json."),
                        "422": _error("The answers do not fit the quiz (unknown ids, words, method or policy)."),
                        "431": _error("The request line and headers are too large."),
                        "500": _error("The server could not answer."),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether this worker answers (for a load balancer or a container's health check).",
                    "responses": {
                        "200": {
                            "description": "The worker is up and holds the quiz.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["status", "quiz"],
                                        "properties": {"status": {"const": "ok"}, "quiz": {"type": "string"}},
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This document.",
                    "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {}}}},
                }
            },
        },
        "components": {
            "schemas": {
                "Problems": {
                    "type": "object",
                    "required": ["error", "problems"],
                    "properties": {
                        "error": {"type": "string"},
                        "problems": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Located messages, as the command line prints them.",
                        },
                    },
                },
                "Answers": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["answers"],
                    "properties": {
                        "answers": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "description": "Statement id → a scale option, a Dutch word, or 'skip'.",
                        },
                        "important": {"type": "array", "items": {"type": "string"}},
                        "dealbreakers": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Deal-breaker statement ids: a party on the other side of one (agree "
                            "versus disagree; neutral and no stance are on no side) is not ranked and is listed "
                            "last, in `excluded`, with the statements in its `excluded_by`.",
                        },
                        "parties": {"type": ["array", "null"], "items": {"type": "string"}, "minItems": 1},
                        "municipality": {
                            "type": ["string", "null"],
                            "description": "Compare this municipality's programmes (all, or `parties` within it).",
                        },
                        "method": {"enum": list(METHOD_BY_NAME)},
                        "missing": {"enum": list(POLICY_BY_NAME)},
                        "salience": {"type": "boolean"},
                        "quiz": {"type": "string", "description": "Refused unless it is the served quiz's id."},
                        "lang": {"type": "string", "description": "Accepted and ignored (answers files carry it)."},
                        "version": {"description": "Accepted and ignored (answers files carry it)."},
                    },
                },
                "Methods": {
                    "type": "object",
                    "required": ["default_method", "default_missing", "methods", "missing"],
                    "properties": {
                        "default_method": {"type": "string"},
                        "default_missing": {"type": "string"},
                        "methods": {"type": "array"},
                        "missing": {"type": "array"},
                    },
                },
                "MatchResult": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "quiz",
                        "method",
                        "missing",
                        "salience",
                        "results",
                        "dealbreakers",
                        "excluded",
                        "min_coverage",
                        "stability",
                        "provenance",
                    ],
                    "properties": {
                        "quiz": {"type": "string"},
                        "method": {"enum": list(METHOD_BY_NAME)},
                        "missing": {"enum": list(POLICY_BY_NAME)},
                        "salience": {"type": "boolean"},
                        "results": {
                            "type": "array",
                            "description": (
                                "Every compared party: the ranked ones best first (ties share a rank, "
                                "ordered by name), then the unranked ones (`ranked` false, `rank` null), "
                                "and last the parties excluded by a deal-breaker. Never show an unranked "
                                "party as the advice."
                            ),
                            "items": {"$ref": "#/components/schemas/RankEntry"},
                        },
                        "dealbreakers": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "The statements marked as deal-breakers (the request's `dealbreakers`).",
                        },
                        "excluded": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": (
                                "The parties on the other side of a deal-breaker, in their order in `results`: "
                                "show them apart, never as the advice."
                            ),
                        },
                        "min_coverage": {
                            "type": "number",
                            "minimum": 0,
                            "maximum": 1,
                            "description": "The coverage rule: the share of your answers a party needs a stance on.",
                        },
                        "stability": {
                            "anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Stability"}],
                            "description": "How firm the top advice is.",
                        },
                        "provenance": {"$ref": "#/components/schemas/Provenance"},
                    },
                },
                "Stability": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["top_share", "resamples", "seed", "methods", "methods_agree"],
                    "properties": {
                        "top_share": {
                            "type": ["number", "null"],
                            "minimum": 0,
                            "maximum": 1,
                            "description": (
                                "The share of bootstrap resamples of your answered statements in which the top "
                                "party stays on top (ties split); null when no party is ranked."
                            ),
                        },
                        "resamples": {"type": "integer", "minimum": 1},
                        "seed": {"type": "integer", "description": "The seed of the fixed draws."},
                        "methods": {
                            "type": "object",
                            "propertyNames": {"enum": list(METHOD_BY_NAME)},
                            "additionalProperties": {"type": "boolean"},
                            "description": "Per other method on this scale: whether it gives the same top party.",
                        },
                        "methods_agree": {"type": "boolean"},
                    },
                },
                "Provenance": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["stemhulp", "quiz", "quiz_fingerprint", "seed", "settings"],
                    "properties": {
                        "stemhulp": {"type": "string", "description": "The stemhulp version."},
                        "quiz": {"type": ["string", "null"]},
                        "quiz_fingerprint": {"type": ["string", "null"], "pattern": "^sha256:[0-9a-f]{64}$"},
                        "seed": {"type": ["integer", "null"]},
                        "settings": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["method", "missing", "salience", "min_coverage"],
                            "properties": {
                                "method": {"enum": list(METHOD_BY_NAME)},
                                "missing": {"enum": list(POLICY_BY_NAME)},
                                "salience": {"type": "boolean"},
                                "min_coverage": {"type": "number", "minimum": 0, "maximum": 1},
                            },
                        },
                    },
                },
                "RankEntry": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "party",
                        "name",
                        "score",
                        "rank",
                        "coverage",
                        "themes",
                        "statements",
                        "ranked",
                        "unranked_reason",
                        "flags",
                        "excluded_by",
                    ],
                    "properties": {
                        "party": {"type": "string"},
                        "name": {"type": "string"},
                        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                        "rank": {"type": ["integer", "null"], "minimum": 1},
                        "coverage": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["answered", "with_stance", "share"],
                            "properties": {
                                "answered": {"type": "integer", "minimum": 0},
                                "with_stance": {"type": "integer", "minimum": 0},
                                "share": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                            },
                        },
                        "themes": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
                        "statements": {"type": "array", "items": {"$ref": "#/components/schemas/Comparison"}},
                        "ranked": {
                            "type": "boolean",
                            "description": "False: listed after the ranked parties, with no rank (the coverage rule).",
                        },
                        "unranked_reason": {
                            "enum": [*(reason.reason for reason in UNRANKED_REASONS), None],
                            "description": "Why the party has no rank; null when it is ranked.",
                        },
                        "flags": {
                            "type": "array",
                            "items": {"enum": list(FLAGS)},
                            "description": "; ".join(f"{code}: {meaning}" for code, meaning in FLAGS.items()),
                        },
                        "excluded_by": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": (
                                "The deal-breakers this party is on the other side of; empty when none "
                                "(then it is not excluded). An excluded party is never ranked."
                            ),
                        },
                    },
                    "if": {"properties": {"ranked": {"const": True}}},
                    "then": {
                        "properties": {
                            "rank": {"type": "integer"},
                            "score": {"type": "number"},
                            "unranked_reason": {"const": None},
                        }
                    },
                    "else": {"properties": {"rank": {"const": None}, "unranked_reason": {"type": "string"}}},
                },
                "Comparison": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "statement",
                        "theme",
                        "answer",
                        "important",
                        "position",
                        "agreement",
                        "quote",
                        "source",
                    ],
                    "properties": {
                        "statement": {"type": "string"},
                        "theme": {"type": "string"},
                        "answer": nullable_text,
                        "important": {"type": "boolean"},
                        "position": nullable_text,
                        "agreement": {"enum": ["agree", "partly", "disagree", "no_stance", "skipped"]},
                        "quote": nullable_text,
                        "source": nullable_text,
                    },
                },
            }
        },
    }
