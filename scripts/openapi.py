#!/usr/bin/env python3
"""Writes crates/server/src/openapi.json: the server's OpenAPI 3.1 document,
every request and response schema written out (JSON Schema 2020-12), so
that tests can validate real responses against it.

    python3 scripts/openapi.py      # rewrites the file; commit the result
"""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates" / "server" / "src" / "openapi.json"

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}

def obj(required, props, extra=False, desc=None):
    o = {"type": "object", "additionalProperties": extra, "required": required, "properties": props}
    if desc:
        o["description"] = desc
    return o

INT = {"type": "integer", "minimum": 0}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
NULLABLE_STR = {"type": ["string", "null"]}
# An exact value: a JSON number when the number is the value, else a string
# holding the exact decimal (or an ISO date for dates).
VALUE = {"type": ["number", "string", "null"],
         "description": "exact: a number when that number is the value, else the exact decimal or the ISO date as a string; null for a template number"}

SCHEMAS = {
    "Error": obj(["error"], {"error": obj(["code", "message"], {
        "code": {"type": "string", "enum": [
            "empty_body", "bad_body", "body_too_large", "unsupported_media_type", "invalid_utf8",
            "malformed_json", "invalid_request", "unauthorized", "not_found",
            "method_not_allowed", "timeout", "internal"]},
        "message": {"type": "string", "maxLength": 1024,
                    "description": "what is wrong and what to do; quotes at most an excerpt of the input"},
    })}),
    "MatchOptions": obj([], {"overlapping": BOOL, "strict": BOOL},
                        desc="the CLI's --overlapping and --strict"),
    "AnalyzeOptions": obj([], {"overlapping": BOOL, "strict": BOOL,
                               "numbers": {"type": "boolean", "description": "extract numbers (default true)"}}),
    "Document": obj(["text"], {
        "id": STR, "text": STR,
        "meta": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
                 "description": "metadata fields (year, region, …): scalars only; missing ones are inferred from the text as the CLI infers them"},
    }),
    "AnalyzeRequest": obj(["text"], {"text": STR, "id": STR, "options": ref("AnalyzeOptions")}),
    "CountRequest": obj(["documents"], {
        "documents": {"type": "array", "items": ref("Document")},
        "by": {"type": "array", "items": STR, "description": "group by these metadata fields (id and doc name the document)"},
        "options": ref("MatchOptions"), "all_phrases": BOOL}),
    "KwicRequest": obj(["phrases"], {
        "text": STR, "documents": {"type": "array", "items": ref("Document")},
        "phrases": {"type": "array", "items": STR,
                    "description": "phrases or variants; one the lexicon lacks is added for the request (SPEC §4)"},
        "width": INT, "options": ref("MatchOptions")}) | {
        "anyOf": [{"required": ["text"]},
                  {"required": ["documents"], "properties": {"documents": {"minItems": 1}}}],
        "description": "give `text`, or `documents` (at least one), or both"},
    "KeynessRequest": obj(["documents", "by", "target"], {
        "documents": {"type": "array", "items": ref("Document")},
        "by": {"type": "string", "description": "the field whose groups are compared (year, region, …)"},
        "target": {"type": "array", "items": STR, "description": "values of the field that make up the target"},
        "reference": {"type": "array", "items": STR,
                      "description": "values that make up the reference (default: every other value)"},
        "phrases": {"type": "array", "items": STR,
                    "description": "only these phrases (one the lexicon lacks is added), kept even at 0"},
        "yates": {"type": "boolean", "description": "also chi2 and p_chi2 (Yates' correction)"},
        "options": ref("MatchOptions")}),
    "KeynessRow": obj(["phrase", "category", "target_count", "target_chars", "reference_count",
                       "reference_chars", "target_per_10k", "reference_per_10k", "g2", "p", "log_ratio", "use"], {
        "phrase": STR, "category": STR, "target_count": INT, "target_chars": INT, "reference_count": INT,
        "reference_chars": INT, "target_per_10k": {"type": "number", "minimum": 0},
        "reference_per_10k": {"type": "number", "minimum": 0}, "g2": {"type": "number", "minimum": 0},
        "p": {"type": "number", "minimum": 0, "maximum": 1},
        "chi2": {"type": "number", "minimum": 0}, "p_chi2": {"type": "number", "minimum": 0, "maximum": 1},
        "log_ratio": {"type": ["number", "null"]},
        "use": {"type": "string", "enum": ["over", "under", "equal"]}},
        desc="as `tifa keyness` prints a row; chi2 and p_chi2 with `yates`"),
    "CollocatesRequest": obj(["phrase"], {
        "text": STR, "documents": {"type": "array", "items": ref("Document")},
        "phrase": {"type": "string", "description": "the node: a phrase or variant (one the lexicon lacks is added)"},
        "window": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "words each side (default 5)"},
        "chars": {"type": "integer", "minimum": 1, "maximum": 16,
                  "description": "character n-grams of this length instead of jieba-rs words"},
        "min_freq": INT, "min_co": INT,
        "sort": {"type": "string", "enum": ["g2", "mi", "t"]},
        "top": INT, "options": ref("MatchOptions")}) | {
        "anyOf": [{"required": ["text"]},
                  {"required": ["documents"], "properties": {"documents": {"minItems": 1}}}],
        "description": "give `text`, or `documents` (at least one), or both; the options of `tifa collocates`"},
    "CollocateRow": obj(["collocate", "observed", "freq", "expected", "g2", "mi", "t"], {
        "collocate": STR, "observed": INT, "freq": INT, "expected": {"type": "number", "minimum": 0},
        "g2": {"type": ["number", "null"], "description": "log-likelihood, negative when observed < expected"},
        "mi": {"type": ["number", "null"]}, "t": {"type": ["number", "null"]}}),
    "Collocates": obj(["node", "node_freq", "window_words", "corpus_words", "rows"], {
        "node": {"type": "string", "description": "the node's canonical phrase"},
        "node_freq": {**INT, "description": "f_n: the node's matches"},
        "window_words": {**INT, "description": "W: words covered by the windows, each once"},
        "corpus_words": {**INT, "description": "N: words of the documents"},
        "rows": {"type": "array", "items": ref("CollocateRow")}}),
    "ScanRecord": obj(["doc", "phrase", "category", "variant", "form", "quoted", "start", "end",
                       "char_start", "char_end", "line"], {
        "doc": STR, "phrase": STR, "category": STR, "variant": STR,
        "form": {"type": "string", "enum": ["literal", "expanded"]}, "quoted": BOOL,
        "start": INT, "end": INT, "char_start": INT, "char_end": INT, "line": {"type": "integer", "minimum": 1}}),
    "PhraseCount": obj(["phrase", "category", "count", "expanded"],
                       {"phrase": STR, "category": STR, "count": INT, "expanded": INT}),
    "NumberRecord": obj(["doc", "text", "start", "end", "char_start", "char_end", "kind", "value",
                         "value_high", "unit", "approx", "placeholder", "subject"], {
        "doc": STR, "text": STR, "start": INT, "end": INT, "char_start": INT, "char_end": INT,
        "kind": {"type": "string", "enum": ["cardinal", "percent", "money", "ordinal", "year", "date", "range"]},
        "value": VALUE, "value_high": VALUE, "unit": NULLABLE_STR, "approx": NULLABLE_STR,
        "placeholder": BOOL, "subject": NULLABLE_STR}),
    "Analysis": obj(["chars", "matches", "counts", "numbers"], {
        "chars": INT,
        "matches": {"type": "array", "items": ref("ScanRecord")},
        "counts": {"type": "array", "items": ref("PhraseCount")},
        "numbers": {"type": "array", "items": ref("NumberRecord")}}),
    "CountRow": obj(["phrase", "category", "count", "expanded", "docs", "chars", "per_10k"], {
        "phrase": STR, "category": STR, "count": INT, "expanded": INT, "docs": INT, "chars": INT,
        "per_10k": {"type": "number", "minimum": 0}},
        extra={"type": "string"},
        desc="the `by` fields first (strings; empty for documents without the field), then the count columns"),
    "KwicRecord": obj(["doc", "left", "match", "right", "start", "char_start"], {
        "doc": STR, "left": STR, "match": STR, "right": STR, "start": INT, "char_start": INT}),
    "Entry": obj(["phrase", "category"], {
        "phrase": STR, "category": STR,
        "variants": {"type": "array", "items": STR}, "members": {"type": "array", "items": STR},
        "note": STR}),
    "Health": obj(["status"], {"status": {"const": "ok"}}),
}

