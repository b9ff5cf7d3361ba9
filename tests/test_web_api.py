"""The HTTP API: every endpoint, every error code, and never a 500 for any body."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the web tests need the web extra: pip install '.[web]'")

import uvicorn
from starlette.testclient import TestClient

import shjzz
from conftest import case_files, load_case, person, run, shared_case_dir
from shjzz._schema import applicant_schema
from shjzz.cli import catalogue_json, main
from shjzz.web import create_app
from shjzz.web._body import MAX_BODY_BYTES
from shjzz.web._openapi import openapi
from strategies import applicants

CASE_02 = load_case(shared_case_dir() / "02-junior-college-two-years.json")


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def error(response, status):
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["status"] == status
    return body


def paths(response):
    return [p["path"] for p in error(response, 422)["problems"]]


# --- score ---------------------------------------------------------------------------


def test_score_is_the_cli_json(client):
    r = client.post("/api/v1/score", json={"applicant": CASE_02["applicant"], "on": CASE_02["on"]})
    assert r.status_code == 200
    expected = shjzz.unstructure(
        shjzz.score(shjzz.load_applicant(CASE_02["applicant"]), on=dt.date(2024, 9, 15))
    )
    assert r.json() == json.loads(json.dumps(expected))
    assert r.json()["total"] == CASE_02["expect"]["total"]


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.stem)
def test_score_bytes_are_unstructure_as_compact_json(client, case):
    """The endpoint's fast encoder writes what ``unstructure`` and ``json.dumps`` would."""
    data = load_case(case)
    options = {k: data[k] for k in ("policy", "readings") if k in data}
    r = client.post(
        "/api/v1/score", json={"applicant": data["applicant"], "on": data["on"], **options}
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    result = run(data["applicant"], data["on"], **options)
    expected = json.dumps(shjzz.unstructure(result), ensure_ascii=False, separators=(",", ":"))
    assert r.content == expected.encode()


def test_score_pins_a_policy(client):
    r = client.post(
        "/api/v1/score", json={"applicant": person(), "on": "2024-06-01", "policy": "2018"}
    )
    assert r.json()["policy"] == "2018"
    assert r.json()["warnings"]


def test_score_always_passes_readings_none_chosen_by_default(client, monkeypatch):
    seen = []
    real = shjzz.score

    def spy(applicant, **kwargs):
        seen.append(dict(kwargs))
        return real(applicant, **kwargs)

    monkeypatch.setattr(shjzz, "score", spy)
    body = {"applicant": person(), "on": "2024-06-01"}
    client.post("/api/v1/score", json=body)
    client.post("/api/v1/score", json={**body, "readings": {"R-4": "strict"}})
    assert [s["readings"] for s in seen] == [None, {"R-4": "strict"}]


def test_score_under_a_chosen_reading(client):
    case = load_case(shared_case_dir() / "14-qualification-no-base-condition.json")
    body = {"applicant": case["applicant"], "on": case["on"]}
    default = client.post("/api/v1/score", json=body).json()
    assert (default["total"], default["readings"]["R-6"]) == (142, "literal")
    assert [(a["reading"], a["choice"], a["total"]) for a in default["alternatives"]] == [
        ("R-6", "as-title", 92)
    ]
    chosen = client.post("/api/v1/score", json={**body, "readings": {"R-6": "as-title"}}).json()
    assert (chosen["total"], chosen["meets_standard"], chosen["readings"]["R-6"]) == (
        92,
        False,
        "as-title",
    )


@pytest.mark.parametrize("endpoint", ["/api/v1/score", "/api/v1/plan"])
@pytest.mark.parametrize("readings", [{"R-4": "loose"}, {"R-9": "strict"}, {"R-1": "x"}])
def test_an_unknown_reading_is_422_naming_readings(client, endpoint, readings):
    body = {"applicant": person(), "on": "2024-06-01", "readings": readings}
    with pytest.raises(shjzz.errors.UnknownReading) as raised:
        shjzz.score(shjzz.load_applicant(person()), on=dt.date(2024, 6, 1), readings=readings)
    problems = error(client.post(endpoint, json=body), 422)["problems"]
    assert problems == [{"path": "readings", "message": str(raised.value), "candidates": []}]


def test_an_invalid_applicant_is_422_with_field_paths(client):
    bad = {"birth_date": "1990-02-30", "social_insurance": [{"from": "2020-01", "base": "x"}]}
    r = client.post("/api/v1/score", json={"applicant": bad, "lang": "en"})
    body = error(r, 422)
    assert body["title"] == "invalid applicant"
    assert [p["path"] for p in body["problems"]] == [
        "applicant.birth_date",
        "applicant.social_insurance[0].base",
    ]


def test_a_quoted_key_path_joins_without_a_dot(client):
    body = {"applicant": {"birth_date": "1990-01-01", "a b": 1}}
    assert paths(client.post("/api/v1/score", json=body)) == ['applicant["a b"]']


def test_an_ambiguous_name_lists_its_candidates_apart(client):
    cert = {"kind": "skill", "name": "程序员", "level": 3}
    body = {"applicant": {"birth_date": "1990-01-01", "certificates": [cert]}}
    (problem,) = error(client.post("/api/v1/score", json=body), 422)["problems"]
    assert problem["path"] == "applicant.certificates[0].name"
    assert problem["candidates"]
    assert "candidates" not in problem["message"]
    assert not problem["message"].startswith("certificates")


def test_a_top_level_applicant_problem_names_applicant(client):
    assert paths(client.post("/api/v1/score", json={"applicant": [1]})) == ["applicant"]


def test_error_titles_follow_lang(client):
    body = {"applicant": {"birth_date": "x"}}
    assert error(client.post("/api/v1/score", json=body), 422)["title"] == "申请人信息有误"
    en = client.post("/api/v1/score", json={**body, "lang": "en"})
    assert error(en, 422)["title"] == "invalid applicant"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, ["applicant"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "x": 1}, ["x"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "on": "2024"}, ["on"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "on": "2023-02-30"}, ["on"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "on": 20240101}, ["on"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "policy": 2018}, ["policy"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "policy": "1999"}, ["policy"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "on": "2000-01-01"}, ["on"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "readings": ["R-4"]}, ["readings"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "readings": {"R-4": 1}}, ["readings"]),
        ({"applicant": {"birth_date": "1990-01-01"}, "lang": "fr"}, ["lang"]),
    ],
)
def test_bad_request_fields_are_422_naming_them(client, body, where):
    assert paths(client.post("/api/v1/score", json=body)) == where


