"""Open the report from disk in real headless Chromium: no console errors, plots render."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from distillwatch.report import load_report_data, write_report
from tests_support import ARTIFACTS, need

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(chromium_path: str) -> Iterator[webdriver.Chrome]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium_path
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(need("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()


def _severe(driver: webdriver.Chrome) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_report_opens_offline_and_renders_plots(
    browser: webdriver.Chrome, findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    fdir, store = findings_and_store
    paths = write_report(load_report_data(fdir, store=store), tmp_path / "report")
    browser.get(paths.index_html.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#campaign-table tr.campaign-row")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows] == ["cmp-alpha", "cmp-beta"]
    assert _severe(browser) == []

    rows[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .main-svg")) >= 3
    )
    assert "Campaign cmp-alpha" in browser.title
    assert browser.find_element(By.ID, "plain-summary").text.startswith("6 accounts")
    assert _severe(browser) == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-dossier.png"))
