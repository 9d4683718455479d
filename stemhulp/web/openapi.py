"""The OpenAPI 3.1 description of `/api/v1`, written by hand so it says exactly what the API does."""

from __future__ import annotations

from typing import Any

from .._version import __version__
from ..matching.methods import METHOD_BY_NAME, POLICY_BY_NAME

_problems = {"$ref": "#/components/schemas/Problems"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _problems}}}


def openapi_document() -> dict[str, Any]:
    """The document served at /api/v1/openapi.json."""
    nullable_text = {"type": ["string", "null"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "stemhulp API",
            "version": __version__,
            "description": "Voting advice: the quiz as a stemhulp/1 document, and matching a person's answers.",
        },
        "servers": [{"url": "/"}],
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
                        "413": _error("The body is too large."),
                        "415": _error("The content type is not application/json."),
                        "422": _error("The answers do not fit the quiz (unknown ids, words, method or policy)."),
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
                    "required": ["answers"],
                    "properties": {
                        "answers": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "description": "Statement id → a scale option, a Dutch word, or 'skip'.",
                        },
                        "important": {"type": "array", "items": {"type": "string"}},
                        "parties": {"type": ["array", "null"], "items": {"type": "string"}, "minItems": 1},
                        "municipality": {
                            "type": ["string", "null"],
                            "description": "Compare this municipality's programmes (all, or `parties` within it).",
                        },
                        "method": {"enum": list(METHOD_BY_NAME)},
                        "missing": {"enum": list(POLICY_BY_NAME)},
                        "salience": {"type": "boolean"},
                        "quiz": {"type": "string"},
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
                    "required": ["quiz", "method", "missing", "salience", "results"],
                    "properties": {
                        "quiz": {"type": "string"},
                        "method": {"type": "string"},
                        "missing": {"type": "string"},
                        "salience": {"type": "boolean"},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/RankEntry"}},
                    },
                },
                "RankEntry": {
                    "type": "object",
                    "required": ["party", "name", "score", "rank", "coverage", "themes", "statements"],
                    "properties": {
                        "party": {"type": "string"},
                        "name": {"type": "string"},
                        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                        "rank": {"type": ["integer", "null"], "minimum": 1},
                        "coverage": {
                            "type": "object",
                            "required": ["answered", "with_stance"],
                            "properties": {"answered": {"type": "integer"}, "with_stance": {"type": "integer"}},
                        },
                        "themes": {"type": "object", "additionalProperties": {"type": ["number", "null"]}},
                        "statements": {
                            "type": "array",
                            "items": {
                                "type": "object",
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
                        },
                    },
                },
            }
        },
    }
