"""Issue 10: a rendered letter has bounds, the same from the API and the CLI: a body over 1 MiB or a
subject over 998 characters is refused naming the field, and a line break bound for the Subject
is blamed on the variable that actually reaches it."""

import json

from test_api import api, new_token

# Each variable appears eleven times in the body: 100 KB of data make 1.1 MB of HTML.
ELEVEN = "{{#r}}{{big}}{{/r}}"


def add_event(data, code, subject="Заказ {{order}}", html=ELEVEN, text=""):
    data.sql("INSERT INTO events (code, name, subject, html, text, sample, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, '{}', 0, 0)", code, code, subject, html, text)


def enqueue(data, code, variables):
    return data.send("enqueue", "--event", code, "--to", "anna@example.com", "--vars", json.dumps(variables),
                     check=False)


def test_a_body_over_one_mebibyte_is_refused_naming_the_part(panel, data):
    panel.logged_in().create_profile("Магазин")
    add_event(data, "huge_html")
    add_event(data, "huge_text", html="<p>x</p>", text=ELEVEN)
    token = new_token(data)
    variables = {"order": "1", "big": "x" * 100_000, "r": [1] * 11}
    for code, field in [("huge_html", "html"), ("huge_text", "text")]:
        answer = api(panel, {"event": code, "to": "anna@example.com", "data": variables}, token)
        assert answer.status == 422, answer.text
        assert answer.json()["error"]["field"] == field
        assert "1 MiB" in answer.json()["error"]["message"]
        cli = enqueue(data, code, variables)
        assert cli.returncode != 0
        assert cli.stderr.strip().splitlines()[-1].endswith(f"{field}: the letter's {field} is larger than 1 MiB "
                                                           "(1048576 bytes)"), cli.stderr
    # Just under the bound, it goes in.
    fits = {"order": "1", "big": "x" * 95_000, "r": [1] * 11}
    assert api(panel, {"event": "huge_html", "to": "anna@example.com", "data": fits}, token).status == 201
    assert data.sql("SELECT count(*) FROM letters") == [(1,)]


def test_a_subject_over_998_characters_is_refused(panel, data):
    panel.logged_in().create_profile("Магазин")
    add_event(data, "long_subject", html="<p>{{order}}</p>")
    answer = api(panel, {"event": "long_subject", "to": "anna@example.com", "data": {"order": "9" * 993}},
                 new_token(data))
    assert answer.status == 422 and answer.json()["error"]["field"] == "subject", answer.text
    cli = enqueue(data, "long_subject", {"order": "9" * 993})
    assert cli.returncode != 0 and "subject: the subject is longer than 998 characters" in cli.stderr
    assert data.sql("SELECT count(*) FROM letters") == [(0,)]


def test_the_variable_that_reaches_the_subject_is_named(panel, data):
    panel.logged_in().create_profile("Магазин")
    add_event(data, "order_note", html="<p>{{#items}}{{name}}{{/items}}</p>")
    # `items[0].name` sorts first and has a line break too, but only `order` reaches the Subject.
    variables = {"items": [{"name": "Чайник\nэлектрический"}], "order": "42\r\nBcc: x@evil.example"}
    answer = api(panel, {"event": "order_note", "to": "anna@example.com", "data": variables}, new_token(data))
    assert answer.status == 422 and answer.json()["error"]["field"] == "data.order", answer.text
    cli = enqueue(data, "order_note", variables)
    assert cli.returncode != 0 and "data.order: a line break" in cli.stderr
    # Without the header injection, the line break in the body is fine.
    variables["order"] = "42"
    assert enqueue(data, "order_note", variables).returncode == 0
