"""Issue 15: «Профили email» at 1366×900 in headless Chromium — the list fits, states read in words,
errors in Russian under the right label, and a failed save keeps the typed password.

Set MAILROBOT_SCREENSHOTS=DIR to keep PNGs of the pages (Russian and English) for a look."""

import os
import pathlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_panel_browser import fill, log_in, rows, submit_profile

AUTH = "shop@example.com:app-secret-1"


def shoot(browser, name):
    folder = os.environ.get("MAILROBOT_SCREENSHOTS")
    if folder:
        pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1366, max(900, height + 120))
        browser.save_screenshot(str(pathlib.Path(folder) / f"{name}.png"))
        browser.set_window_size(1366, 900)


def no_horizontal_overflow(browser):
    widths = browser.execute_script(
        "const w = document.querySelector('.table-wrap');"
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " w ? w.scrollWidth : 0, w ? w.clientWidth : 0];")
    page_scroll, page_client, wrap_scroll, wrap_client = widths
    assert page_scroll <= page_client, widths
    assert wrap_scroll <= wrap_client, widths


def english(browser, panel):
    browser.get(panel.url + "/lang?to=en&back=%2Fprofiles")


def test_profile_list_fits_1366_with_states_and_use(browser, panel, data, smtp):
    server = smtp(auth=AUTH)
    client = panel.logged_in()
    client.create_profile("Магазин — Mail.ru", port=str(server.port), sender_name="Интернет-магазин «Ромашка»",
                          sender_email="shop@romashka-shop.ru", max_per_day="300", is_default="1")
    client.create_profile("Резервный ящик на домене магазина", host="smtp.shop.invalid", port="465",
                          security="ssl", sender_name="Интернет-магазин «Ромашка»",
                          sender_email="robot@romashka-shop.ru")
    client.create_profile("Рассылки", port=str(server.port), max_per_day="500")
    client.create_profile("Старый ящик", port=str(server.port), password="old-password")
    browser.set_window_size(1366, 900)
    log_in(browser, panel)

    # A refused login: «Ошибка входа», the server's words in the badge's title, «проверить» beside it.
    rows(browser)["Старый ящик"].find_element(By.LINK_TEXT, "Проверка профиля").click()
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    result = WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    assert result.find_element(By.CSS_SELECTOR, ".outcome").text.startswith("Ответ сервера: 535")
    browser.get(panel.url + "/profiles")

    # A new profile is «Не проверен», not «Работает».
    state = rows(browser)["Магазин — Mail.ru"].find_element(By.CSS_SELECTOR, ".badge")
    assert state.text == "Не проверен"
    status = data.send("status").stdout
    assert "Магазин — Mail.ru (#1, по умолчанию): Не проверен" in status

    # A check that went: «Работает» and today's use 1 / 300.
    rows(browser)["Магазин — Mail.ru"].find_element(By.LINK_TEXT, "Проверка профиля").click()
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    assert "Письмо принято сервером" in browser.find_element(By.ID, "check-result").text

    # A DNS failure: Russian words under «Ошибка», no English under «Ответ сервера».
    browser.get(panel.url + "/profiles")
    rows(browser)["Резервный ящик на домене магазина"].find_element(By.LINK_TEXT, "Проверка профиля").click()
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    result = WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    outcome = result.find_element(By.CSS_SELECTOR, ".outcome").text
    assert outcome.startswith("Ошибка: сервер не найден (DNS)"), outcome
    assert "Ответ сервера" not in result.text
    assert "Could not resolve" not in result.text
    assert result.find_element(By.LINK_TEXT, "Изменить профиль").get_attribute("href").endswith("/profiles/2/edit")
    shoot(browser, "check_dns_ru")

    browser.get(panel.url + "/profiles")
    no_horizontal_overflow(browser)
    shoot(browser, "profiles_ru")
    main = rows(browser)["Магазин — Mail.ru"]
    assert main.find_element(By.CSS_SELECTOR, ".badge").text == "Работает"
    assert main.find_element(By.CSS_SELECTOR, ".use").text == "1 / 300"
    assert main.find_element(By.CSS_SELECTOR, ".server-cell").text == f"127.0.0.1:{server.port} · Нет"
    assert main.find_element(By.CSS_SELECTOR, ".sender-cell").text == "Интернет-магазин «Ромашка» <shop@romashka-shop.ru>"
    assert not main.find_elements(By.LINK_TEXT, "Удалить запись"), "the default profile cannot be deleted"
    assert rows(browser)["Рассылки"].find_element(By.CSS_SELECTOR, ".badge").text == "Не проверен"
    refused = rows(browser)["Старый ящик"].find_element(By.CSS_SELECTOR, ".state-cell")
    assert refused.text == "Ошибка входа — проверить", refused.text
    assert refused.find_element(By.CSS_SELECTOR, ".badge").get_attribute("title").startswith("535")
    failed = rows(browser)["Резервный ящик на домене магазина"].find_element(By.CSS_SELECTOR, ".state-cell").text
    assert failed.startswith("Ошибка: сервер не найден (DNS), ") and failed.endswith("— проверить"), failed
    for row in rows(browser).values():
        actions = row.find_element(By.CSS_SELECTOR, ".row-actions")
        links = actions.find_elements(By.CSS_SELECTOR, "a, button")
        assert len({round(link.location["y"]) for link in links}) == 1, "actions on one line"
        assert row.size["height"] < 100, row.size
    status = data.send("status").stdout
    assert "Резервный ящик на домене магазина (#2): Ошибка: сервер не найден (DNS), " in status

    english(browser, panel)
    no_horizontal_overflow(browser)
    assert rows(browser)["Магазин — Mail.ru"].find_element(By.CSS_SELECTOR, ".badge").text == "Working"
    shoot(browser, "profiles_en")
    browser.get(panel.url + "/profiles/2/check")
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    result = WebDriverWait(browser, 60).until(lambda b: b.find_element(By.ID, "check-result"))
    assert result.find_element(By.CSS_SELECTOR, ".outcome").text.startswith("Error: server not found (DNS)")
    shoot(browser, "check_dns_en")


