"""The calculator page in headless Chromium: a case typed in, languages, files, catalogues.

Skipped only when Chromium is absent and ``CI`` is unset; under CI a missing
browser fails (``.ci/run`` installs ``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("starlette", reason="the web tests need the web extra: pip install '.[web]'")

import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import shjzz
from conftest import load_case, shared_case_dir
from shjzz.web import create_app

pytestmark = pytest.mark.browser

CASE_02 = load_case(shared_case_dir() / "02-junior-college-two-years.json")
CASE_14_FILE = shared_case_dir() / "14-qualification-no-base-condition.json"
CASE_14 = load_case(CASE_14_FILE)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _need_browser() -> None:
    if CHROMIUM and DRIVER:
        return
    why = "headless Chromium is not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{why}, and CI must run the browser tests")
    pytest.skip(why)


@pytest.fixture(scope="module")
def server():
    _need_browser()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, access_log=False, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(server, downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000"):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, server):
    browser.get(server)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    return browser


def wait(driver, condition, timeout=30):
    return WebDriverWait(driver, timeout).until(condition)


def field(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]')


def type_into(driver, path, text):
    box = field(driver, path)
    box.clear()
    box.send_keys(text)


def choose(driver, path, value):
    Select(field(driver, path)).select_by_value(json.dumps(value))


def enter_case_02(driver):
    """Type case 02's facts and date into the form, as a person would."""
    applicant = CASE_02["applicant"]
    type_into(driver, "birth_date", applicant["birth_date"])
    choose(driver, "education.level", applicant["education"]["level"])
    driver.find_element(By.CSS_SELECTOR, '[data-add="social_insurance"]').click()
    period = applicant["social_insurance"][0]
    type_into(driver, "social_insurance[0].from", period["from"])
    type_into(driver, "social_insurance[0].base", str(period["base"]))
    type_into(driver, "on", CASE_02["on"])


def calculate(driver):
    driver.find_element(By.ID, "calculate").click()
    wait(driver, lambda d: d.find_element(By.ID, "met").text)


def test_case_02_typed_in_shows_the_expected_result_and_plan(page):
    enter_case_02(page)
    calculate(page)
    expect = CASE_02["expect"]
    assert page.find_element(By.ID, "total").text == str(expect["total"])
    assert page.find_element(By.ID, "verdict").text.startswith("未达到")
    rows = page.find_elements(By.CSS_SELECTOR, "#items tbody tr")
    shown = {r.get_attribute("data-indicator"): r for r in rows}
    assert set(shown) == set(expect["points"])
    for indicator, points in expect["points"].items():
        row = shown[indicator]
        if "uncounted" not in row.get_attribute("class"):
            assert row.find_element(By.CSS_SELECTOR, ".points").text == str(points)
        assert row.find_element(By.CSS_SELECTOR, ".detail").text
        assert row.find_element(By.CSS_SELECTOR, ".certainty").text
    assert "2023" in page.find_element(By.ID, "version").text
    assert "lingang-2024" in page.find_element(By.ID, "amendments").text
    plan = shjzz.plan(
        shjzz.load_applicant(CASE_02["applicant"]), on=dt.date.fromisoformat(CASE_02["on"])
    )
    met_on = plan.met_on.isoformat()
    assert page.find_element(By.ID, "met").get_attribute("data-met-on") == met_on
    assert met_on in page.find_element(By.ID, "met").text
    marker = page.find_element(By.CSS_SELECTOR, "#chart circle.met")
    assert marker.get_attribute("data-met-on") == met_on
    assert page.find_elements(By.CSS_SELECTOR, "#chart .target")
    assert len(page.find_elements(By.CSS_SELECTOR, "#levers li[data-kind]")) == len(plan.levers)


def test_the_english_switch_keeps_the_facts_and_the_result(page):
    enter_case_02(page)
    calculate(page)
    assert page.find_element(By.TAG_NAME, "h1").text == "上海市居住证积分计算器"
    page.find_element(By.ID, "lang").click()
    assert (
        page.find_element(By.TAG_NAME, "h1").text == "Shanghai residence-permit points calculator"
    )
    assert page.find_element(By.ID, "verdict").text == "does not meet the 120-point standard"
    assert field(page, "birth_date").get_attribute("value") == CASE_02["applicant"]["birth_date"]
    assert "first met on" in page.find_element(By.ID, "met").text
    page.find_element(By.ID, "lang").click()
    assert page.find_element(By.ID, "calculate").text == "计算积分"


def test_the_switch_asks_the_api_for_the_details_in_the_new_language(page):
    enter_case_02(page)
    calculate(page)
    on = dt.date.fromisoformat(CASE_02["on"])
    zh = shjzz.score(CASE_02["applicant"], on=on, lang="zh").item("age").detail
    en = shjzz.score(CASE_02["applicant"], on=on, lang="en").item("age").detail
    cell = '#items tr[data-indicator="age"] td.detail'
    assert page.find_element(By.CSS_SELECTOR, cell).text == zh
    page.find_element(By.ID, "lang").click()
    wait(page, lambda d: d.find_element(By.CSS_SELECTOR, cell).text == en)
    wait(page, lambda d: "intermediate title" in d.find_element(By.ID, "levers").text)