def error(desc):
    return {"description": desc, "content": {"application/json": {"schema": ref("Error")}}}

BODY_ERRORS = {
    "400": error("Malformed JSON, invalid UTF-8, or an empty JSON body"),
    "401": error("Missing or wrong bearer token (when the server runs with --token)"),
    "413": error("Body over --max-body (16 MiB by default)"),
    "415": error("A Content-Type the route does not take, or none"),
    "422": error("JSON that breaks the schema: a missing field, a wrong type (null included), an unknown field, "
                 "an array where an object belongs"),
    "503": {**error("Over --timeout; the work is abandoned"),
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}}},
}

def json_body(schema_name, text_too=False):
    content = {"application/json": {"schema": ref(schema_name)}}
    if text_too:
        content["text/plain"] = {"schema": {"type": "string", "description": "the text alone (may be empty)"}}
    return {"required": True, "content": content}

def ok(desc, schema, headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": schema}}}
    if headers:
        r["headers"] = headers
    return r

SECURED = [{}, {"bearer": []}]

PATHS = {
    "/v1/analyze": {"post": {
        "summary": "Matches, counts and numbers of one text",
        "security": SECURED,
        "requestBody": json_body("AnalyzeRequest", text_too=True),
        "responses": {"200": ok("The scan records, the counts and the number records of the text", ref("Analysis")),
                      **BODY_ERRORS}}},
    "/v1/count": {"post": {
        "summary": "The count table of a batch of documents",
        "security": SECURED,
        "requestBody": json_body("CountRequest"),
        "responses": {"200": ok("One row per group × phrase, as `tifa count --by …` prints",
                                {"type": "array", "items": ref("CountRow")},
                                {"tifa-note": {"schema": {"type": "string"},
                                               "description": "one per `by` field some documents lack (they form the empty group)"}}),
                      **BODY_ERRORS}}},
    "/v1/kwic": {"post": {
        "summary": "Concordance lines of phrases",
        "security": SECURED,
        "requestBody": json_body("KwicRequest"),
        "responses": {"200": ok("One line per match of the phrases asked for",
                                {"type": "array", "items": ref("KwicRecord")}),
                      **BODY_ERRORS}}},
    "/v1/keyness": {"post": {
        "summary": "Keyness of the phrases: a target group of documents against a reference",
        "security": SECURED,
        "requestBody": json_body("KeynessRequest"),
        "responses": {"200": ok("One row per phrase, largest G² first, as `tifa keyness` prints",
                                {"type": "array", "items": ref("KeynessRow")}),
                      **BODY_ERRORS}}},
    "/v1/collocates": {"post": {
        "summary": "Collocates of a phrase: the words around its matches, scored",
        "security": SECURED,
        "requestBody": json_body("CollocatesRequest"),
        "responses": {"200": ok("The totals of the counting model and one row per collocate, as `tifa collocates` prints",
                                ref("Collocates")),
                      **BODY_ERRORS}}},
    "/v1/lexicon": {"get": {
        "summary": "The lexicon in use",
        "security": SECURED,
        "responses": {"200": ok("Its entries, in order", {"type": "array", "items": ref("Entry")}),
                      "401": BODY_ERRORS["401"]}}},
    "/healthz": {"get": {"summary": "Liveness", "responses": {"200": ok("Up", ref("Health"))}}},
    "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {
        "200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"summary": "This description", "responses": {
        "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/": {"get": {"summary": "A web page to paste a text and see its phrases and numbers", "responses": {
        "200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
}

DOC = {
    "openapi": "3.1.0",
    "info": {"title": "tifa-server", "version": "0.1.0",
             "description": "Count and trace Chinese official formulations (提法) and the numbers around them, with the "
                            "semantics and records of the tifa CLI. Any route may also answer 404 or 405 "
                            "(`Error`) for a path or method it does not serve."},
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                       "description": "required on /v1/* when the server runs with --token"}},
    },
}

if __name__ == "__main__":
    OUT.write_text(json.dumps(DOC, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
