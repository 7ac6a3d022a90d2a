"""Issue 13: «Обзор» in headless Chromium with real runs behind it, in Russian and in English."""

import io
import os
import pathlib
import time

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness
from test_sender import enqueue, run

DAY = 86_400


def cards(browser):
    return {card.get_attribute("data-profile"): card for card in browser.find_elements(By.CSS_SELECTOR, ".profile-card")}


def screenshot(browser, name, tmp_path):
    folder = pathlib.Path(os.environ.get("MAILROBOT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    browser.set_window_size(1366, 900)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(folder / name))
    browser.execute_script("document.getElementById('letters-chart').scrollIntoView()")
    browser.save_screenshot(str(folder / name.replace(".png", "-chart.png")))


def test_overview_shows_each_profile_and_the_letters_per_day(browser, panel, data, smtp, tmp_path):
    good = smtp()
    refusing = smtp(script=[{"cmd": "RCPT", "count": count, "reply": "550 5.1.1 No such user"} for count in (1, 3)])
    client = panel.logged_in()
    client.create_profile("Магазин", port=str(good.port), max_per_day="20", interval_minutes="5", batch_size="10",
                          priority_per_day="5", is_default="1")
    client.create_profile("Рассылка", port=str(refusing.port), login="news@example.com")
    client.create_profile("Резерв", port=str(harness.free_port()), login="spare@example.com")
    for number in range(12):
        enqueue(data, f"c{number}@example.com", profile="Магазин")
    for number in range(4):
        enqueue(data, f"n{number}@example.com", profile="Рассылка")
    enqueue(data, "spare@example.com", profile="Резерв")
    data.sql(f"UPDATE letters SET next_attempt_at = next_attempt_at - {4 * DAY}, created_at = created_at - {4 * DAY}")
    now = time.time()
    for moment in (now - 3 * DAY, now - 3 * DAY + 300, now - DAY):
        run(data, now=moment)
    for number in range(30):
        enqueue(data, f"w{number}@example.com", profile="Магазин")
    # Each profile's running totals: its last row holds all its letters.
    tallies = data.sql("SELECT sum(sent), sum(failed) FROM letter_totals AS t "
                       "WHERE slot = (SELECT max(slot) FROM letter_totals WHERE profile_id = t.profile_id)")[0]
    # The spare's letter fails: its retry would fall more than 72 hours after it was queued.
    assert tuple(tallies) == (14, 3)

    browser.get(panel.url + "/login")
    browser.find_element(By.ID, "name").send_keys(harness.ADMIN_NAME)
    browser.find_element(By.ID, "password").send_keys(harness.ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/overview"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Обзор"
    assert browser.find_element(By.CSS_SELECTOR, ".nav a").text == "Обзор", "first in the menu"

    found = cards(browser)
    assert set(found) == {"Магазин", "Рассылка", "Резерв"}
    shop = found["Магазин"].text
    assert "Работает" in shop and "Ждут отправки: обычных 30, приоритетных 0" in shop
    assert "Отправлено за 24 ч: 0 / 20" in shop and "резерв для приоритетных" in shop
    assert "Следующая отправка:" in shop and "Очередь опустеет к" in shop
    assert "state-ok" in found["Магазин"].get_attribute("class")
    spare = found["Резерв"].text
    assert "Ошибка: " in spare and "Последний сбой: " in spare
    assert "state-broken" in found["Резерв"].get_attribute("class")
    news = found["Рассылка"]
    assert "Письма в журнале" in news.text
    assert news.find_element(By.LINK_TEXT, "Письма в журнале").get_attribute("href").endswith("/journal?profile=2")

    bars = browser.find_elements(By.CSS_SELECTOR, "#letters-chart .bar-sent")
    assert len(bars) == 30
    heights = [int(bar.get_attribute("height")) for bar in bars]
    assert 1 <= 30 - heights.count(0) <= 2 and heights[-1] == 0, heights  # three days ago (two if at midnight)
    rows = browser.find_elements(By.CSS_SELECTOR, "#letters-per-day tbody tr")
    assert len(rows) == 30
    headers = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#letters-per-day thead th")]
    assert headers[0] == "День" and headers[-2:] == ["Всего: отправлено", "Всего: ошибки"]
    totals = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")][-2:] for row in rows]
    assert sum(int(sent) for sent, _ in totals) == 14 and sum(int(failed) for _, failed in totals) == 3
    screenshot(browser, "overview-ru.png", tmp_path)

    export = client.get("/overview/export.xlsx")
    assert export.status == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.body)).active
    assert [cell.value for cell in sheet[1]] == headers
    assert sheet.max_row == 31
    assert sum(sheet.cell(row=row, column=len(headers) - 1).value for row in range(2, 32)) == 14

    browser.find_element(By.CSS_SELECTOR, "a.lang").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Overview")
    shop = cards(browser)["Магазин"].text
    assert "Working" in shop and "Waiting: 30 regular, 0 priority" in shop and "Queue empty by" in shop
    screenshot(browser, "overview-en.png", tmp_path)

    browser.get(panel.url + "/journal?profile=1&status=queued")
    # The badge says the status; the forecast is the cell's title (and the next attempt's time).
    status = browser.find_element(By.CSS_SELECTOR, "tbody tr td:nth-child(3)")
    assert status.text == "queued" and "leaves about" in status.get_attribute("title")


def test_a_broken_profiles_card_says_its_reserve_carries_its_letters(browser, panel, data, smtp, tmp_path):
    """A mailbox whose login the mail host refuses, with «Запасной» as its reserve: its card says
    the letters go through the reserve, within the reserve's limits, and when its queue will be
    empty (not that they never leave); a broken profile with no working reserve says they wait."""
    shop_server = smtp(auth="shop@example.com:changed-at-the-host")
    spare_server = smtp(auth="spare@example.com:spare-secret-1")
    client = panel.logged_in()
    shop_form = {"host": "127.0.0.1", "port": str(shop_server.port), "security": "none", "interval_minutes": "0",
                 "login": "shop@example.com", "password": "app-secret-1", "is_default": "1"}
    client.create_profile("Магазин", **shop_form)
    client.create_profile("Запасной", host="127.0.0.1", port=str(spare_server.port), security="none",
                          login="spare@example.com", password="spare-secret-1", max_per_day="20",
                          interval_minutes="5", batch_size="4", priority_per_day="0")
    client.create_profile("Рассылка", port=str(harness.free_port()), login="news@example.com")
    client.create_profile("Старый", port=str(harness.free_port()), login="old@example.com")
    ids = dict(data.sql("SELECT name, id FROM profiles"))
    edit = dict(shop_form, name="Магазин", sender_name="Магазин", sender_email="", password="",
                max_per_day="500", batch_size="50", priority_per_day="50", allow_plain_auth="1",
                allow_private_host="1", reserve_profile=str(ids["Запасной"]))
    assert client.post(f"/profiles/{ids['Магазин']}", edit).status == 303
    # «Рассылка» is broken too and names «Старый», broken with no reserve: nobody carries its letter.
    data.sql("UPDATE profiles SET state = 'broken', state_reply = '535 5.7.8 no', state_since = unixepoch() "
             "WHERE id IN (?, ?)", ids["Рассылка"], ids["Старый"])
    data.sql("UPDATE profiles SET reserve_profile_id = ? WHERE id = ?", ids["Старый"], ids["Рассылка"])
    enqueue(data, "first@example.com", profile="Магазин")
    enqueue(data, "news@example.com", profile="Рассылка")
    assert run(data).returncode == 1, "the shop's refused login is reported"
    for number in range(30):
        enqueue(data, f"c{number}@example.com", profile="Магазин")

    browser.get(panel.url + "/login")
    browser.find_element(By.ID, "name").send_keys(harness.ADMIN_NAME)
    browser.find_element(By.ID, "password").send_keys(harness.ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/overview"))
    found = cards(browser)
    shop = found["Магазин"]
    assert "state-broken" in shop.get_attribute("class")
    assert shop.find_element(By.CSS_SELECTOR, ".route").text == \
        "Письма уходят через резервный профиль «Запасной», в его лимитах"
    assert shop.find_element(By.CSS_SELECTOR, ".queue-end").text.startswith("Очередь опустеет к ")
    assert "Ждут отправки: обычных 30, приоритетных 0" in shop.text
    news = found["Рассылка"]
    assert news.find_element(By.CSS_SELECTOR, ".route").text == \
        "Резервные профили тоже не могут отправлять: письма ждут"
    assert news.find_element(By.CSS_SELECTOR, ".queue-end").text.startswith("Письма не уйдут")
    assert not found["Запасной"].find_elements(By.CSS_SELECTOR, ".route")
    assert not found["Старый"].find_elements(By.CSS_SELECTOR, ".route"), "no reserve named: nothing to say"
    screenshot(browser, "overview-reserve-ru.png", tmp_path)

    browser.find_element(By.CSS_SELECTOR, "a.lang").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Overview")
    shop = cards(browser)["Магазин"]
    assert shop.find_element(By.CSS_SELECTOR, ".route").text == \
        "Letters go through the reserve profile “Запасной”, within its limits"
    assert shop.find_element(By.CSS_SELECTOR, ".queue-end").text.startswith("Queue empty by ")
    screenshot(browser, "overview-reserve-en.png", tmp_path)
