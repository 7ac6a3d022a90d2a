"""Issue 10: a stolen session must not become a stolen mailbox. With the real binaries, nginx and
an SMTP server that requires a login: the password never goes to a server it was not typed for,
never in clear text unless allowed, and the robot does not connect to private hosts unless the
profile allows it."""

from test_check_profile import check_profile, checked_data  # noqa: F401 (a fixture)
from test_sender import enqueue, run

AUTH = "shop@example.com:app-secret-1"


def profile_id(data, name):
    return data.sql("SELECT id FROM profiles WHERE name = ?", name)[0][0]


def edit(client, data, name, **fields):
    """Saves the profile's edit form with `fields` changed and the password field left empty."""
    identifier = profile_id(data, name)
    client.get(f"/profiles/{identifier}/edit")
    row = data.sql("SELECT host, port, security, login, allow_plain_auth, allow_private_host FROM profiles "
                   "WHERE id = ?", identifier)[0]
    form = {"name": name, "host": row[0], "port": str(row[1]), "security": row[2], "sender_name": "Магазин",
            "sender_email": "", "login": row[3], "password": "", "max_per_day": "500", "interval_minutes": "0",
            "batch_size": "50", "priority_per_day": "50", "allow_plain_auth": "1" if row[4] else "",
            "allow_private_host": "1" if row[5] else ""}
    form.update(fields)
    return client.post(f"/profiles/{identifier}", form)


def check_page(client, data, name):
    identifier = profile_id(data, name)
    client.get(f"/profiles/{identifier}/check")
    return client.post(f"/profiles/{identifier}/check", {"to": "admin@example.com"})


def test_a_changed_server_gets_no_stored_password(panel, data, smtp):
    server = smtp(auth=AUTH)
    client = panel.logged_in()
    client.create_profile("Магазин", host="localhost", port=str(server.port))
    # The attacker's edit: another host (here the same server under another name), password left empty.
    assert edit(client, data, "Магазин", host="127.0.0.1").status == 303
    page = check_page(client, data, "Магазин")
    assert page.status == 422
    assert "У профиля нет пароля" in page.text
    assert server.messages() == []
    assert "connection" not in server.events()
    # Typed again in the same save, it works for the new server.
    assert edit(client, data, "Магазин", password="app-secret-1").status == 303
    page = check_page(client, data, "Магазин")
    assert page.status == 200 and "Письмо принято сервером" in page.text, page.text
    assert len(server.messages()) == 1


def test_a_private_host_is_refused_until_allowed(panel, data, smtp):
    server = smtp()
    client = panel.logged_in()
    client.create_profile("Местный", host="localhost", port=str(server.port), allow_private_host="")
    page = check_page(client, data, "Местный")
    assert page.status == 200
    assert "Разрешить сервер во внутренней сети" in page.text
    assert "loopback" in page.text
    assert server.messages() == [] and "connection" not in server.events()
    # The cron sender follows the same rule: the letter waits, the profile shows why.
    letter_id = enqueue(data, "anna@example.com", profile="Местный")
    run(data)
    assert data.sql("SELECT status, attempts FROM letters WHERE id = ?", letter_id) == [("queued", 0)]
    [(state, reply)] = data.sql("SELECT state, state_reply FROM profiles WHERE name = 'Местный'")
    assert state == "broken" and "does not allow private hosts" in reply
    assert server.messages() == []
    # Allowed (password kept: the server did not change), the check and the queue go through.
    assert edit(client, data, "Местный", allow_private_host="1").status == 303
    assert "Письмо принято сервером" in check_page(client, data, "Местный").text
    run(data)
    assert data.sql("SELECT status FROM letters WHERE id = ?", letter_id) == [("sent",)]


def test_a_clear_text_login_needs_the_permission(panel, checked_data, smtp):
    data = checked_data
    server = smtp(auth=AUTH)
    client = panel.logged_in()
    client.get("/profiles/new")
    refused = client.post("/profiles", {
        "name": "Открытый", "host": "localhost", "port": str(server.port), "security": "none",
        "login": "shop@example.com", "password": "app-secret-1", "max_per_day": "500", "interval_minutes": "0",
        "batch_size": "50", "priority_per_day": "50", "allow_private_host": "1"})
    assert refused.status == 422
    assert "Разрешить пароль без шифрования" in refused.text
    assert data.sql("SELECT count(*) FROM profiles") == [(0,)]
    # A profile stored before the permission existed has it off: the transport itself refuses.
    client.create_profile("Открытый", host="localhost", port=str(server.port))
    data.sql("UPDATE profiles SET allow_plain_auth = 0")
    result = check_profile(data, "Открытый")
    assert result.returncode != 0
    assert result.stdout.startswith("failed at auth"), result.stdout
    assert "открытым текстом" in result.stdout
    assert server.messages() == []
    assert "connection" not in server.events()
