"""Browser tests in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): the dashboard
draws its charts, the filters narrow the list, the incident page highlights the evidence, and a post carrying
<script>, onerror= and javascript: payloads stays inert text everywhere. Screenshots go to build/screenshots/.

Skipped with the reason when Chromium or its driver is missing, except under CI=true (.ci/run installs them)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from darkwire.accounts import create_user
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.web.app import create_app
from tests.test_brief import load

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
PASSWORD = "browser-test-password"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")


def _need_browser() -> None:
    if CHROMIUM and DRIVER:
        return
    reason = "headless Chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; CI=true requires them")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    _need_browser()
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    pipe = Pipeline(Store.open(f"sqlite:///{db}"), workers=1)
    incidents = load(pipe)
    create_user(pipe.store, "ana@browser.test", "Browser Bank", "admin", password=PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(pipe), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", incidents
    srv.should_exit = True
    thread.join(5)
    pipe.close()


@pytest.fixture(scope="module")
def browser(server: tuple[str, dict[str, int]]) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    _log_in(driver, server[0])
    yield driver
    driver.quit()


def _log_in(driver: Any, base: str) -> None:
    """Through the login form, as a person: every page but /healthz needs an account."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base + "/incidents")
    WebDriverWait(driver, 10).until(lambda d: "/login" in d.current_url)  # sent to log in first
    driver.save_screenshot(str(SHOTS / "login.png"))
    driver.find_element(By.NAME, "email").send_keys("ana@browser.test")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    try:
        WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/incidents"))  # back where it was going
    except Exception:
        raise AssertionError(f"{driver.current_url}: {driver.page_source[:1500]}") from None


def _no_alert(driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 (reading it is the check)


def test_the_dashboard_renders_its_charts(server: tuple[str, dict[str, int]], browser: Any) -> None:
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(base + "/")
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    assert len(charts) >= 5
    assert all(c.size["width"] > 100 and c.size["height"] > 10 for c in charts)
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure.chart rect")) >= 8
    browser.save_screenshot(str(SHOTS / "dashboard.png"))
    metrics = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}  # a phone
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        browser.get(base + "/")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= 390  # nothing forces a phone to scroll sideways (wide tables scroll in their own box)
        browser.save_screenshot(str(SHOTS / "dashboard-phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_filters_narrow_the_list(server: tuple[str, dict[str, int]], browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, _ = server
    browser.get(base + "/incidents")
    before = len(browser.find_elements(By.CSS_SELECTOR, "table.incidents tbody tr"))
    Select(browser.find_element(By.NAME, "severity")).select_by_visible_text("critical")
    browser.find_element(By.NAME, "country").send_keys("US")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda d: "severity=critical" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.incidents tbody tr")
    assert before == 4 and len(rows) == 1 and "Riverside Pediatric Clinic" in rows[0].text
    assert "severity=critical" in browser.current_url
    browser.save_screenshot(str(SHOTS / "incidents-filtered.png"))


def test_the_incident_page_highlights_the_evidence(server: tuple[str, dict[str, int]], browser: Any) -> None:
    from selenium.webdriver.common.by import By

    base, incidents = server
    browser.get(f"{base}/incidents/{incidents['b1']}")
    marks = browser.find_elements(By.CSS_SELECTOR, "article.post mark")
    assert len(marks) >= 5 and all(m.is_displayed() for m in marks[:5])
    fields = {m.get_attribute("data-field") for m in marks}
    assert {"victim.name", "records"} <= fields
    colour = marks[0].value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert browser.find_element(By.CSS_SELECTOR, "article.brief h1").text.startswith("Alleged database of")
    browser.save_screenshot(str(SHOTS / "incident.png"))


def test_hostile_posts_stay_inert_text(server: tuple[str, dict[str, int]], browser: Any) -> None:
    from selenium.webdriver.common.by import By

    base, incidents = server
    for path in ("/", "/incidents", f"/incidents/{incidents['b5']}", "/search?q=Sparbank", "/organizations"):
        browser.get(base + path)
        _no_alert(browser)
        assert browser.find_elements(By.TAG_NAME, "script") == []
        assert browser.find_elements(By.CSS_SELECTOR, "img[onerror], [onerror]") == []
        hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
        assert not any(h.lower().startswith("javascript:") for h in hrefs)
    browser.get(f"{base}/incidents/{incidents['b5']}")
    body = browser.find_element(By.CSS_SELECTOR, "article.post .body").text
    assert "<img src=x onerror=alert(1)>" in body  # shown as the words it is
    browser.save_screenshot(str(SHOTS / "hostile-post.png"))


def test_settings_keep_a_watchlist(server: tuple[str, dict[str, int]], browser: Any) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, _ = server
    browser.get(base + "/settings")
    browser.find_element(By.NAME, "name").send_keys("Our bank and its processor")
    browser.find_element(By.NAME, "orgs").send_keys("Browser Bank")
    browser.find_element(By.NAME, "vendors").send_keys("Nube Servicios")
    browser.find_element(By.CSS_SELECTOR, "form[action='/settings/watchlists'] button").click()
    rows = "#watchlists + .table-wrap tbody tr"
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: any("Our bank and its processor" in r.text for r in d.find_elements(By.CSS_SELECTOR, rows))
    )  # the rows of the page before the form was sent may still be read while the next one loads
    assert any("Nube Servicios" in r.text for r in browser.find_elements(By.CSS_SELECTOR, rows))
    browser.find_element(By.CSS_SELECTOR, "form[action='/settings/tokens'] button").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "code.secret"))
    token = browser.find_element(By.CSS_SELECTOR, "code.secret").text
    assert token.startswith("dw_")  # shown once
    browser.save_screenshot(str(SHOTS / "settings.png"))
