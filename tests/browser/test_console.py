"""The seller console in headless Chromium against the real local stack: sign in, opt out and back in, a red
metric for a scripted poor month, an invoice in euros and one in yen, phone width, and one seller never seeing
another's data. Screenshots go to build/test-artefacts/console-*.png.
"""
import base64
import json
import time

import jwt
import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from chalicelib.domain.clock import month_before, month_of, utc_now
from tests.browser.conftest import ARTEFACTS, wait_for
from tests.browser.scripted_month import S1_TOTAL, SHIPMENTS, month_events
from tests.support import events as ev
from tests.support.events import DE, JP

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})  # what Intl puts between number and unit


@pytest.fixture(scope="module")
def month(stack, tmp_path_factory):
    """Last month, scripted through the queue and closed by the runner's `fire monthly_close`."""
    month = month_before(utc_now())
    events = tmp_path_factory.mktemp("events") / "month.json"
    events.write_text(json.dumps(month_events(month)))
    stack.runner("send", str(events))
    tokens = {seller: stack.token(seller) for seller in SHIPMENTS}
    for seller, (marketplace_id, shipments) in SHIPMENTS.items():
        counted = lambda: stack.get(f"/sellers/{seller}/metrics/{marketplace_id}?month={month}",  # noqa: E731
                                    tokens[seller])[1].get("counts", {})
        wait_for(lambda: counted().get("shipments") == shipments and (seller != "S1" or counted()["survey_answers"]),
                 60, f"{seller}'s events to be processed")
    stack.runner("fire", "monthly_close", "--at", f"{month_of(utc_now())}-01T02:00:00Z")
    for seller, (marketplace_id, _) in SHIPMENTS.items():
        path = f"/sellers/{seller}/invoices/INV-{seller}-{marketplace_id}-{month}"
        wait_for(lambda: stack.get(path, tokens[seller])[0] == 200, 60, f"{seller}'s invoice")
    return month


def text(element) -> str:
    return element.text.translate(SPACES)


def find(driver, css: str, seconds: float = 10):
    """The first element matching `css` once it is displayed."""
    def shown(d):
        found = [e for e in d.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
        return found[0] if found else False
    try:
        return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)).until(shown)
    except TimeoutException:
        shown_error = driver.find_element(By.ID, "error").get_attribute("textContent")
        raise AssertionError(f"nothing displayed matches {css}; the page's error: {shown_error!r}") from None


def sign_in(driver, stack, token: str) -> None:
    driver.get(f"{stack.api}/console")
    driver.execute_script("sessionStorage.clear()")
    driver.get(f"{stack.api}/console")
    find(driver, "#token").send_keys(token)
    find(driver, "#sign-in-form button[type=submit]").click()


def go(driver, section: str) -> None:
    find(driver, f'#nav a[href="#{section}"]').click()
    find(driver, f"#{section}")


def by_keyboard(driver, name: str):
    """Tab from the top of the page to the link or button called `name`; it, focused."""
    seen = []
    for _ in range(10):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        seen.append((focused.tag_name, text(focused)))
        if text(focused) == name:
            return focused
    raise AssertionError(f"{name!r} is not reachable with the Tab key; focused in turn: {seen}")


def screenshot(driver, name: str) -> None:
    """The whole page, not only the window."""
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                              "clip": {"x": 0, "y": 0, "width": width,
                                                                       "height": height, "scale": 1}})
    (ARTEFACTS / name).write_bytes(base64.b64decode(shot["data"]))


def test_a_seller_signs_in_with_the_printed_token_and_opts_out_and_back_in(browser, stack, month):
    token = stack.printed_token()
    sign_in(browser, stack, token)
    assert text(find(browser, "#seller-id")) == "S1"
    # Given S1 enrolled in DE by its registration
    find(browser, f'tr[data-marketplace="{DE}"][data-status="enrolled"]')
    # When it opts out with the row's button
    find(browser, f'tr[data-marketplace="{DE}"] button').click()
    find(browser, f'tr[data-marketplace="{DE}"][data-status="opted_out"]')
    # Then the API says so, and the page says so in words
    assert status_in(stack, token, DE) == "opted_out"
    assert "Opted out of Germany (DE)." in text(find(browser, "#status"))
    # When it opts back in, from the keyboard (focus stayed on the row's button)
    button = browser.switch_to.active_element
    assert button.get_attribute("aria-label") == "Opt in to Germany (DE)"
    button.send_keys(Keys.ENTER)
    row = find(browser, f'tr[data-marketplace="{DE}"][data-status="enrolled"]')
    assert status_in(stack, token, DE) == "enrolled"
    assert len(row.find_elements(By.CSS_SELECTOR, ".periods li")) == 2
    assert "Enrolled" in text(row)
    screenshot(browser, "console-enrolment.png")


