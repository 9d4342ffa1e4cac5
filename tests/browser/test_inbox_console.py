"""The console's Inbox and Profile in headless Chromium against the real local stack: the buyer's message, a
reply whose violations show inline before sending, a compliant reply sent once, the VAT id's status, and both
at desktop and 375 px width. Screenshots go to test-artifacts/inbox-*.png.
"""
import base64
import json
from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By

from chalicelib.domain.clock import to_wire, utc_now
from tests.browser.conftest import ROOT, wait_for
from tests.browser.test_console import find, go, sign_in, text
from tests.support import events as ev

SHOTS = ROOT / "test-artifacts"
SELLER = "SINBOX"
INVOICE_QUESTION = "Hallo, ich brauche bitte eine Rechnung mit meiner Firmenadresse."
HAGGLING = "Behalten Sie den Artikel, wir erstatten Ihnen 40 %. Rufen Sie an: 030 12345678"
POLITE = "Guten Tag, die Rechnung mit Ihrer Firmenadresse finden Sie jetzt unter Meine Bestellungen auf Amazon.de."


def hours_ago(hours: float) -> str:
    return to_wire(utc_now() - timedelta(hours=hours))


def contact(contact_id: str, order_id: str, topic: str, message: str, hours: float) -> dict:
    return ev.envelope("ContactCreated", {"contact_id": contact_id, "order_id": order_id, "asin": None,
                                          "channel": "email", "language": "de-DE", "topic": topic,
                                          "message": message}, seller_id=SELLER, occurred_at=hours_ago(hours))


@pytest.fixture(scope="module")
def inbox(stack, tmp_path_factory):
    """SINBOX in DE with a VAT id whose check digit is wrong, and two contacts in its inbox."""
    events = [ev.seller_registered(SELLER, country="DE", vat_id="DE136695977", occurred_at=hours_ago(24 * 30)),
              ev.order_placed("SINBOX-O1", seller_id=SELLER, occurred_at=hours_ago(48)),
              ev.order_placed("SINBOX-O2", sfp=True, seller_id=SELLER, occurred_at=hours_ago(48)),
              contact("SINBOX-C1", "SINBOX-O1", "invoice", INVOICE_QUESTION, 3),
              contact("SINBOX-C2", "SINBOX-O2", "other", "Kann ich die Farbe noch ändern?", 5)]
    path = tmp_path_factory.mktemp("inbox") / "events.json"
    path.write_text(json.dumps(events))
    stack.runner("send", str(path))
    token = stack.token(SELLER)
    wait_for(lambda: len(stack.get(f"/sellers/{SELLER}/inbox", token)[1].get("entries", [])) == 2, 60,
             "the contacts to reach the inbox")
    SHOTS.mkdir(exist_ok=True)
    return token


def shot(driver, name: str) -> None:
    width, height = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    image = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": {
        "x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    (SHOTS / name).write_bytes(base64.b64decode(image["data"]))


def type_reply(driver, contact_id: str, words: str):
    box = find(driver, f'li[data-contact="{contact_id}"] textarea')
    box.clear()
    box.send_keys(words)
    return box


def test_a_reply_shows_its_violations_inline_then_a_compliant_one_is_sent_once(browser, stack, inbox):
    # Given the seller's inbox, newest first, with the buyer's words
    sign_in(browser, stack, inbox)
    go(browser, "inbox")
    card = find(browser, 'li[data-contact="SINBOX-C1"]')
    assert INVOICE_QUESTION in text(card) and "excluded topic" in text(card) and "awaiting reply" in text(card)
    ids = [e.get_attribute("data-contact") for e in browser.find_elements(By.CSS_SELECTOR, "#inbox-rows > li")]
    assert ids == ["SINBOX-C1", "SINBOX-C2"]
    # When it types a reply that haggles and gives a phone number (a CSBA order)
    card.find_element(By.TAG_NAME, "button").click()
    type_reply(browser, "SINBOX-C1", HAGGLING)
    # Then each violation shows inline with its words, and the reply cannot be sent
    haggling = find(browser, 'li[data-contact="SINBOX-C1"] .violations li[data-rule="haggling"]')
    phone = find(browser, 'li[data-contact="SINBOX-C1"] .violations li[data-rule="phone_number"]')
    assert "030 12345678" in text(phone) and "40 %" in text(haggling)
    assert not find(browser, 'li[data-contact="SINBOX-C1"] button[type=submit]').is_enabled()
    shot(browser, "inbox-violations-desktop.png")
    # When it rewrites the reply within the rules and sends it
    type_reply(browser, "SINBOX-C1", POLITE)
    find(browser, 'li[data-contact="SINBOX-C1"] .violations .ok')
    find(browser, 'li[data-contact="SINBOX-C1"] button[type=submit]').click()
    # Then the page says so, the contact reads replied, and one SellerReply waits for the buyer
    wait_for(lambda: "Reply sent" in text(find(browser, "#status")), 10, "the reply to be sent")
    assert "replied" in text(find(browser, 'li[data-contact="SINBOX-C1"]'))
    entries = stack.get(f"/sellers/{SELLER}/inbox?status=replied", inbox)[1]["entries"]
    assert [e["contact_id"] for e in entries] == ["SINBOX-C1"]
    waiting = [m for m in waiting_replies(stack) if m["seller_id"] == SELLER]
    assert [(m["contact_id"], m["text"]) for m in waiting] == [("SINBOX-C1", POLITE)]
    shot(browser, "inbox-replied-desktop.png")


def waiting_replies(stack) -> list[dict]:
    """The SellerReply bodies waiting on the stack's buyer-messages queue (received without hiding them)."""
    import boto3

    sqs = boto3.client("sqs", endpoint_url=stack.env["AWS_ENDPOINT_URL"], region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    url = sqs.get_queue_url(QueueName="csba-local-buyer-messages")["QueueUrl"]
    found = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get("Messages", [])
    return [json.loads(m["Body"]) for m in found]


def test_the_profile_shows_why_the_vat_id_was_not_accepted(browser, stack, inbox):
    sign_in(browser, stack, inbox)
    go(browser, "profile")
    status = find(browser, '#profile-output dd[data-vat="refused"]')
    assert "Not accepted: the check digit does not match" in text(status)
    assert "DE136695977" in text(find(browser, "#profile-output"))
    shot(browser, "profile-desktop.png")


def test_at_phone_width_the_inbox_and_profile_fit(browser, stack, inbox):
    sign_in(browser, stack, inbox)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    try:
        go(browser, "inbox")
        card = find(browser, 'li[data-contact="SINBOX-C2"]')
        card.find_element(By.TAG_NAME, "button").click()
        type_reply(browser, "SINBOX-C2", "Besuchen Sie www.beispiel-shop.de, schreiben Sie an info@beispiel-shop.de")
        find(browser, 'li[data-contact="SINBOX-C2"] .violations li[data-rule="email_address"]')
        assert browser.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]") == [375, 375]
        shot(browser, "inbox-phone.png")
        go(browser, "profile")
        find(browser, '#profile-output dd[data-vat="refused"]')
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
        shot(browser, "profile-phone.png")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
