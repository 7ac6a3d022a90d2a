"""Issue 14 in headless Chromium, through nginx and FastCGI: «Проверка домена» on «Проверка профиля»
against a real DNS server (dnslib) on 127.0.0.1 — the panel reads MAILROBOT_DNS_SERVER — and the
«Резервный профиль» select of the profile form.

Screenshots go to MAILROBOT_SCREENSHOTS (a folder) when it is set."""

import os
import pathlib

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness
from test_panel_browser import log_in

KEY = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY/neDgaL2oqQE8T5illKqCgDtFHc8eHVAU"

ZONE = f"""
good.test. 60 IN TXT "v=spf1 ip4:127.0.0.1 -all"
s1._domainkey.good.test. 60 IN TXT "v=DKIM1; k=rsa; p={KEY}"
_dmarc.good.test. 60 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@good.test"
bare.test. 60 IN A 192.0.2.30
"""


def screenshot(browser, name, focus=None):
    """Saves the window, scrolled to the element of id `focus` if given."""
    folder = os.environ.get("MAILROBOT_SCREENSHOTS")
    if folder:
        if focus:
            browser.execute_script("document.getElementById(arguments[0]).scrollIntoView()", focus)
        pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(pathlib.Path(folder) / f"{name}.png"))


def switch_language(browser):
    browser.find_element(By.CSS_SELECTOR, "a[href^='/lang']").click()


def findings(browser):
    return {item.get_attribute("data-topic"): item for item in
            browser.find_elements(By.CSS_SELECTOR, "#domain-check li.finding")}


def check(browser, panel, profile_id, selector="", wait="domain-check"):
    browser.get(f"{panel.url}/profiles/{profile_id}/check")
    field = browser.find_element(By.ID, "to")
    field.clear()
    field.send_keys("admin@example.com")
    browser.find_element(By.ID, "dkim_selector").send_keys(selector)
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    WebDriverWait(browser, 60).until(lambda b: b.find_elements(By.ID, wait))


@pytest.fixture
def world(data, tmp_path, certificates):
    dns = harness.DNSServer(tmp_path, ZONE)
    smtp = harness.SMTPServer(tmp_path)
    panel = harness.Panel(data, tmp_path, ca_file=certificates / "ca.crt", env={"MAILROBOT_DNS_SERVER": dns.address})
    client = panel.logged_in()
    for name, login in (("Хороший", "shop@good.test"), ("Голый", "shop@bare.test")):
        client.create_profile(name, port=str(smtp.port), login=login, sender_email=login)
    ids = dict(data.sql("SELECT name, id FROM profiles"))
    yield panel, dns, smtp, ids
    panel.stop()
    smtp.stop()
    dns.stop()


def test_domain_findings_beside_the_test_letter(browser, world):
    panel, dns, smtp, ids = world
    log_in(browser, panel)

    check(browser, panel, ids["Хороший"], selector="s1")
    assert "Письмо принято сервером" in browser.find_element(By.ID, "check-result").text
    assert "good.test" in browser.find_element(By.CSS_SELECTOR, "#domain-check h2").text
    found = findings(browser)
    assert {topic: item.get_attribute("data-level") for topic, item in found.items()} == {
        "spf": "ok", "spfServer": "ok", "dkim": "ok", "dmarc": "ok"}
    assert "s1._domainkey.good.test." in dns.questions() or any("s1._domainkey" in q for q in dns.questions())
    assert "в порядке" in found["dmarc"].text
    screenshot(browser, "check-good-ru", focus="domain-check")

    check(browser, panel, ids["Голый"])
    found = findings(browser)
    assert found["spf"].get_attribute("data-level") == "problem"
    assert "v=spf1" in found["spf"].text, "what to publish"
    assert found["dmarc"].get_attribute("data-level") in ("problem", "warning")
    assert "_dmarc" in found["dmarc"].text
    screenshot(browser, "check-bare-ru", focus="domain-check")
    switch_language(browser)
    check(browser, panel, ids["Голый"])
    assert "Domain check" in browser.find_element(By.CSS_SELECTOR, "#domain-check h2").text
    assert "problem" in findings(browser)["spf"].text
    screenshot(browser, "check-bare-en", focus="domain-check")
    switch_language(browser)

    # A selector that is not a DNS label: a message at the field, nothing sent.
    check(browser, panel, ids["Хороший"], selector="bad selector!", wait="e-dkim_selector")
    assert browser.find_element(By.ID, "e-dkim_selector").text.startswith("Селектор")

    # DNS cannot be reached: «не удалось проверить», not an error of the domain.
    dns.stop()
    check(browser, panel, ids["Хороший"], selector="s1")
    levels = {item.get_attribute("data-level") for item in findings(browser).values()}
    assert levels == {"notChecked"}
    assert "не удалось проверить" in browser.find_element(By.ID, "domain-check").text
    screenshot(browser, "check-unreachable-ru", focus="domain-check")
    assert len(smtp.messages()) == 4, "every check with a valid form sent its test letter"


