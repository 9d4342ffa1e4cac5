"""The Performance page with CS Insights and the 12-month trends, in headless Chromium on a stack of its own:
a year of two sellers in France sent through the queue, every month closed with `fire monthly_close`, the
window computed with `fire weekly_insights`. Desktop and 375 px; screenshots in test-artifacts/insights-*.png.
Also the console fixes: the month's counts, next month's rate per unit, dates in one format with times, human
error messages, no developer commands at sign-in, the yen as a common glyph.
"""
import json
from decimal import Decimal
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from chalicelib.domain.clock import add_months, utc_now
from tests.browser.conftest import running_stack, wait_for
from tests.browser.seeded_year import FR, closed_months, shipped_in_week, this_monday, year_events
from tests.browser.test_console import SPACES, find, go, text

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """A stack of its own (the console test's stack closes last month for its own sellers), seeded with a year."""
    with running_stack(tmp_path_factory.mktemp("insights-stack")) as stack:
        now = utc_now()
        months = closed_months(now)
        events = tmp_path_factory.mktemp("events") / "year.json"
        seeded = year_events(now)
        events.write_text(json.dumps(seeded))
        stack.runner("send", str(events))
        token = stack.token("T1")
        shipped = lambda month: stack.get(f"/sellers/T1/metrics/{FR}?month={month}", token)[1]["counts"]  # noqa
        for month in months:
            wait_for(lambda: shipped(month)["shipments"] >= 12 and shipped(month)["responses"] >= 1, 90,
                     f"T1's events of {month}")
        window = stack.get(f"/sellers/T2/insights/{FR}", stack.token("T2"))[1]["window"]["weeks"]
        wait_for(lambda: stack.get(f"/sellers/T2/insights/{FR}", stack.token("T2"))[1]["units_shipped"] == sum(
            shipped_in_week(seeded, "T2", week) for week in window), 60, "T2's weeks")
        for month in months:
            stack.runner("fire", "monthly_close", "--at", f"{add_months(month, 1)}-01T02:00:00Z")
        stack.runner("fire", "weekly_insights", "--at", f"{this_monday(now).date().isoformat()}T03:00:00Z")
        history = lambda: stack.get(f"/sellers/T1/metrics/{FR}/history", token)[1]  # noqa: E731
        wait_for(lambda: all(m["invoice_total"] for m in history()["months"]) and len(history()["months"]) == 12,
                 120, "12 closed months with their invoices")
        wait_for(lambda: stack.get(f"/sellers/T1/insights/{FR}", token)[1]["marketplace_average"], 60,
                 "the weekly insights")
        SHOTS.mkdir(exist_ok=True)
        yield stack, history(), stack.get(f"/sellers/T1/insights/{FR}", token)[1], seeded


def french_percent(fraction: float) -> str:
    """A fraction as the French page writes it in percent, up to 2 decimals (0.0521 -> "5,21")."""
    return f"{Decimal(str(fraction)) * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def sign_in(driver, stack, seller="T1"):
    driver.get(f"{stack.api}/console")
    driver.execute_script("sessionStorage.clear()")
    driver.get(f"{stack.api}/console")
    find(driver, "#token").send_keys(stack.token(seller))
    find(driver, "#sign-in-form button[type=submit]").click()
    find(driver, "#enrolment-rows tr")


def shot(driver, name: str) -> None:
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    driver.set_window_size(max(width, 375), height + 200)
    (SHOTS / name).write_bytes(driver.get_screenshot_as_png())


def test_performance_shows_the_insights_window_beside_the_marketplace(browser, year):
    stack, _, insights, seeded = year
    sign_in(browser, stack)
    go(browser, "report")
    table = find(browser, "#insights-output table.insight-rates")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert [r.get_attribute("data-metric") for r in rows] == list(insights["rates"])
    answered = text(table.find_element(By.CSS_SELECTOR, 'tr[data-metric="answered_within_24h_rate"]'))
    assert answered.count("100 %") >= 2  # T1 answered every contact within a day; the top performer too
    assert "not yet" not in text(table) and "2 sellers with at least 30 units" in text(find(browser, "#insights-output"))
    weeks = browser.find_elements(By.CSS_SELECTOR, "#insights-output table.insight-weeks tbody tr")
    assert [w.get_attribute("data-week") for w in weeks] == insights["window"]["weeks"]
    assert [text(w.find_element(By.CSS_SELECTOR, '[data-label="Units shipped"]')) for w in weeks] == [
        str(shipped_in_week(seeded, "T1", week)) for week in insights["window"]["weeks"]]


