#!/usr/bin/python3
"""The export section's peer: Python XlsxWriter in constant_memory mode writes the journal's rows,
read from the same database, with the journal's columns.

usage: xlsx_baseline.py DATABASE OUTPUT.xlsx
Prints one JSON line: {"seconds": …, "rows": …, "max_rss_kb": …} (seconds from opening the
database to the closed file; the peak RSS of this whole process).
"""

import datetime
import json
import resource
import sqlite3
import sys
import time

import xlsxwriter

COLUMNS = [("Время", 17), ("Статус", 12), ("Профиль", 20), ("Событие", 22), ("Получатель", 28), ("Тема", 40),
           ("Попытки", 9), ("Следующая попытка", 17), ("Отправлено", 17), ("Последний ответ", 50)]
STATUSES = {"queued": "в очереди", "sending": "отправляется", "sent": "отправлено", "failed": "ошибка",
            "cancelled": "отменено"}


def main(database, output):
    started = time.perf_counter()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet("Журнал")
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for column, (title, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, title, bold)
    sheet.freeze_panes(1, 0)
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute("""SELECT l.created_at, l.status, l.profile_name, coalesce(e.name, l.event), l.to_address,
                                l.subject, l.attempts, l.next_attempt_at, l.sent_at, l.last_reply
                         FROM letters l LEFT JOIN events e ON e.code = l.event ORDER BY l.id DESC""")
    count = 0
    for count, row in enumerate(rows, start=1):
        created, status, profile, event, recipient, subject, attempts, next_attempt, sent_at, reply = row
        sheet.write_datetime(count, 0, when(created), moment)
        sheet.write_string(count, 1, STATUSES.get(status, status))
        sheet.write_string(count, 2, profile)
        sheet.write_string(count, 3, event)
        sheet.write_string(count, 4, recipient)
        sheet.write_string(count, 5, subject)
        sheet.write_number(count, 6, attempts)
        if status == "queued":
            sheet.write_datetime(count, 7, when(next_attempt), moment)
        if sent_at is not None:
            sheet.write_datetime(count, 8, when(sent_at), moment)
        if reply:
            sheet.write_string(count, 9, reply)
    sheet.autofilter(0, 0, count, len(COLUMNS) - 1)
    workbook.close()
    db.close()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": count,
                      "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def when(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).replace(tzinfo=None)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
