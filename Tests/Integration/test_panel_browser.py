"""Issue 2: an admin manages «Профили email» in headless Chromium, through nginx and FastCGI."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness


def log_in(browser, panel):
    browser.get(panel.url + "/profiles")
    assert "/login" in browser.current_url
    browser.find_element(By.ID, "name").send_keys(harness.ADMIN_NAME)
    browser.find_element(By.ID, "password").send_keys(harness.ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/profiles"))


def absent(browser, css):
    """True when no element matches, without waiting out the implicit wait."""
    browser.implicitly_wait(0)
    try:
        return not browser.find_elements(By.CSS_SELECTOR, css)
    finally:
        browser.implicitly_wait(10)


def click_link(browser, text):
    browser.find_element(By.LINK_TEXT, text).click()


def fill(browser, field, value):
    element = browser.find_element(By.ID, "f-" + field)
    element.clear()
    element.send_keys(value)


def submit_profile(browser):
    browser.find_element(By.CSS_SELECTOR, ".form-actions button.primary").click()


def rows(browser):
    return {row.get_attribute("data-profile"): row for row in browser.find_elements(By.CSS_SELECTOR, "#profiles tbody tr")}


def row_action(browser, name, text):
    rows(browser)[name].find_element(By.LINK_TEXT, text).click()


def test_admin_manages_profiles(browser, panel, data):
    log_in(browser, panel)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Профили email"

    # 1. A Yandex mailbox from the preset: server, port and SSL fill in at once.
    click_link(browser, "Создать")
    Select(browser.find_element(By.ID, "preset")).select_by_visible_text("Яндекс")
    assert browser.find_element(By.ID, "f-host").get_attribute("value") == "smtp.yandex.ru"
    assert browser.find_element(By.ID, "f-port").get_attribute("value") == "465"
    assert Select(browser.find_element(By.ID, "f-security")).first_selected_option.text == "SSL/TLS"
    assert "пароль" in browser.find_element(By.ID, "preset-note").text.lower()
    fill(browser, "name", "Яндекс магазина")
    fill(browser, "login", "shop@yandex.ru")
    fill(browser, "password", "yandex-app-password")
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "создан." in b.page_source)

    # 2. A mailbox by hand, first with a wrong port: the message sits next to the field.
    click_link(browser, "Создать")
    fill(browser, "name", "Свой сервер")
    fill(browser, "host", "mail.shop.example")
    Select(browser.find_element(By.ID, "f-security")).select_by_visible_text("STARTTLS")
    fill(browser, "port", "70000")
    fill(browser, "login", "robot@shop.example")
    fill(browser, "password", "hand-typed-password")
    submit_profile(browser)
    error = browser.find_element(By.ID, "e-port")
    assert "65535" in error.text
    assert browser.find_element(By.ID, "f-name").get_attribute("value") == "Свой сервер"
    assert browser.find_element(By.ID, "f-password").get_attribute("value") == "", "never sent back in clear"
    assert "запомнен" in browser.find_element(By.ID, "h-password").text, "but kept for the next submit"
    fill(browser, "port", "587")
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "создан." in b.page_source)

    # 3. Gmail, switched to STARTTLS: the port follows.
    click_link(browser, "Создать")
    Select(browser.find_element(By.ID, "preset")).select_by_visible_text("Gmail")
    Select(browser.find_element(By.ID, "f-security")).select_by_visible_text("STARTTLS")
    assert browser.find_element(By.ID, "f-port").get_attribute("value") == "587"
    fill(browser, "name", "Gmail")
    fill(browser, "login", "shop@gmail.com")
    fill(browser, "password", "gmail-app-password")
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "создан." in b.page_source)
    assert set(rows(browser)) == {"Яндекс магазина", "Свой сервер", "Gmail"}
    assert "is-default" in rows(browser)["Яндекс магазина"].get_attribute("class")

    # 4. Limits on the «Параметры» tab.
    row_action(browser, "Gmail", "Редактировать")
    browser.find_element(By.ID, "tab-params").click()
    fill(browser, "max_per_day", "450")
    fill(browser, "interval_minutes", "2")
    fill(browser, "batch_size", "15")
    fill(browser, "priority_per_day", "40")
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "сохранён." in b.page_source)
    assert rows(browser)["Gmail"].find_element(By.CSS_SELECTOR, ".use").text == "0 / 450"
    assert data.sql("SELECT max_per_day, interval_minutes, batch_size, priority_per_day FROM profiles WHERE name = 'Gmail'") == [(450, 2, 15, 40)]

    # 5. Move the default to «Свой сервер» through its form.
    row_action(browser, "Свой сервер", "Редактировать")
    checkbox = browser.find_element(By.NAME, "is_default")
    if not checkbox.is_selected():
        checkbox.click()
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "сохранён." in b.page_source)
    assert "is-default" in rows(browser)["Свой сервер"].get_attribute("class")
    assert data.sql("SELECT name FROM profiles WHERE is_default = 1") == [("Свой сервер",)]

    # 6. The default offers no «Удалить запись»; its address says why and offers the next step.
    assert not rows(browser)["Свой сервер"].find_elements(By.LINK_TEXT, "Удалить запись")
    own = data.sql("SELECT id FROM profiles WHERE name = 'Свой сервер'")[0][0]
    browser.get(panel.url + f"/profiles/{own}/delete")
    assert "профиль по умолчанию" in browser.find_element(By.CSS_SELECTOR, ".form-error").text
    assert absent(browser, "form button.danger")
    assert browser.find_element(By.XPATH, "//button[text()='Сделать по умолчанию «Gmail»']")
    click_link(browser, "К списку профилей")

    # 7. Delete the others after confirming.
    for name in ("Gmail", "Яндекс магазина"):
        row_action(browser, name, "Удалить запись")
        browser.find_element(By.CSS_SELECTOR, "form button.danger").click()
        WebDriverWait(browser, 15).until(lambda b: "удалён." in b.page_source)
    assert set(rows(browser)) == {"Свой сервер"}

    # 8. The last one cannot be deleted: the page offers to create another.
    browser.get(panel.url + f"/profiles/{own}/delete")
    assert "единственный профиль" in browser.find_element(By.CSS_SELECTOR, ".form-error").text
    assert browser.find_element(By.LINK_TEXT, "Создать профиль")
    assert data.sql("SELECT count(*) FROM profiles") == [(1,)]


def test_form_works_without_javascript(panel, data):
    client = panel.logged_in()
    client.get("/profiles/new")
    page = client.post("/profiles", {"preset": "mailru", "apply_preset": "1", "name": "Mail.ru"}).text
    assert 'value="smtp.mail.ru"' in page and "внешних приложений" in page
    client.create_profile("Mail.ru", host="smtp.mail.ru", port="465", security="ssl")
    assert data.sql("SELECT host, port, security FROM profiles") == [("smtp.mail.ru", 465, "ssl")]