def test_every_request_problem_is_reported_at_once(client):
    body = {"applicant": {"birth_date": "1990-01-01"}, "on": "x", "lang": "fr", "y": 0}
    assert sorted(paths(client.post("/api/v1/score", json=body))) == ["lang", "on", "y"]


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"3", b"null"])
def test_a_body_that_is_not_an_object_is_422(client, body):
    assert paths(client.post("/api/v1/score", content=body)) == [""]


@pytest.mark.parametrize(
    "body", [b"{", b"", b"\xff\xfe", b'{"a": NaN}', b'{"a": Infinity}', b"[" * 100_000, b"1" * 5000]
)
def test_a_body_that_is_not_json_is_400(client, body):
    assert error(client.post("/api/v1/score", content=body), 400)["problems"][0]["message"]


def test_a_body_over_the_limit_is_413_by_its_declared_length(client):
    body = b" " * MAX_BODY_BYTES + b"{}"
    error(client.post("/api/v1/score", content=body), 413)


def test_a_body_over_the_limit_is_413_while_streaming(client):
    def chunks():
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    error(client.post("/api/v1/score", content=chunks()), 413)


def test_a_body_at_the_limit_is_read(client):
    data = json.dumps({"applicant": person(), "on": "2024-06-01"}).encode()
    body = data + b" " * (MAX_BODY_BYTES - len(data))
    assert client.post("/api/v1/score", content=body).status_code == 200


# --- plan ----------------------------------------------------------------------------


def test_plan_is_the_cli_json(client):
    r = client.post("/api/v1/plan", json={"applicant": CASE_02["applicant"], "on": CASE_02["on"]})
    assert r.status_code == 200
    data = r.json()
    plan = shjzz.plan(shjzz.load_applicant(CASE_02["applicant"]), on=dt.date(2024, 9, 15))
    assert data["met_on"] == plan.met_on.isoformat()
    assert data["first"]["total"] == 86
    assert len(data["projection"]) == len(plan.projection)
    assert data["levers"]


