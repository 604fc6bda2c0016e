"""The coordinators' page in a real headless Chromium: log in, read, download, be refused."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ivr import db
from ivr.services.accounts import create

EMAIL, PASSWORD = "coordinator@gemeente.example.nl", "lang-en-geheim-42"
CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def browser_or_skip():
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).exists()] or (
        [] if shutil.which("chromium") or Path(CHROMIUM).exists() else ["chromium"]
    )
    if missing:
        reason = f"{', '.join(missing)} not installed (Debian: apt-get install chromium chromium-driver; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        from selenium import webdriver
    except ImportError:
        pytest.skip("selenium is not installed (requirements-dev.txt)")
    return webdriver


@pytest.fixture
def server(app, molenwijk):
    """The real app served on localhost (Chromium treats it as a secure context)."""
    with db.unit_of_work(app, dispatch=False) as session:
        create(session, EMAIL, PASSWORD)
    httpd = make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def browser(tmp_path):
    webdriver = browser_or_skip()
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1366,768", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    # After a click the next page may still be loading: look for elements for up to 10 s.
    driver.implicitly_wait(10)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def test_refused_without_logging_in(server, browser):
    browser.get(server + "/coordinator/report.csv")
    assert "/coordinator/login" in browser.current_url
    assert browser.find_element("id", "password")


def test_log_in_see_the_table_and_download_the_csv(server, browser, tmp_path):
    browser.get(server + "/coordinator")
    assert "/coordinator/login" in browser.current_url
    browser.find_element("id", "email").send_keys(EMAIL)
    browser.find_element("id", "password").send_keys(PASSWORD)
    browser.find_element("css selector", "button[type=submit]").click()
    table = browser.find_element("id", "groups")
    assert "Molenwijk" in table.text and "+31" not in browser.page_source
    assert browser.find_element("id", "chart")
    # Readable on a small laptop: nothing wider than the window.
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    wrap = browser.find_element("css selector", ".table-wrap")
    assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", wrap)
    browser.save_screenshot(os.environ.get("SCREENSHOT", str(tmp_path / "coordinator.png")))
    browser.find_element("id", "csv").click()
    deadline = time.monotonic() + 15
    files = []
    while time.monotonic() < deadline and not files:
        files = [p for p in browser.downloads.glob("*.csv")]
        time.sleep(0.1)
    assert files, "the CSV was not downloaded"
    content = files[0].read_text()
    assert content.startswith("groep,gebied,beheerders") and "Molenwijk" in content


def test_wrong_password_in_the_browser(server, browser):
    browser.get(server + "/coordinator/login")
    browser.find_element("id", "email").send_keys(EMAIL)
    browser.find_element("id", "password").send_keys("niet-het-goede")
    browser.find_element("css selector", "button[type=submit]").click()
    assert "klopt niet" in browser.find_element("css selector", "[role=alert]").text


def test_search_sort_and_page_in_the_browser(app, server, browser, tmp_path):
    from ivr.storage import groups

    with db.unit_of_work(app, dispatch=False) as session:
        for n in range(60):
            groups.add_group(session, f"Wijk {n:02d}")
    browser.get(server + "/coordinator")
    browser.find_element("id", "email").send_keys(EMAIL)
    browser.find_element("id", "password").send_keys(PASSWORD)
    browser.find_element("css selector", "button[type=submit]").click()
    assert "Pagina 1 van 2" in browser.find_element("css selector", "nav.pages").text
    browser.find_element("id", "next").click()
    assert "Pagina 2 van 2" in browser.find_element("css selector", "nav.pages").text
    box = browser.find_element("id", "q")
    box.clear()
    box.send_keys("molen")
    browser.find_element("css selector", "form.search button").click()
    rows = browser.find_element("id", "groups").find_elements("css selector", "tbody tr")
    assert [r.find_element("css selector", "td").text for r in rows] == ["Molenwijk"]
    browser.find_element("id", "sort-alerts").click()
    assert "meeste meldingen" in browser.find_element("css selector", "main").text
    assert browser.find_element("id", "q").get_attribute("value") == "molen"  # the search stays
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    browser.save_screenshot(os.environ.get("SCREENSHOT_SEARCH", str(tmp_path / "search.png")))
