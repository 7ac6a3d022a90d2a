"""Issue 14: «Резервный профиль» with the real binaries and two real SMTP servers (aiosmtpd, AUTH).

The shop's mailbox starts refusing its login (535, as when its password was changed at the mail
host); its letters then arrive at the reserve's server, within the reserve's limits, with the
reserve's From and their own Message-ID. Once the admin types the new password, the letters
return to the shop's mailbox."""

import email
import email.policy
import time

from test_sender import enqueue, run

SHOP_AUTH = "shop@example.com:app-secret-1"
SPARE_AUTH = "spare@example.com:spare-secret-1"


def parsed(server):
    return [email.message_from_bytes(m["content"], policy=email.policy.default) for m in server.messages()]


def stored(data, letter_id):
    columns = ("status", "message_id", "profile_name", "sent_profile_name", "via_reserve", "sent_from")
    return dict(zip(columns, data.sql(f"SELECT {', '.join(columns)} FROM letters WHERE id = ?", letter_id)[0]))


def profile_form(server, **fields):
    form = {"host": "127.0.0.1", "port": str(server.port), "security": "none", "interval_minutes": "0"}
    form.update(fields)
    return form


def shop_with_reserve(panel, data, smtp, **spare_fields):
    """«Магазин» (at most 100 a day, batches of 50) and «Запасной» (`spare_fields`), each on an SMTP
    server of its own with AUTH, «Запасной» chosen as the shop's «Резервный профиль» on its form
    (the password field left empty keeps it). Returns the logged-in client, the shop's form as
    sent, the two servers and the two ids."""
    shop_server = smtp(auth=SHOP_AUTH)
    spare_server = smtp(auth=SPARE_AUTH)
    client = panel.logged_in()
    shop_form = profile_form(shop_server, login="shop@example.com", password="app-secret-1", max_per_day="100",
                             batch_size="50", priority_per_day="10")
    client.create_profile("Магазин", **shop_form)
    client.create_profile("Запасной", **profile_form(spare_server, login="spare@example.com",
                                                     password="spare-secret-1", **spare_fields))
    shop_id, spare_id = (data.sql("SELECT id FROM profiles WHERE name = ?", name)[0][0] for name in ("Магазин", "Запасной"))
    edit = dict(shop_form, name="Магазин", sender_name="Магазин", sender_email="", password="",
                allow_plain_auth="1", allow_private_host="1", reserve_profile=str(spare_id))
    assert client.post(f"/profiles/{shop_id}", edit).status == 303
    return client, edit, shop_server, spare_server, shop_id, spare_id


def test_letters_flow_through_the_reserve_and_return(panel, data, smtp, tmp_path):
    # The reserve: at most 4 letters a day, 2 per run.
    client, edit, shop_server, spare_server, shop_id, spare_id = shop_with_reserve(
        panel, data, smtp, sender_name="Запасной ящик", max_per_day="4", batch_size="2", priority_per_day="0")
    assert data.sql("SELECT reserve_profile_id FROM profiles WHERE id = ?", shop_id) == [(spare_id,)]

    t0 = time.time() + 60
    first = enqueue(data, "first@example.com", profile="Магазин")
    assert run(data, now=t0).returncode == 0
    assert [m["rcpt_tos"] for m in shop_server.messages()] == [["first@example.com"]]

    # The mail host changes the mailbox's password: the same server now answers 535.
    port = shop_server.port
    shop_server.stop()
    shop_server = smtp(auth="shop@example.com:changed-at-the-host", port=port)
    waiting = [enqueue(data, f"c{number}@example.com", profile="Магазин") for number in range(5)]
    result = run(data, now=t0 + 60)
    assert result.returncode == 1, "the refused login is reported"
    assert result.stderr.count("\n") == 1 and "Магазин" in result.stderr and "535" in result.stderr
    assert data.sql("SELECT state FROM profiles WHERE id = ?", shop_id) == [("broken",)]
    assert len(spare_server.messages()) == 2, "the reserve's batch size"
    assert run(data, now=t0 + 120).returncode == 0
    assert run(data, now=t0 + 180).returncode == 0
    assert len(spare_server.messages()) == 4, "the reserve's daily maximum"
    assert shop_server.messages() == []

    moved = [letter_id for letter_id in waiting if stored(data, letter_id)["status"] == "sent"]
    assert len(moved) == 4
    by_message_id = {m["Message-ID"]: m for m in parsed(spare_server)}
    for letter_id in moved:
        letter = stored(data, letter_id)
        assert letter["profile_name"] == "Магазин" and letter["sent_profile_name"] == "Запасной"
        assert letter["via_reserve"] == 1 and letter["sent_from"] == "spare@example.com"
        message = by_message_id[f"<{letter['message_id']}>"]
        assert message["From"].addresses[0].addr_spec == "spare@example.com"
        assert message["From"].addresses[0].display_name == "Запасной ящик"
    for entry in spare_server.messages():
        assert entry["mail_from"] == "spare@example.com"
    assert "AUTH" in spare_server.events()

    # «Журнал» names the profile that sent each letter; the letter's page says whose From it was.
    journal = client.get(f"/journal?profile={shop_id}").text
    assert journal.count("Запасной — через резервный профиль (профиль письма «Магазин»)") == 4
    page = client.get(f"/journal/{moved[0]}").text
    assert "Отправлено через резервный профиль «Запасной»: в поле «От» был его адрес spare@example.com" in page
    assert "Запасной ящик &lt;spare@example.com&gt;" in page

    # The admin types the new password: the profile works again and its letters return to it.
    left = [letter_id for letter_id in waiting if letter_id not in moved]
    response = client.post(f"/profiles/{shop_id}", dict(edit, password="changed-at-the-host"))
    assert response.status == 303, response.text
    assert data.sql("SELECT state FROM profiles WHERE id = ?", shop_id) == [("ok",)]
    later = enqueue(data, "later@example.com", profile="Магазин")
    assert run(data, now=t0 + 240).returncode == 0
    assert sorted(r for m in shop_server.messages() for r in m["rcpt_tos"]) == sorted(
        [data.sql("SELECT to_address FROM letters WHERE id = ?", i)[0][0] for i in left] + ["later@example.com"])
    for letter_id in left + [later]:
        letter = stored(data, letter_id)
        assert letter["status"] == "sent" and letter["via_reserve"] == 0 and letter["sent_profile_name"] == "Магазин"
    assert len(spare_server.messages()) == 4
    assert stored(data, first)["sent_profile_name"] == "Магазин"
