"""Issue 15: «Настройки», «API-токены» and «События» at 1366×900 in headless Chromium, Russian and
English: Russia's time zones first and the select inside its form, the token's «Копировать» button
and full API address, and a 600 px letter shown whole in the event's preview."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_journal_layout import screenshot
from test_panel_browser import log_in

RIGHT_EDGE = "const r = arguments[0].getBoundingClientRect(); return r.right;"


def test_settings_tokens_and_events_at_1366(browser, panel):
    panel.logged_in().create_profile("Магазин — Mail.ru")
    browser.set_window_size(1366, 900)
    log_in(browser, panel)
    words = {
        "ru": {"first": ["Калининград, UTC+2", "Москва, UTC+3"], "last": "Анадырь, UTC+12",
               "copied": "Скопировано", "copy": "Копировать"},
        "en": {"first": ["Kaliningrad, UTC+2", "Moscow, UTC+3"], "last": "Anadyr, UTC+12",
               "copied": "Copied", "copy": "Copy"},
    }
    for language, expected in words.items():
        browser.get(f"{panel.url}/lang?to={language}&back=%2Fsettings")
        WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "f-timezone"))
        screenshot(browser, f"settings-{language}")
        select = browser.find_element(By.ID, "f-timezone")
        options = [option.text for option in select.find_elements(By.TAG_NAME, "option")]
        assert options[:2] == expected["first"]
        assert options.index(expected["last"]) < options.index(next(o for o in options if o.startswith("UTC−11")))
        form = browser.find_element(By.ID, "settings-form")
        assert browser.execute_script(RIGHT_EDGE, select) <= browser.execute_script(RIGHT_EDGE, form)

        browser.get(f"{panel.url}/tokens")
        browser.find_element(By.ID, "f-token-name").send_keys(f"shop.example {language}")
        browser.find_element(By.ID, "token-create").click()
        WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "new-token"))
        endpoint = f"POST {panel.url}/api/v1/messages"
        assert browser.find_element(By.ID, "api-endpoint").text == endpoint
        assert browser.find_element(By.ID, "new-token-usage").text.startswith(endpoint)
        button = browser.find_element(By.ID, "new-token-copy")
        assert button.is_displayed() and button.text == expected["copy"], "JavaScript shows the button"
        button.click()
        WebDriverWait(browser, 5).until(lambda b: button.text == expected["copied"])
        screenshot(browser, f"tokens-{language}")

        browser.get(f"{panel.url}/events")
        screenshot(browser, f"events-{language}")
        browser.find_element(By.CSS_SELECTOR, "tr[data-event='order_placed'] a.name").click()
        WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/events/order_placed"))
        screenshot(browser, f"event-{language}")
        frame = browser.find_element(By.ID, "preview-html")
        assert browser.execute_script("return arguments[0].clientWidth", frame) >= 600, "a 600 px letter is not cut"
        assert browser.execute_script(RIGHT_EDGE, frame) <= 1366
