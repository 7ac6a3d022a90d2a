"""Issue 15: «Журнал» at 1366×900 in headless Chromium reads at a glance — statuses as badges, no
word broken mid-letter, long addresses cut with «…» and whole in their title, the date filters on
one line, the recipient placeholder whole, and test letters out of the list until asked for."""

import os
import pathlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_journal import queue
from test_panel_browser import log_in

LONG_ADDRESS = "anna.konstantinovna.rimskaya-korsakova@subdomain.example.com"

# Every run of non-space characters in the journal's cells and headers whose glyphs sit on more
# than one line: a word broken mid-letter («отправл|ено», «anna@example|.com»).
BROKEN_WORDS = """
const broken = [];
for (const cell of document.querySelectorAll("#journal th, #journal td")) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
}
return broken;
"""

# Cells whose whole text must stay on one line (numbers, times, badges): their text's line count.
MULTI_LINE_CELLS = """
const found = [];
for (const cell of document.querySelectorAll("#journal td.c-number, #journal td.c-time, #journal td.c-status")) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const lines = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) lines.add(Math.round(rect.top));
  }
  if (lines.size > 1) found.push(cell.textContent);
}
return found;
"""

# True when the input's placeholder fits in its box (measured with the input's own font).
PLACEHOLDER_FITS = """
const input = document.getElementById("f-recipient");
const style = getComputedStyle(input);
const context = document.createElement("canvas").getContext("2d");
context.font = style.font;
const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
return [context.measureText(input.placeholder).width, room];
"""


def screenshot(browser, name):
    """Saves the page when MAILROBOT_SCREENSHOTS names a folder (for a person to look at)."""
    folder = os.environ.get("MAILROBOT_SCREENSHOTS")
    if folder:
        pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(pathlib.Path(folder) / f"{name}.png"))


def test_journal_fits_1366_without_broken_words(browser, panel, data):
    panel.logged_in().create_profile("Магазин — Mail.ru")
    sent = queue(data, "boris@example.com", "Заказ №1 оформлен")
    failed = queue(data, LONG_ADDRESS, "Ваш заказ №1042 передан в службу доставки и скоро будет у вас")
    waiting = queue(data, "vera@example.com", "Заказ №3 оплачен")
    test_letter = queue(data, "shop@example.com", "Проверка профиля")
    data.sql("UPDATE letters SET status = 'sent', attempts = 1, sent_at = created_at, last_reply = "
             "'250 2.0.0 Ok: queued as 4XyZ12' WHERE id = ?", sent)
    data.sql("UPDATE letters SET status = 'failed', attempts = 3, "
             "last_reply = 'dns: Could not resolve host: smtp.mail.ru' WHERE id = ?", failed)
    data.sql("UPDATE letters SET attempts = 1, next_attempt_at = next_attempt_at + 3600, "
             "last_reply = 'data: no answer in time' WHERE id = ?", waiting)
    data.sql("UPDATE letters SET event = 'test', is_test = 1 WHERE id = ?", test_letter)

    browser.set_window_size(1366, 900)
    log_in(browser, panel)
    browser.get(panel.url + "/journal")
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "journal"))
    screenshot(browser, "journal-ru")

    rows = [row.get_attribute("id") for row in browser.find_elements(By.CSS_SELECTOR, "#journal tbody tr")]
    assert rows == [f"letter-{waiting}", f"letter-{failed}", f"letter-{sent}"], "the test letter is left out"
    assert browser.execute_script(BROKEN_WORDS) == []
    assert browser.execute_script(MULTI_LINE_CELLS) == []

    # Statuses are badges; the rows themselves are not coloured.
    badge = browser.find_element(By.CSS_SELECTOR, f"#letter-{failed} .badge")
    assert badge.text == "ошибка" and "status-failed" in badge.get_attribute("class")
    assert browser.find_element(By.ID, f"letter-{failed}").value_of_css_property("color") == \
        browser.find_element(By.ID, f"letter-{sent}").value_of_css_property("color")

    # The long address is cut with «…» and whole on hover; the outcome is Russian, not «Ответ сервера».
    clip = browser.find_element(By.CSS_SELECTOR, f"#letter-{failed} td[title='{LONG_ADDRESS}'] .clip")
    assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", clip)
    row_text = browser.find_element(By.ID, f"letter-{failed}").text
    assert "Ошибка: сервер не найден (DNS)" in row_text and "Could not resolve" not in row_text
    assert "Ответ сервера: 250 2.0.0" in browser.find_element(By.ID, f"letter-{sent}").text

    # The table fits the screen: no scrolling sideways.
    wrap = browser.find_element(By.CSS_SELECTOR, ".table-wrap")
    assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", wrap)

    # The date filters side by side; the placeholder whole.
    date_from = browser.find_element(By.ID, "f-date-from").rect
    date_to = browser.find_element(By.ID, "f-date-to").rect
    assert abs(date_from["y"] - date_to["y"]) < 2 and date_to["x"] > date_from["x"]
    text_width, room = browser.execute_script(PLACEHOLDER_FITS)
    assert text_width <= room, f"placeholder {text_width:.0f} px in {room:.0f} px"

    # The toggle shows the test letter too.
    browser.find_element(By.ID, "f-tests").click()
    browser.find_element(By.ID, "journal-apply").click()
    WebDriverWait(browser, 15).until(lambda b: "tests=1" in b.current_url)
    assert browser.find_element(By.ID, f"letter-{test_letter}")
    assert browser.execute_script(BROKEN_WORDS) == []

    browser.get(f"{panel.url}/lang?to=en&back=%2Fjournal")
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "journal"))
    screenshot(browser, "journal-en")
    assert browser.execute_script(BROKEN_WORDS) == []
    assert browser.execute_script(MULTI_LINE_CELLS) == []
    assert "Error: server not found (DNS)" in browser.find_element(By.ID, f"letter-{failed}").text
    text_width, room = browser.execute_script(PLACEHOLDER_FITS)
    assert text_width <= room, f"English placeholder {text_width:.0f} px in {room:.0f} px"
    assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth",
                                  browser.find_element(By.CSS_SELECTOR, ".table-wrap"))