def test_export_then_import_restores_the_facts(page, downloads, server):
    enter_case_02(page)
    page.find_element(By.ID, "export").click()
    saved = downloads / "applicant.json"
    wait(page, lambda _: saved.exists() and saved.stat().st_size > 0)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data == {"schema": 1, **CASE_02["applicant"]}
    page.get(server)
    wait(page, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    assert field(page, "birth_date").get_attribute("value") == ""
    page.find_element(By.ID, "import").send_keys(str(saved))
    wait(page, lambda d: field(d, "birth_date").get_attribute("value"))
    assert field(page, "social_insurance[0].base").get_attribute("value") == "14000"
    type_into(page, "on", CASE_02["on"])
    calculate(page)
    assert page.find_element(By.ID, "total").text == str(CASE_02["expect"]["total"])


def test_a_case_file_imports_its_date(page):
    page.find_element(By.ID, "import").send_keys(
        str(shared_case_dir() / "02-junior-college-two-years.json")
    )
    wait(page, lambda d: d.find_element(By.ID, "on").get_attribute("value") == CASE_02["on"])
    calculate(page)
    assert page.find_element(By.ID, "total").text == str(CASE_02["expect"]["total"])


def test_a_bad_fact_is_shown_with_its_field(page):
    type_into(page, "birth_date", "1995-02-30")
    page.find_element(By.ID, "calculate").click()
    problem = wait(page, lambda d: d.find_element(By.CSS_SELECTOR, "#errors li"))
    assert problem.get_attribute("data-problem") == "applicant.birth_date"
    assert "invalid" in field(page, "birth_date").get_attribute("class")
    assert not page.find_element(By.ID, "result").is_displayed()


def test_the_catalogue_view_lists_and_searches(page):
    page.find_element(By.ID, "tab-cat").click()
    on = page.find_element(By.ID, "cat-on")
    on.clear()
    on.send_keys("2025-03-01")
    page.find_element(By.ID, "cat-show").click()
    wait(page, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#cat-table tbody tr")) == 63)
    page.find_element(By.ID, "cat-q").send_keys("焊工")
    rows = page.find_elements(By.CSS_SELECTOR, "#cat-table tbody tr")
    assert [r.get_attribute("data-entry") for r in rows] == ["焊工"]
    assert "140" in rows[0].text


def test_the_readings_control_lists_the_choices_default_first(page):
    for reading in (r for r in shjzz.readings() if r.choices):
        select = Select(page.find_element(By.CSS_SELECTOR, f'[data-reading="{reading.id}"]'))
        assert [o.get_attribute("value") for o in select.options] == [c.id for c in reading.choices]
        assert select.first_selected_option.get_attribute("value") == reading.default
    shown = {
        n.get_attribute("data-reading")
        for n in page.find_elements(By.CSS_SELECTOR, "[data-reading]")
    }
    assert shown == {"R-3", "R-4", "R-6"}


def test_a_verdict_that_holds_under_every_reading_says_so(page):
    enter_case_02(page)
    calculate(page)
    line = page.find_element(By.ID, "verdict-readings")
    assert line.text.startswith("所有解读下结论相同")
    assert (
        "R-3=cumulative, R-4=cumulative, R-6=literal"
        in page.find_element(By.ID, "alternatives").text
    )
    page.find_element(By.ID, "lang").click()
    assert line.text.startswith("The verdict holds under every reading")


def test_case_14_depends_on_r6_and_as_title_gives_92_not_met(page):
    page.find_element(By.ID, "import").send_keys(str(CASE_14_FILE))
    wait(page, lambda d: d.find_element(By.ID, "on").get_attribute("value") == CASE_14["on"])
    calculate(page)
    assert page.find_element(By.ID, "total").text == "142"
    line = page.find_element(By.ID, "verdict-readings")
    assert line.text == "结论取决于解读 R-6：若取 R-6=as-title，总分 92，未达到 120 分"
    page.find_element(By.ID, "lang").click()
    assert (
        line.text == "The verdict depends on R-6: under R-6=as-title it is 92 and does not meet 120"
    )
    Select(page.find_element(By.CSS_SELECTOR, '[data-reading="R-6"]')).select_by_value("as-title")
    page.find_element(By.ID, "calculate").click()
    wait(page, lambda d: d.find_element(By.ID, "total").text == "92")
    assert page.find_element(By.ID, "verdict").text == "does not meet the 120-point standard"
    assert "R-6=as-title" in page.find_element(By.ID, "alternatives").text
    assert "under R-6=literal it is 142 and meets 120" in line.text


def test_a_title_shows_what_its_grade_earns(page):
    page.find_element(By.ID, "tab-cat").click()
    Select(page.find_element(By.ID, "cat-name")).select_by_value("titles")
    on = page.find_element(By.ID, "cat-on")
    on.clear()
    on.send_keys("2025-03-01")
    page.find_element(By.ID, "cat-show").click()
    row = wait(
        page, lambda d: d.find_element(By.CSS_SELECTOR, '#cat-table tr[data-entry="工程师"]')
    )
    points = shjzz.policy("2023").indicators.certificate.title["intermediate"]
    assert row.find_element(By.CSS_SELECTOR, ".earns").text == f"{points} 分"
    assert "base condition" in row.find_element(By.CSS_SELECTOR, ".conditions").text