def test_plan_target_and_until(client):
    body = {
        "applicant": CASE_02["applicant"],
        "on": "2024-09-15",
        "target": 90,
        "until": "2025-01-01",
    }
    data = client.post("/api/v1/plan", json=body).json()
    assert (data["target"], data["until"]) == (90, "2025-01-01")


@pytest.mark.parametrize(
    ("extra", "where"),
    [({"target": "120"}, ["target"]), ({"target": True}, ["target"]), ({"until": "x"}, ["until"])],
)
def test_plan_bad_fields_are_422(client, extra, where):
    body = {"applicant": person(), "on": "2024-06-01", **extra}
    assert paths(client.post("/api/v1/plan", json=body)) == where


def test_plan_invalid_applicant_is_422(client):
    assert paths(client.post("/api/v1/plan", json={"applicant": {}})) == ["applicant.birth_date"]


def test_plan_beyond_the_encoded_days_is_422(client):
    body = {"applicant": person(), "on": "2024-06-01", "until": "2099-01-01"}
    error(client.post("/api/v1/plan", json=body), 422)


def test_plan_always_passes_readings(client, monkeypatch):
    seen = []
    real = shjzz.plan

    def spy(applicant, **kwargs):
        seen.append(kwargs["readings"])
        return real(applicant, **kwargs)

    monkeypatch.setattr(shjzz, "plan", spy)
    body = {"applicant": person(), "on": "2024-06-01", "until": "2024-12-31"}
    client.post("/api/v1/plan", json=body)
    client.post("/api/v1/plan", json={**body, "readings": {"R-3": "strict"}})
    assert seen == [None, {"R-3": "strict"}]


# --- the GET endpoints ---------------------------------------------------------------


def test_lookup(client):
    data = client.get("/api/v1/lookup", params={"q": "电焊工", "on": "2025-03-01"}).json()
    assert data["matches"][0]["name"] == "焊工"
    only = client.get("/api/v1/lookup", params={"q": "焊工", "catalogue": "titles"}).json()
    assert all(m["catalogue"] == "titles" for m in only["matches"])


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({}, ["q"]),
        ({"q": "x" * 201}, ["q"]),
        ({"q": "焊工", "catalogue": "nope"}, ["catalogue"]),
        ({"q": "焊工", "on": "soon"}, ["on"]),
        ({"q": "焊工", "zz": "1"}, ["zz"]),
    ],
)
def test_lookup_errors(client, params, where):
    assert paths(client.get("/api/v1/lookup", params=params)) == where


def test_policies(client):
    data = client.get("/api/v1/policies").json()
    assert [v["id"] for v in data["versions"]] == [p.id for p in shjzz.policies()]
    assert data["amendments"]
    assert paths(client.get("/api/v1/policies", params={"x": "1"})) == ["x"]


def test_readings_list_every_reading_with_its_choices(client):
    data = client.get("/api/v1/readings").json()["readings"]
    assert [r["id"] for r in data] == [r.id for r in shjzz.readings()]
    chosen = {r["id"]: r for r in data if r["choices"]}
    assert set(chosen) == {"R-3", "R-4", "R-6"}
    for reading in shjzz.readings():
        listed = next(r for r in data if r["id"] == reading.id)
        assert listed["default"] == reading.default
        assert [c["id"] for c in listed["choices"]] == [c.id for c in reading.choices]
    assert chosen["R-6"]["choices"][0]["id"] == chosen["R-6"]["default"] == "literal"
    assert paths(client.get("/api/v1/readings", params={"x": "1"})) == ["x"]


@pytest.mark.parametrize("name", ["skills", "titles", "qualifications", "majors", "areas"])
def test_catalogue_is_the_cli_json(client, name, capsys):
    data = client.get(f"/api/v1/catalogue/{name}", params={"on": "2025-03-01"}).json()
    assert main(["catalogue", name, "--on", "2025-03-01", "--format", "json"]) == 0
    assert data == json.loads(capsys.readouterr().out)
    assert data["entries"]
    assert all(e["worth"]["policy"] == "2023" for e in data["entries"])


def test_catalogue_is_of_today_without_a_date(client):
    data = client.get("/api/v1/catalogue/skills").json()
    assert data == json.loads(json.dumps(catalogue_json(shjzz.catalogue("skills"))))
    assert data["on"] == dt.date.today().isoformat()


