"""Issue 5: the «События» pages in headless Chromium — edit a template, watch the live preview,
save (the message said once), and a broken template refused with its line."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_panel_browser import log_in


def open_event(browser, panel, code):
    browser.get(panel.url + "/events")
    row = browser.find_element(By.CSS_SELECTOR, f'#events tr[data-event="{code}"]')
    row.find_element(By.LINK_TEXT, "Редактировать").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "event-code").text == code)


def replace(browser, element_id, text):
    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(text)


def preview_html(browser):
    browser.switch_to.frame(browser.find_element(By.ID, "preview-html"))
    try:
        return browser.find_element(By.TAG_NAME, "body").text
    finally:
        browser.switch_to.default_content()


def test_edit_preview_save_and_a_broken_template(browser, panel, data):
    panel.logged_in().create_profile("Магазин")
    log_in(browser, panel)
    open_event(browser, panel, "order_placed")
    assert "Заказ №10482 оформлен" in browser.find_element(By.ID, "preview-subject").text
    assert "Анна Петрова" in preview_html(browser)
    assert "order_number" in browser.find_element(By.ID, "event-variables").text

    # Typing updates the preview by itself (JavaScript), rendered with the sample data.
    replace(browser, "f-subject", "Спасибо за заказ №{{order_number}}, {{customer_name}}!")
    WebDriverWait(browser, 15).until(
        lambda b: b.find_element(By.ID, "preview-subject").text == "Спасибо за заказ №10482, Анна Петрова!")
    browser.find_element(By.ID, "event-save").click()
    # The message names the event, and a reload does not bring it back (a one-shot cookie).
    flash = WebDriverWait(browser, 15).until(lambda b: b.find_element(By.CSS_SELECTOR, "p.flash"))
    assert flash.text == "Событие «Заказ оформлен» сохранено."
    assert browser.current_url.endswith("/events")
    browser.refresh()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "events"))
    assert not browser.find_elements(By.CSS_SELECTOR, "p.flash")
    assert data.sql("SELECT subject FROM events WHERE code = 'order_placed'") == [
        ("Спасибо за заказ №{{order_number}}, {{customer_name}}!",)]

    # A section opened and never closed: refused, with the line, and nothing saved.
    saved_html = data.sql("SELECT html FROM events WHERE code = 'order_placed'")[0][0]
    open_event(browser, panel, "order_placed")
    replace(browser, "f-html", "<p>Здравствуйте!</p>\n<ul>\n{{#items}}<li>{{name}}</li>\n</ul>")
    browser.find_element(By.ID, "event-save").click()
    error = WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "e-html"))
    assert "строка 3" in error.text
    assert "{{#items}}" in browser.find_element(By.ID, "f-html").get_attribute("value"), "what was typed is kept"
    assert data.sql("SELECT html FROM events WHERE code = 'order_placed'") == [(saved_html,)]