def status_in(stack, token: str, marketplace_id: str) -> str:
    status, body = stack.get("/sellers/S1/enrollments", token)
    assert status == 200
    return next(e["status"] for e in body["enrollments"] if e["marketplace_id"] == marketplace_id)


def test_the_poor_month_shows_a_red_metric_with_its_word_and_the_marketplace_comparison(browser, stack, month):
    sign_in(browser, stack, stack.token("S1"))
    browser.refresh()  # a keyboard user arriving at the page, still signed in
    find(browser, "#enrolment-rows tr")
    link = by_keyboard(browser, "Performance")
    assert browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", link) == "solid"
    link.send_keys(Keys.ENTER)
    assert f"Germany (DE), {month}" in text(find(browser, "#report-output h3"))
    tracking = find(browser, 'li[data-metric="valid_tracking_rate"]')
    assert tracking.get_attribute("data-health") == "red"
    assert "✗ Poor" in text(tracking) and "You: 80 %" in text(tracking)
    assert "Marketplace average 90 % · top decile 100 %" in text(tracking)
    assert "Needs attention" in text(find(browser, 'li[data-metric="preventable_contact_rate"][data-health="yellow"]'))
    assert "Good" in text(find(browser, 'li[data-metric="answered_within_24h_rate"][data-health="green"]'))
    assert "Poor" in text(find(browser, ".overall"))
    assert "Tier 1" in text(find(browser, "#next-tier")) and "0,09 € per unit" in text(find(browser, "#next-tier"))
    chart = tracking.find_element(By.CSS_SELECTOR, "svg[role=img]")
    assert "marketplace average 90 %" in chart.get_attribute("aria-label").translate(SPACES)
    screenshot(browser, "console-report.png")


def test_an_invoice_opens_with_its_lines_and_total_in_euros_the_german_way(browser, stack, month):
    sign_in(browser, stack, stack.token("S1"))
    go(browser, "invoices")
    invoice_id = f"INV-S1-{DE}-{month}"
    row = find(browser, f'tr[data-invoice="{invoice_id}"]')
    assert "29,27 €" in text(row)
    row.find_element(By.TAG_NAME, "button").click()
    total = find(browser, "#invoice-detail [data-total]")
    assert (text(total), total.get_attribute("data-total")) == ("29,27 €", S1_TOTAL)
    detail = text(find(browser, "#invoice-detail"))
    assert "0,41 € per unit" in detail and "24,60 €" in detail and "Tax (19 %)" in detail and "4,67 €" in detail
    assert browser.switch_to.active_element.get_attribute("id") == "invoice-detail"
    screenshot(browser, "console-invoice.png")


def test_the_contacts_csba_handled_are_listed(browser, stack, month):
    sign_in(browser, stack, stack.token("S1"))
    go(browser, "contacts")
    row = text(find(browser, 'tr[data-contact="S1-C1"]'))
    assert "damaged (preventable)" in row and "responded" in row and "S1-O1" in row