def test_reserve_select_on_the_profile_form(browser, world, data):
    panel, _, _, ids = world
    # Two mailboxes over SSL (the form has no «Разрешить пароль без шифрования» box yet, so a
    # profile without TLS cannot be saved from the browser).
    client = panel.logged_in()
    for name in ("Основной", "Запасной"):
        client.create_profile(name, host="smtp.example.com", port="465", security="ssl")
    ids = dict(data.sql("SELECT name, id FROM profiles"))
    good, bare = ids["Основной"], ids["Запасной"]
    log_in(browser, panel)

    browser.get(f"{panel.url}/profiles/{good}/edit")
    select = Select(browser.find_element(By.ID, "f-reserve_profile"))
    assert [option.text for option in select.options] == ["нет", "Голый", "Запасной", "Хороший"], "not itself"
    assert select.first_selected_option.text == "нет"
    assert "пока он не может отправлять" in browser.find_element(By.ID, "h-reserve_profile").text
    select.select_by_visible_text("Запасной")
    screenshot(browser, "form-reserve-ru", focus="f-reserve_profile")
    browser.find_element(By.CSS_SELECTOR, ".form-actions button.primary").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/profiles"))
    assert browser.find_element(By.CSS_SELECTOR, ".flash").text == "Профиль «Основной» сохранён."
    assert data.sql("SELECT reserve_profile_id FROM profiles WHERE id = ?", good) == [(bare,)]

    browser.get(f"{panel.url}/profiles/{good}/edit")
    assert Select(browser.find_element(By.ID, "f-reserve_profile")).first_selected_option.text == "Запасной"
    browser.get(f"{panel.url}/profiles/{bare}/edit")
    options = [o.text for o in Select(browser.find_element(By.ID, "f-reserve_profile")).options]
    assert "Основной" not in options and "Хороший" in options, "«Основной» would close a loop"
    switch_language(browser)
    browser.get(f"{panel.url}/profiles/{good}/edit")
    assert Select(browser.find_element(By.ID, "f-reserve_profile")).first_selected_option.text == "Запасной"
    assert browser.find_element(By.CSS_SELECTOR, "label[for='f-reserve_profile']").text == "Reserve profile"
    screenshot(browser, "form-reserve-en", focus="f-reserve_profile")
    switch_language(browser)

    # Deleting the reserve asks first and says which profile loses it.
    browser.get(f"{panel.url}/profiles/{bare}/delete")
    assert "«Основной»" in browser.find_element(By.ID, "reserve-of").text
    browser.find_element(By.CSS_SELECTOR, "form button.danger").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/profiles"))
    assert browser.find_element(By.CSS_SELECTOR, ".flash").text == "Профиль «Запасной» удалён."
    assert data.sql("SELECT reserve_profile_id FROM profiles WHERE id = ?", good) == [(None,)]