def test_performance_shows_a_trend_per_metric_against_the_average_with_its_numbers(browser, year):
    stack, history, _, _ = year
    sign_in(browser, stack)
    go(browser, "report")
    find(browser, "#trends-output .trend")
    trends = browser.find_elements(By.CSS_SELECTOR, "#trends-output .trend")
    assert len(trends) == len(history["months"][0]["rates"])  # one per rate of the report
    preventable = find(browser, '#trends-output .trend[data-metric="preventable_contact_rate"]')
    chart = preventable.find_element(By.CSS_SELECTOR, "svg[role=img]")
    assert "table beside it" in chart.get_attribute("aria-label")
    assert chart.find_elements(By.CSS_SELECTOR, "polyline.you-line") and chart.find_elements(
        By.CSS_SELECTOR, "polyline.average-line")
    assert len(chart.find_elements(By.CSS_SELECTOR, "circle.you-dot")) == 12
    rows = preventable.find_elements(By.CSS_SELECTOR, "table.trend-numbers tbody tr")
    assert [r.get_attribute("data-month") for r in rows] == [m["month"] for m in history["months"]]
    oldest, newest = (text(rows[i]).split() for i in (0, -1))
    assert oldest[-4:-2] == ["12,5", "%"]  # 6 preventable contacts / 48 units
    assert newest[-4:-2] == [french_percent(history["months"][-1]["rates"]["preventable_contact_rate"]), "%"]
    last = history["months"][-1]
    glance = find(browser, f'#trends-output table.glance tr[data-month="{last["month"]}"]')
    total = text(glance.find_element(By.CSS_SELECTOR, "td.money"))
    assert total == f'{last["invoice_total"]["amount"].replace(".", ",")} €'
    assert str(last["units_shipped"]) in text(glance)
    assert browser.execute_script("return getComputedStyle(arguments[0]).textAlign",
                                  glance.find_element(By.CSS_SELECTOR, "td.money")) == "right"
    find(browser, "#report-output h3")
    shot(browser, "insights-desktop.png")
    browser.set_window_size(1280, 1000)


def test_the_report_fixes_counts_rate_per_unit_and_no_provisional_word(browser, year):
    stack, history, _, _ = year
    sign_in(browser, stack)
    go(browser, "report")
    tier = text(find(browser, "#next-tier"))
    assert "€ per unit" in tier and "Tier" in tier
    counts = find(browser, "#report-output details.counts")
    counts.find_element(By.TAG_NAME, "summary").click()
    assert "[object" not in counts.text and "units shipped" in text(counts)
    assert "provisional" not in text(find(browser, "#report-output")).lower()
    never_closed = add_months(history["months"][0]["month"], -1)  # registered then, never closed
    month_field = find(browser, "#report-month")
    browser.execute_script("arguments[0].value = arguments[1]", month_field, never_closed)
    find(browser, "#report-form button[type=submit]").click()
    wait_for(lambda: never_closed.split("-")[0] in text(find(browser, "#report-output h3")), 10, "the month")
    assert "not closed" in text(find(browser, "#report-output")) and "provisional" not in text(
        find(browser, "#report-output")).lower()


def test_at_phone_width_the_new_views_fit_375_px(browser, year):
    stack, _, _, _ = year
    sign_in(browser, stack)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    try:
        go(browser, "report")
        find(browser, "#trends-output .trend")
        find(browser, "#insights-output table.insight-weeks")
        widths = browser.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
        assert widths[0] == 375 and widths[1] <= 375, widths
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": 375, "height": height, "deviceScaleFactor": 1, "mobile": True})
        (SHOTS / "insights-phone.png").write_bytes(browser.get_screenshot_as_png())
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_dates_read_one_way_with_times_and_errors_in_words(browser, year):
    stack, _, _, _ = year
    browser.get(f"{stack.api}/console")
    browser.execute_script("sessionStorage.clear()")
    browser.get(f"{stack.api}/console")
    hint = text(find(browser, "#token-hint"))
    assert "python" not in hint and "make" not in hint and "infra" not in hint
    sign_in(browser, stack)
    row = find(browser, f'tr[data-marketplace="{FR}"]')
    dates = [text(e) for e in row.find_elements(By.CSS_SELECTOR, '[data-label="Trial ends"], .periods li')]
    assert all(" UTC" in d and ":" in d for d in dates), dates  # with times, one format
    go(browser, "report")
    find(browser, "#report-output h3")
    future = add_months(utc_now().strftime("%Y-%m"), 2)
    browser.execute_script("arguments[0].value = arguments[1]", find(browser, "#report-month"), future)
    find(browser, "#report-form button[type=submit]").click()
    error = text(find(browser, "#error"))
    assert error.startswith("That was not accepted.") and "has not begun" in error and "Error" not in error


def test_the_yen_is_written_with_a_glyph_every_latin_font_has(browser, year):
    stack, _, _, _ = year
    sign_in(browser, stack)
    written = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "import('./console/format.js').then((f) => done(f.money({amount: '325', currency: 'JPY'}, 'A1VC38T7YXB528')"
        " + ' ' + f.minutes(90, 'A1VC38T7YXB528')));")
    assert written.translate(SPACES) == "\u00a5325 90 min"