def test_at_phone_width_nothing_overflows_sideways(browser, stack, month):
    sign_in(browser, stack, stack.token("S1"))
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    try:
        for section in ("enrolment", "report", "contacts", "invoices"):
            go(browser, section)
            find(browser, {"enrolment": "#enrolment-rows tr", "report": ".metric", "contacts": "#contact-rows tr",
                           "invoices": "#invoice-rows button"}[section])
            if section == "invoices":
                find(browser, "#invoice-rows button").click()
                find(browser, "#invoice-detail [data-total]")
            widths = browser.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
            assert widths[0] == 375 and widths[1] <= 375, (section, widths)
        screenshot(browser, "console-phone.png")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_another_sellers_token_sees_its_own_data_only(browser, stack, month):
    sign_in(browser, stack, stack.token("S2"))
    assert text(find(browser, "#seller-id")) == "S2"
    find(browser, f'tr[data-marketplace="{JP}"][data-status="enrolled"]')
    find(browser, f'tr[data-marketplace="{DE}"][data-status="none"]')
    go(browser, "invoices")
    find(browser, "#invoice-rows tr[data-invoice]")
    rows = [r.get_attribute("data-invoice") for r in browser.find_elements(By.CSS_SELECTOR, "#invoice-rows tr")]
    assert rows == [f"INV-S2-{JP}-{month}"]
    find(browser, "#invoice-rows button").click()
    assert text(find(browser, "#invoice-detail [data-total]")) == "¥0"  # U+00A5, which every Latin font has
    assert "¥65 per unit" in text(find(browser, "#invoice-detail")) and "¥325" in text(find(browser, "#invoice-detail"))
    go(browser, "report")
    assert f"Japan (JP), {month}" in text(find(browser, "#report-output h3"))
    go(browser, "contacts")
    find(browser, "#contact-rows tr")
    page = browser.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    assert not [seen for seen in ("INV-S1", "S1-O", "S1-C1", "29,27", "Germany (DE), ") if seen in page]
    screenshot(browser, "console-other-seller.png")


def test_a_token_the_api_refuses_brings_back_the_sign_in_form_with_the_reason(browser, stack, month):
    forged = jwt.encode({"sub": "S1", "role": "seller", "exp": int(time.time()) + 600}, "not-the-secret" * 4,
                        algorithm="HS256")
    sign_in(browser, stack, forged)
    assert "Sign in again" in text(find(browser, "#error"))
    find(browser, "#sign-in-form")
    assert not browser.find_elements(By.CSS_SELECTOR, "#enrolment-rows tr")
    sign_in(browser, stack, stack.token("A1", role="agent"))
    assert "for sellers" in text(find(browser, "#error"))


def test_a_corrected_month_shows_its_credit_note_its_revision_and_what_changed(browser, stack, month, tmp_path):
    # Given 20 orders of S3's closed month arrive late (30 orders over three months: no longer waived)
    late = [e for n in range(20) for e in (
        ev.order_placed(f"S3-LATE{n}", seller_id="S3", occurred_at=f"{month}-28T08:00:00Z"),
        ev.order_shipped(f"S3-LATE{n}", seller_id="S3", occurred_at=f"{month}-28T09:00:00Z"))]
    (tmp_path / "late.json").write_text(json.dumps(late))
    stack.runner("send", str(tmp_path / "late.json"))
    # When the runner re-closes the month for S3 (again, until every late event was processed before it)
    token, reclose = stack.token("S3"), json.dumps({"month": month, "reclose": True, "seller_id": "S3"})

    def current_units() -> int:
        invoices = stack.get(f"/sellers/S3/invoices?month={month}", token)[1]["invoices"]
        current = [i for i in invoices if i["kind"] == "invoice" and i["status"] == "issued"]
        return current[0]["lines"][0]["units"]

    for _ in range(20):
        stack.runner("fire", "monthly_close", "--at", f"{month_of(utc_now())}-20T09:00:00Z", "--detail", reclose)
        if wait_quietly(lambda: current_units() == 50, 10):
            break
    # Then the seller sees the month as corrected, with the figures that changed, and each document's part
    sign_in(browser, stack, token)
    go(browser, "invoices")
    note = text(find(browser, "#invoice-corrections li"))
    assert f"{month} · Germany (DE) was corrected" in note
    assert "units 30 → 50" in note and "total 0,00 € → 24,40 €" in note  # 50 x 0.41 = 20.50 + 19% 3.90
    first = find(browser, f'tr[data-invoice="INV-S3-{DE}-{month}"]')
    assert first.get_attribute("data-status") == "credited" and "Credited" in text(first)
    assert "credits INV-S3" in text(find(browser, f'tr[data-invoice="CN-S3-{DE}-{month}-1"]'))
    find(browser, '#invoice-rows tr[data-status="issued"] button').click()
    assert "What changed since" in text(find(browser, "#invoice-detail .changed"))
    assert text(find(browser, "#invoice-detail [data-total]")) == "24,40 €"
    screenshot(browser, "console-correction.png")


def wait_quietly(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True
