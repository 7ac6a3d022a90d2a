"""Issue 6: «Журнал» in headless Chromium, and the Excel exports downloaded through nginx."""

import io
import json
import pathlib
import re
import subprocess
import tempfile
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import harness
from test_panel_browser import log_in

HOSTILE = '=HYPERLINK("http://evil.example","нажми")'


def queue(data, to, subject="Заказ", profile=None):
    arguments = ["enqueue", "--to", to, "--subject", subject, "--text", "Текст"]
    if profile:
        arguments += ["--profile", profile]
    return int(data.send(*arguments).stdout)


def openpyxl_rows(content):
    """The rows of the first sheet as openpyxl reads them: (python type name, value as text)."""
    script = (
        "import sys, json, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "ws = wb.worksheets[0]\n"
        "rows = [[(type(c.value).__name__, str(c.value)) for c in row] for row in ws.iter_rows()]\n"
        "json.dump({'rows': rows, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref}, sys.stdout)\n")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        file.write(content)
        file.flush()
        output = subprocess.run([harness.PYTHON, "-c", script, file.name], capture_output=True, text=True, check=True)
    book = json.loads(output.stdout)
    book["rows"] = [[tuple(cell) for cell in row] for row in book["rows"]]
    return book


def page_table(html, table_id):
    """Headers and cell texts of a table of a page, as the admin sees them."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    headers = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<th scope="col">(.*?)</th>', table, re.S)]
    rows = []
    for row in re.findall(r"<tr id=.*?</tr>", table, re.S):
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)])
    return headers, rows


def unescape(text):
    import html
    return html.unescape(text)


def test_journal_in_chromium_filter_open_cancel_retry(browser, panel, data, smtp):
    refusing = smtp(script=[{"cmd": "RCPT", "match": "nobody@", "reply": "550 5.1.1 <nobody@example.com>: no such user"}])
    panel.logged_in().create_profile("Магазин", port=str(refusing.port))
    queue(data, "anna@example.com", "Заказ №1 оформлен")
    failed = queue(data, "nobody@example.com", "Заказ №2 оформлен")
    data.send("run", check=False)
    waiting = queue(data, "boris@example.com", "Заказ №3 оформлен")

    log_in(browser, panel)
    browser.find_element(By.ID, "nav-journal").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "journal"))
    statuses = {row.get_attribute("id"): row.get_attribute("data-status") for row in browser.find_elements(By.CSS_SELECTOR, "#journal tbody tr")}
    assert statuses == {f"letter-{failed}": "failed", f"letter-{waiting}": "queued", "letter-1": "sent"}
    page = browser.find_element(By.ID, "journal").text
    assert "ошибка" in page and "в очереди" in page and "отправлено" in page

    # Filter: only the failed one.
    Select(browser.find_element(By.ID, "f-status")).select_by_value("failed")
    browser.find_element(By.ID, "journal-apply").click()
    WebDriverWait(browser, 15).until(lambda b: "status=failed" in b.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "#journal tbody tr")
    assert [row.get_attribute("id") for row in rows] == [f"letter-{failed}"]
    assert "550 5.1.1" in rows[0].text

    # Open it, retry it (confirmation first).
    rows[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "letter-subject").text == "Заказ №2 оформлен")
    assert "550 5.1.1" in browser.find_element(By.ID, "letter-attempts").text
    browser.find_element(By.ID, "letter-retry").click()
    browser.find_element(By.ID, "confirm-submit").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "letter-status").text == "в очереди")
    assert data.sql("SELECT status FROM letters WHERE id = ?", failed) == [("queued",)]

    # Cancel the waiting one.
    browser.get(f"{panel.url}/journal/{waiting}")
    browser.find_element(By.ID, "letter-cancel").click()
    browser.find_element(By.ID, "confirm-submit").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "letter-status").text == "отменено")
    assert data.sql("SELECT status FROM letters WHERE id = ?", waiting) == [("cancelled",)]
    assert browser.find_element(By.CSS_SELECTOR, "p.flash").text == "Письмо отменено и отправлено не будет."
    browser.refresh()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "letter-status").text == "отменено")
    assert not browser.find_elements(By.CSS_SELECTOR, "p.flash"), "a reload does not repeat the message"
    data.send("run", check=False)
    assert [m["rcpt_tos"] for m in refusing.messages()] == [["anna@example.com"]], "a cancelled letter never goes"


def test_profile_export_through_nginx(panel, data):
    client = panel.logged_in()
    client.create_profile(HOSTILE, password="top-secret-password-1")
    client.create_profile("Магазин «Ромашка»", password="top-secret-password-2", max_per_day="321")
    page = client.get("/profiles").text
    response = client.get("/profiles/export.xlsx")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    book = openpyxl_rows(response.body)
    headers = [value for _, value in book["rows"][0]]
    on_screen = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', page)]
    assert {"Название", "Состояние", "Отправлено за 24 ч"} <= set(on_screen) & set(headers)
    assert {"Макс. в сутки", "Интервал (мин)", "За раз", "Приоритетных в сутки"} <= set(headers), "every column"
    names = {row[0][1]: row for row in book["rows"][1:]}
    assert set(names) == {HOSTILE, "Магазин «Ромашка»"}
    assert names[HOSTILE][0][0] == "str", "a formula-looking name stays text"
    assert names["Магазин «Ромашка»"][headers.index("Макс. в сутки")] == ("int", "321")
    assert book["freeze"] == "A2" and book["filter"]
    archive = zipfile.ZipFile(io.BytesIO(response.body))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"top-secret-password" not in everything
    assert b"<f>" not in everything


def test_journal_export_honours_the_filter(panel, data):
    client = panel.logged_in()
    client.create_profile("Магазин")
    for number in range(60):
        queue(data, f"anna{number}@example.com", f"Заказ №{number}")
    for number in range(5):
        queue(data, f"boris{number}@example.com", HOSTILE)
    page = client.get("/journal?recipient=boris").text
    headers, rows = page_table(page, "journal")
    response = client.get("/journal/export.xlsx?recipient=boris")
    assert response.status == 200
    book = openpyxl_rows(response.body)
    assert [value for _, value in book["rows"][0]] == [unescape(h) for h in headers]
    exported = book["rows"][1:]
    assert len(exported) == 5 == len(rows)
    recipient_column = headers.index("Получатель")
    assert sorted(row[recipient_column][1] for row in exported) == sorted(unescape(r[recipient_column]) for r in rows)
    subject_column = headers.index("Тема")
    assert {row[subject_column] for row in exported} == {("str", HOSTILE)}
    everything = client.get("/journal/export.xlsx").body
    assert len(openpyxl_rows(everything)["rows"]) == 66, "without a filter: every letter, not one page"