def test_a_catalogue_entry_carries_its_worth(client):
    data = client.get("/api/v1/catalogue/skills", params={"on": "2025-03-01"}).json()
    welder = next(e for e in data["entries"] if e["name"] == "焊工")
    by_level = shjzz.policy("2023").indicators.certificate.skill
    assert welder["worth"]["by_level"] == {str(n): p for n, p in by_level.items()}
    assert "电焊工" in welder["aliases"]


def test_areas_are_those_in_force(client):
    early = client.get("/api/v1/catalogue/areas", params={"on": "2019-01-01"}).json()
    late = client.get("/api/v1/catalogue/areas", params={"on": "2025-03-01"}).json()
    assert len(early["entries"]) < len(late["entries"])


def test_catalogue_errors(client):
    assert "unknown catalogue" in error(client.get("/api/v1/catalogue/nope"), 404)["title"]
    bad_day = client.get("/api/v1/catalogue/skills", params={"on": "2001-01-01"})
    assert paths(bad_day) == ["on"]


def test_diff(client):
    data = client.get("/api/v1/diff", params={"a": "2018", "b": "2023"}).json()
    assert (data["policy_a"], data["policy_b"]) == ("2018", "2023")
    assert data["changes"]


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"a": "2018"}, ["b"]),
        ({"a": "x", "b": "2023"}, ["a"]),
        ({"a": "2018", "b": "2023-02-30"}, ["b"]),
        ({"a": "2018", "b": "1999-01-01"}, ["b"]),
    ],
)
def test_diff_errors(client, params, where):
    assert paths(client.get("/api/v1/diff", params=params)) == where


def test_schema_is_the_shipped_schema(client):
    assert client.get("/api/v1/schema").json() == applicant_schema()


def test_openapi_describes_every_route_and_embeds_the_applicant_schema(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc == openapi()
    app_paths = {r.path for r in create_app().routes if r.path.startswith(("/api", "/healthz"))}
    assert set(doc["paths"]) == app_paths
    text = json.dumps(doc)
    assert "#/$defs/" not in text
    schemas = doc["components"]["schemas"]
    for ref in {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}:
        assert ref in schemas
    assert set(schemas["Applicant"]["properties"]) == {
        "$schema",  # accepted for editors, as in a file
        *shjzz.unstructure(shjzz.load_applicant(person())),
    }


def test_openapi_request_schemas_accept_what_the_api_accepts():
    jsonschema = pytest.importorskip("jsonschema")
    doc = openapi()
    registry_doc = {"components": doc["components"]}
    body = {"applicant": CASE_02["applicant"], "on": "2024-09-15", "lang": "en"}
    schema = {
        **doc["components"]["schemas"]["ScoreRequest"],
        "components": registry_doc["components"],
    }
    jsonschema.validate(body, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**body, "x": 1}, schema)


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_page_and_its_files(client):
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="/static/app.js"' in page.text
    for name in ("app.js", "app.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_the_page_loads_nothing_from_another_host(client):
    for name in ("/", "/static/app.js", "/static/app.css"):
        text = client.get(name).text
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text
        assert "//cdn" not in text


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/score", 405),
        ("PUT", "/api/v1/plan", 405),
        ("POST", "/api/v1/lookup", 405),
        ("POST", "/", 405),
        ("GET", "/api/v2/score", 404),
        ("GET", "/static/nope.js", 404),
        ("GET", "/nope", 404),
    ],
)
def test_404_and_405_are_json(client, method, path, status):
    error(client.request(method, path), status)


# --- CORS, logs, the command ---------------------------------------------------------