def test_a_params_error_keeps_the_password(browser, panel, data, smtp):
    server = smtp(auth=AUTH)
    browser.set_window_size(1366, 900)
    log_in(browser, panel)
    browser.find_element(By.LINK_TEXT, "Создать").click()
    fill(browser, "name", "Магазин")
    fill(browser, "host", "127.0.0.1")
    fill(browser, "port", str(server.port))
    fill(browser, "login", "shop@example.com")
    fill(browser, "password", "app-secret-1")
    browser.find_element(By.ID, "tab-params").click()
    fill(browser, "max_per_day", "100")
    fill(browser, "priority_per_day", "500")
    submit_profile(browser)
    summary = browser.find_element(By.ID, "form-summary")
    assert "Кол-во приоритетных сообщений в сутки" in summary.text
    # The tabs show once app.js has run (DOMContentLoaded): wait for it rather than read them early.
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "tab-params").text == "Параметры ●1")
    assert browser.find_element(By.ID, "f-priority_per_day").is_displayed(), "the tab with the error opens"
    assert "запомнен" in browser.find_element(By.ID, "h-password").get_attribute("textContent")
    assert "app-secret-1" not in browser.page_source
    intro = browser.find_element(By.CSS_SELECTOR, "#panel-params > .help").rect
    label = browser.find_element(By.CSS_SELECTOR, "label[for='f-max_per_day']").rect
    assert label["y"] - (intro["y"] + intro["height"]) >= 12, "the tab's intro stands apart from the first label"
    shoot(browser, "form_errors_ru")
    browser.find_element(By.ID, "tab-main").click()
    assert browser.find_element(By.ID, "h-password").text.startswith("Пароль, введённый раньше, запомнен")
    assert browser.find_element(By.CSS_SELECTOR, "label[for='f-password']").text == "Пароль", "not required when kept"
    shoot(browser, "form_errors_main_ru")

    browser.find_element(By.ID, "tab-params").click()
    fill(browser, "priority_per_day", "20")
    submit_profile(browser)
    WebDriverWait(browser, 15).until(lambda b: "Профиль «Магазин» создан." in b.page_source)
    flash = browser.find_element(By.CSS_SELECTOR, ".flash")
    assert flash.find_element(By.LINK_TEXT, "Проверить профиль")
    browser.refresh()
    assert "создан" not in browser.page_source, "a reload does not repeat the message"

    # Saved with the password typed before the error (WebTests open the seal and compare it).
    assert data.sql("SELECT length(password_sealed) > 0 FROM profiles WHERE name = 'Магазин'") == [(1,)]

    english(browser, panel)
    browser.get(panel.url + "/profiles/new")
    fill(browser, "name", "Shop")
    fill(browser, "password", "x")
    fill(browser, "port", "70000")
    submit_profile(browser)
    # The summary is only on the answer: found, the old page (and its tabs) is gone.
    assert browser.find_element(By.ID, "form-summary").text.startswith("The profile was not saved.")
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "tab-main").text.startswith("Main ●"))
    shoot(browser, "form_errors_en")


def test_the_default_profiles_refusal_offers_the_next_step(browser, panel):
    client = panel.logged_in()
    client.create_profile("Магазин — Mail.ru", is_default="1")
    client.create_profile("Резервный ящик")
    browser.set_window_size(1366, 900)
    log_in(browser, panel)
    assert not rows(browser)["Магазин — Mail.ru"].find_elements(By.LINK_TEXT, "Удалить запись")

    # Reached by its address anyway (a bookmark, an old tab): the refusal names the way out.
    browser.get(panel.url + "/profiles/1/delete")
    refusal = browser.find_element(By.CSS_SELECTOR, ".form-error")
    assert refusal.text.startswith("Это профиль по умолчанию: его нельзя удалить.")
    steps = browser.find_element(By.CSS_SELECTOR, ".next-steps")
    buttons = steps.find_elements(By.CSS_SELECTOR, "a, button")
    assert [b.text for b in buttons] == ["Сделать по умолчанию «Резервный ящик»", "К списку профилей"]
    card = browser.find_element(By.CSS_SELECTOR, "section.card").rect
    for button in buttons:
        box = button.rect
        assert box["x"] + box["width"] <= card["x"] + card["width"], "a next step stays inside the card"
        assert box["height"] < 50, "each next step is one line of words"
    shoot(browser, "refusal_ru")

    english(browser, panel)
    browser.get(panel.url + "/profiles/1/delete")
    steps = browser.find_element(By.CSS_SELECTOR, ".next-steps")
    assert [b.text for b in steps.find_elements(By.CSS_SELECTOR, "a, button")] == [
        "Make “Резервный ящик” the default", "Back to the profiles"]
    shoot(browser, "refusal_en")

    steps.find_element(By.TAG_NAME, "button").click()
    flash = WebDriverWait(browser, 15).until(lambda b: b.find_element(By.CSS_SELECTOR, ".flash"))
    assert flash.text == "Profile “Резервный ящик” is now the default."
    assert rows(browser)["Магазин — Mail.ru"].find_element(By.LINK_TEXT, "Delete")
