"""Issue 13: alerts. A profile broken by a wrong password at a real SMTP server (aiosmtpd with
AUTH) is announced once — a letter to the configured admin through a second, healthy profile's
SMTP server, and a webhook POST — the banner names it on every page (Chromium) until the
password is fixed; «Обзор» shows the profile's card broken, with the server's refusal, and
working again after the fix; then the recovery is announced once, and nothing more."""

import email
import email.policy
import json
import os
import pathlib
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness

SHOTS = pathlib.Path(os.environ.get("MAILROBOT_SCREENSHOTS", "/tmp/mailrobot-screenshots"))
ADMIN = "admin@shop.example"


class WebhookServer:
    """webhook_server.py on 127.0.0.1, recording each POST."""

    def __init__(self, work):
        self.log = pathlib.Path(work) / "webhook.jsonl"
        self.process = subprocess.Popen(
            [harness.PYTHON, str(harness.INTEGRATION / "webhook_server.py"), "--port", "0", "--log", str(self.log)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("READY "), line
        self.url = f"http://127.0.0.1:{int(line.split()[1])}/bot42:secret/sendMessage?chat_id=7"

    def bodies(self):
        if not self.log.exists():
            return []
        return [json.loads(json.loads(line)["body"]) for line in self.log.read_text().splitlines()]

    def stop(self):
        harness.stop_process(self.process)


def letters_to(server, address):
    found = []
    for message in server.messages():
        if address in message["rcpt_tos"]:
            found.append(email.message_from_bytes(message["content"], policy=email.policy.default))
    return found


def log_in(browser, panel):
    browser.get(panel.url + "/login")
    browser.find_element(By.ID, "name").send_keys(harness.ADMIN_NAME)
    browser.find_element(By.ID, "password").send_keys(harness.ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: "/login" not in b.current_url)


def banner(browser):
    browser.implicitly_wait(0)
    try:
        found = browser.find_elements(By.ID, "failing-banner")
        return found[0].text if found else None
    finally:
        browser.implicitly_wait(10)


def shoot(browser, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / name))


def cards(browser):
    """«Обзор»'s profile cards by profile name."""
    return {card.get_attribute("data-profile"): card for card in browser.find_elements(By.CSS_SELECTOR, ".profile-card")}


def broken_card(browser, words):
    """«Обзор» shows «Магазин» broken, in words and colour, with the server's refusal; «Запасной»
    works."""
    found = cards(browser)
    card = found["Магазин"]
    assert "state-broken" in card.get_attribute("class").split(), card.get_attribute("class")
    assert card.find_element(By.CSS_SELECTOR, ".state strong").text == words
    assert "535" in card.find_element(By.CSS_SELECTOR, ".state .reason").text
    assert "state-ok" in found["Запасной"].get_attribute("class").split()


def test_broken_profile_is_announced_once_and_its_recovery_once(browser, panel, data, smtp, tmp_path):
    broken_server = smtp(auth="shop@example.com:the-new-password")
    healthy_server = smtp(auth="shop@example.com:app-secret-1")
    webhook = WebhookServer(tmp_path)
    try:
        client = panel.logged_in()
        client.create_profile("Магазин", port=str(broken_server.port), is_default="1")
        client.create_profile("Запасной", port=str(healthy_server.port))
        saved = client.post("/settings", {"timezone": "Europe/Moscow", "alert_recipients": ADMIN,
                                          "alert_webhook": webhook.url, "alert_hours": "6"})
        assert saved.status == 303, saved.text
        data.send("enqueue", "--to", "customer@example.com", "--subject", "Заказ 1", "--text", "Спасибо",
                  "--profile", "Магазин")

        first = data.send("run", check=False)
        assert first.returncode == 1 and "login refused" in first.stderr, first.stderr
        assert broken_server.messages() == []
        alerts = letters_to(healthy_server, ADMIN)
        assert len(alerts) == 1, healthy_server.messages()
        assert "Магазин" in alerts[0]["Subject"] and "ошибка входа" in alerts[0]["Subject"]
        assert "535" in alerts[0].get_body(("plain",)).get_content()
        assert [body["event"] for body in webhook.bodies()] == ["profile_broken"]
        assert webhook.bodies()[0]["profile"]["name"] == "Магазин"

        log_in(browser, panel)
        assert "Магазин" in (banner(browser) or ""), "the page after login has the banner too"

        def visit(path):
            browser.get(panel.url + path)
            text = banner(browser)
            assert text and "Магазин" in text and "Запасной" not in text, (path, text)

        for path in ("/overview", "/profiles", "/journal", "/events", "/settings"):
            visit(path)
        shoot(browser, "alerts-settings-ru.png")
        visit("/overview")
        broken_card(browser, "Ошибка входа")
        shoot(browser, "alerts-overview-ru.png")
        visit("/profiles")
        shoot(browser, "alerts-banner-ru.png")
        visit("/lang?to=en&back=%2Fsettings")
        WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        assert "Магазин" in banner(browser)
        shoot(browser, "alerts-settings-en.png")
        visit("/overview")
        broken_card(browser, "Login failed")
        shoot(browser, "alerts-overview-en.png")
        visit("/profiles")
        shoot(browser, "alerts-banner-en.png")
        page = browser.page_source
        assert "secret" not in page, "the webhook's token is never shown back"

        # The admin types the new password; the next pass sends the waiting letter and announces
        # the recovery, once.
        client.post("/profiles/1", {"name": "Магазин", "host": "127.0.0.1", "port": str(broken_server.port),
                                    "security": "none", "sender_name": "Магазин", "sender_email": "",
                                    "login": "shop@example.com", "password": "the-new-password",
                                    "max_per_day": "500", "interval_minutes": "0", "batch_size": "50",
                                    "priority_per_day": "50", "allow_plain_auth": "1", "allow_private_host": "1",
                                    "is_default": "1"})
        browser.get(panel.url + "/journal")
        assert banner(browser) is None
        second = data.send("run", check=False)
        assert second.returncode == 0, second.stderr
        assert [m["rcpt_tos"] for m in broken_server.messages()] == [["customer@example.com"]]
        alerts = letters_to(healthy_server, ADMIN)
        assert len(alerts) == 2 and "снова работает" in alerts[1]["Subject"]
        assert [body["event"] for body in webhook.bodies()] == ["profile_broken", "profile_recovered"]

        browser.get(panel.url + "/overview")
        assert banner(browser) is None
        card = cards(browser)["Магазин"]
        assert "state-ok" in card.get_attribute("class").split(), card.get_attribute("class")
        assert card.find_element(By.CSS_SELECTOR, ".state strong").text == "Working"
        assert not card.find_elements(By.CSS_SELECTOR, ".state .reason")

        for _ in range(2):
            assert data.send("run", check=False).returncode == 0
        assert len(letters_to(healthy_server, ADMIN)) == 2, "no third letter"
        assert len(webhook.bodies()) == 2
    finally:
        webhook.stop()


def test_settings_refuse_bad_addresses_and_urls(panel, data):
    client = panel.logged_in()
    for fields, error in [
        ({"alert_recipients": "admin@shop.example, not-an-address"}, "not-an-address"),
        ({"alert_webhook": "ftp://hooks.example.com/x"}, "https://"),
        ({"alert_webhook": "https://hooks.example.com/a b"}, "пробел"),
        ({"alert_hours": "0"}, "от 1 до 24"),
    ]:
        form = {"timezone": "Europe/Moscow", "alert_recipients": "", "alert_webhook": "", "alert_hours": "6", **fields}
        client.get("/settings")
        response = client.post("/settings", form)
        assert response.status == 422 and error in response.text, (fields, response.status)
    assert data.sql("SELECT count(*) FROM settings WHERE key LIKE 'alerts.%'") == [(0,)]
