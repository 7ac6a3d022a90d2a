"""Issue 3: letters over real SMTP in every security mode, and «Проверка профиля» when it fails."""

import email
import email.header
import email.policy
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness
from test_panel_browser import log_in, row_action

SENDER_NAME = "Магазин «Ромашка»"
SUBJECT = "Ваш заказ №42 оформлен — спасибо! 🌼"
AUTH = "shop@example.com:app-secret-1"

MODES = [("plain", "none"), ("starttls", "starttls"), ("tls", "ssl")]


def tls_options(mode, certificates):
    return {"mode": mode, "certificates": certificates if mode != "plain" else None}


def check_profile(data, profile, to="admin@example.com", timeout="3"):
    return data.send("test", "--profile", profile, "--to", to, check=False, timeout=90,
                     env={"MAILROBOT_SMTP_TIMEOUT": timeout, "MAILROBOT_CA_FILE": str(data.ca_file)})


@pytest.fixture
def checked_data(data, certificates):
    data.ca_file = certificates / "ca.crt"
    return data


@pytest.mark.parametrize("mode,security", MODES)
def test_letter_arrives_in_each_mode_with_the_typed_name_and_subject(panel, checked_data, smtp, certificates, mode, security):
    data = checked_data
    server = smtp(auth=AUTH, **tls_options(mode, certificates))
    client = panel.logged_in()
    client.create_profile("Магазин", host="localhost", port=str(server.port), security=security,
                          sender_name=SENDER_NAME, login="shop@example.com", password="app-secret-1")
    data.send("enqueue", "--to", "anna@example.com", "--to-name", "Анна Петрова", "--subject", SUBJECT,
              "--text", "Здравствуйте!\nВаш заказ оформлен.", "--html", "<p>Здравствуйте!</p>")
    result = data.send("run", check=False, env={"MAILROBOT_CA_FILE": str(certificates / "ca.crt")})
    assert result.returncode == 0, result.stderr
    [received] = server.messages()
    message = email.message_from_bytes(received["content"], policy=email.policy.default)
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses[0].display_name == SENDER_NAME
    assert message["From"].addresses[0].addr_spec == "shop@example.com"
    assert message["To"].addresses[0].display_name == "Анна Петрова"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == "Здравствуйте!\nВаш заказ оформлен."
    assert message.get_body(("html",)).get_content().strip() == "<p>Здравствуйте!</p>"
    assert message["Message-ID"].endswith("@example.com>")
    assert received["mail_from"] == "shop@example.com"


def test_long_names_decode_exactly_with_an_rfc2047_decoder(panel, checked_data, smtp):
    """CPython's policy.default inserts a space between adjacent encoded-words in a display name
    (even in names Python wrote itself); RFC 2047 says that whitespace is not part of the text.
    A long name is split into several words, so it is read back with the RFC decoder."""
    data = checked_data
    server = smtp()
    long_name = "Интернет-магазин бытовой техники «Ромашка и партнёры»"
    panel.logged_in().create_profile("Магазин", port=str(server.port), sender_name=long_name)
    data.send("enqueue", "--to", "a@example.com", "--subject", "Тест", "--text", "x")
    data.send("run")
    raw_from = email.message_from_bytes(server.messages()[0]["content"])["From"]
    decoded = str(email.header.make_header(email.header.decode_header(raw_from.split("<")[0].strip())))
    assert decoded == long_name


def test_check_page_in_chromium_against_a_real_server(browser, panel, checked_data, smtp, certificates):
    server = smtp(auth=AUTH, mode="starttls", certificates=certificates)
    panel.logged_in().create_profile("Магазин", host="localhost", port=str(server.port), security="starttls")
    log_in(browser, panel)
    row_action(browser, "Магазин", "Проверка профиля")
    address = browser.find_element(By.ID, "to")
    address.clear()
    address.send_keys("admin@example.com")
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    result = WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    assert "Письмо принято сервером" in result.text
    assert "250" in result.text
    transcript = browser.find_element(By.CSS_SELECTOR, "pre.transcript").text
    assert "STARTTLS" in transcript and "app-secret-1" not in transcript
    [received] = server.messages()
    assert received["rcpt_tos"] == ["admin@example.com"]
    assert checked_data.sql("SELECT is_test, priority, status FROM letters") == [(1, 1, "sent")]


def test_check_page_shows_the_failing_step_and_hint(browser, panel, checked_data, smtp):
    server = smtp(auth=AUTH)
    panel.logged_in().create_profile("Магазин", port=str(server.port), password="wrong-password")
    log_in(browser, panel)
    row_action(browser, "Магазин", "Проверка профиля")
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    result = WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    assert "вход (логин и пароль)" in result.text
    assert "535" in result.text
    assert "пароль" in result.find_element(By.CSS_SELECTOR, ".hint").text
    page = browser.page_source
    assert "wrong-password" not in page


@pytest.mark.parametrize("case", ["wrong_password", "wrong_port", "tls_on_starttls_port", "starttls_on_tls_port",
                                  "untrusted_certificate", "silent_server", "recipient_refused"])
def test_failures_name_the_step_and_hint_within_the_timeout(panel, checked_data, smtp, certificates, case):
    data = checked_data
    profile = {"host": "localhost", "security": "none", "password": "app-secret-1"}
    to = "admin@example.com"
    if case == "wrong_password":
        server = smtp(auth=AUTH)
        profile.update(port=str(server.port), password="wrong")
        expect_step, expect_text = "auth", "535"
    elif case == "wrong_port":
        profile.update(port=str(harness.free_port()))
        expect_step, expect_text = "connect", "порт"
    elif case == "tls_on_starttls_port":
        server = smtp(mode="starttls", certificates=certificates)
        profile.update(port=str(server.port), security="ssl")
        expect_step, expect_text = "tls", "STARTTLS"
    elif case == "starttls_on_tls_port":
        server = smtp(mode="tls", certificates=certificates)
        profile.update(port=str(server.port), security="starttls")
        expect_step, expect_text = "greeting", "SSL/TLS"
    elif case == "untrusted_certificate":
        untrusted = certificates / "untrusted"
        untrusted.mkdir(exist_ok=True)
        (untrusted / "server.crt").write_bytes((certificates / "untrusted.crt").read_bytes())
        (untrusted / "server.key").write_bytes((certificates / "untrusted.key").read_bytes())
        server = smtp(mode="tls", certificates=untrusted)
        profile.update(port=str(server.port), security="ssl")
        expect_step, expect_text = "tls", "сертификат"
    elif case == "silent_server":
        server = smtp(script=[{"cmd": "GREETING", "silent": True}], hold_ms=30000)
        profile.update(port=str(server.port))
        expect_step, expect_text = "greeting", "ничего не ответил"
    else:
        server = smtp(script=[{"cmd": "RCPT", "reply": "550 5.1.1 <nobody@example.com>: Recipient address rejected"}])
        profile.update(port=str(server.port))
        to = "nobody@example.com"
        expect_step, expect_text = "recipient", "550 5.1.1"
    panel.logged_in().create_profile("Проверяемый", **profile)
    started = time.monotonic()
    result = check_profile(data, "Проверяемый", to=to)
    elapsed = time.monotonic() - started
    output = result.stdout
    assert result.returncode != 0
    assert output.startswith(f"failed at {expect_step}"), output
    assert expect_text.lower() in output.lower(), output
    assert "подсказка:" in output
    assert elapsed < 40, "bounded by the timeouts"
    assert profile["password"] not in output