def test_cors_only_for_configured_origins():
    origin = {"Origin": "https://frontend.example"}
    with TestClient(create_app()) as plain:
        assert "access-control-allow-origin" not in plain.get("/healthz", headers=origin).headers
    with TestClient(create_app(cors_origins=["https://frontend.example"])) as cors:
        r = cors.get("/healthz", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://frontend.example"
        pre = cors.options(
            "/api/v1/score",
            headers={**origin, "Access-Control-Request-Method": "POST"},
        )
        assert pre.status_code == 200
        other = cors.get("/healthz", headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in other.headers


def test_import_shjzz_does_not_import_the_web_stack():
    code = (
        "import sys, shjzz\nprint(sorted({'starlette', 'uvicorn', 'shjzz.web'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_runs_uvicorn_without_an_access_log(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    argv = ["serve", "--port", "8123", "--cors-origin", "https://a.example"]
    assert main(argv) == 0
    assert calls[0]["access_log"] is False
    assert (calls[0]["host"], calls[0]["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


@pytest.mark.parametrize("missing", ["starlette", "uvicorn"])
def test_serve_without_the_extra_says_how_to_install_it(monkeypatch, capsys, missing):
    monkeypatch.setitem(sys.modules, missing, None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'shjzz[web]'" in err
    assert missing in err


# --- never a 500 ---------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
request_fields = st.fixed_dictionaries(
    {},
    optional={
        "applicant": st.one_of(applicants, json_values),
        "on": st.one_of(st.dates(dt.date(2012, 1, 1), dt.date(2028, 12, 31)).map(str), json_values),
        "policy": st.one_of(st.sampled_from(["2013", "2015", "2018", "2023", "x"]), json_values),
        "readings": json_values,
        "lang": st.one_of(st.sampled_from(["zh", "en"]), json_values),
        "target": st.one_of(st.integers(0, 300), json_values),
        "until": json_values,
    },
)
bodies = st.one_of(
    request_fields.map(lambda d: json.dumps(d, default=str).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=64),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_score_never_answers_500(client, body):
    r = client.post("/api/v1/score", content=body)
    assert r.status_code in {200, 400, 422}, r.text
    if r.status_code != 200:
        assert r.json()["error"]["status"] == r.status_code


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_plan_never_answers_500(client, body):
    r = client.post("/api/v1/plan", content=body)
    assert r.status_code in {200, 400, 422}, r.text


query_text = st.text(max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    path=st.sampled_from(["/api/v1/lookup", "/api/v1/diff", "/api/v1/catalogue/skills"]),
    params=st.dictionaries(st.sampled_from(["q", "catalogue", "on", "a", "b", "x"]), query_text),
)
def test_get_endpoints_never_answer_500(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code in {200, 422}, r.text


@settings(max_examples=100, deadline=None)
@given(name=query_text.filter(lambda s: "/" not in s and s not in {"", ".", ".."}))
def test_any_catalogue_name_is_200_or_404(client, name):
    r = client.get(f"/api/v1/catalogue/{quote(name, safe='')}", params={"on": "2025-03-01"})
    assert r.status_code in {200, 404}, r.text


def test_the_texts_follow_lang_and_default_to_the_librarys(client):
    body = {"applicant": CASE_02["applicant"], "on": CASE_02["on"]}
    plain = client.post("/api/v1/score", json=body).json()
    zh = client.post("/api/v1/score", json={**body, "lang": "zh"}).json()
    en = client.post("/api/v1/score", json={**body, "lang": "en"}).json()
    library = shjzz.score(CASE_02["applicant"], on=dt.date.fromisoformat(CASE_02["on"]))
    assert plain["items"][0]["detail"] == library.items[0].detail == en["items"][0]["detail"]
    assert zh["items"][0]["detail"] != en["items"][0]["detail"]
    assert [i["indicator"] for i in zh["items"]] == [i["indicator"] for i in en["items"]]
    plan_zh = client.post("/api/v1/plan", json={**body, "lang": "zh"}).json()
    plan_en = client.post("/api/v1/plan", json=body).json()
    assert "并非建议" in plan_zh["notes"][0]
    assert "not advice" in plan_en["notes"][0]
    assert plan_zh["levers"][0]["change"] == "在本市取得中级职称"


def test_lookup_catalogue_and_diff_take_lang_and_default_to_english(client):
    zh = client.get("/api/v1/lookup", params={"q": "高级", "lang": "zh"}).json()
    en = client.get("/api/v1/lookup", params={"q": "高级"}).json()
    assert zh["hint"].startswith("高级：技能等级（三级/高级工）须与职业一并写出")
    assert en["hint"].startswith("高级: a skill level (三级/高级工) needs the occupation")
    listing = client.get("/api/v1/catalogue/areas", params={"on": "2024-06-01", "lang": "zh"})
    assert "在该区域工作满 3 年后计分" in listing.json()["entries"][0]["worth"]["conditions"]
    changes = client.get("/api/v1/diff", params={"a": "2018", "b": "2023", "lang": "zh"}).json()
    assert changes["changes"][0]["text"].startswith("family_planning 记录的一票否决")
    bad = client.get("/api/v1/diff", params={"a": "2018", "b": "2023", "lang": "fr"})
    assert paths(bad) == ["lang"]
