"""Issue 14 «Проверка домена» and issue 15's EHLO: the real `mailrobot-send` against a real DNS
server (dnslib) on 127.0.0.1 serving a test zone, and a real SMTP server (aiosmtpd)."""

import re
import socket
import subprocess
import time
import types

import pytest

import harness

KEY = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY/neDgaL2oqQE8T5illKqCgDtFHc8eHVAU"

ZONE = f"""
good.test. 60 IN TXT "v=spf1 a:smtp.good.test -all"
smtp.good.test. 60 IN A 192.0.2.25
s1._domainkey.good.test. 60 IN TXT "v=DKIM1; k=rsa; p={KEY}"
_dmarc.good.test. 60 IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@good.test"
ru.test. 60 IN TXT "v=spf1 include:_spf.mail.ru ~all"
_spf.mail.ru. 60 IN TXT "v=spf1 ip4:217.69.128.0/20 ~all"
mailru._domainkey.ru.test. 60 IN TXT "v=DKIM1; k=rsa; p={KEY}"
_dmarc.ru.test. 60 IN TXT "v=DMARC1; p=reject"
smtp.missing.test. 60 IN A 192.0.2.26
broken.test. 60 IN TXT "v=spf1 inlude:_spf.mail.ru ~all"
smtp.broken.test. 60 IN A 192.0.2.27
uncovered.test. 60 IN TXT "v=spf1 ip4:198.51.100.1 -all"
smtp.uncovered.test. 60 IN A 192.0.2.28
_dmarc.uncovered.test. 60 IN TXT "v=DMARC1; p=none"
"""

PROFILES = [
    ("Хороший", "smtp.good.test", "shop@good.test"),
    ("Mail.ru", "smtp.mail.ru", "shop@ru.test"),
    ("Пустой", "smtp.missing.test", "shop@missing.test"),
    ("Ошибка SPF", "smtp.broken.test", "shop@broken.test"),
    ("Чужой сервер", "smtp.uncovered.test", "shop@uncovered.test"),
]

FINDING = re.compile(r"^(SPF|SPF и SMTP-сервер|DKIM|DMARC|Домен адреса): (.+?) / ", re.MULTILINE)


@pytest.fixture(scope="module")
def world(tmp_path_factory, certificates):
    """A data folder with a profile per zone case (made through the panel, then the panel is
    stopped), the DNS server, and an SMTP server for the test letter."""
    work = tmp_path_factory.mktemp("domain")
    data = harness.DataFolder(work)
    dns = harness.DNSServer(work, ZONE)
    smtp = harness.SMTPServer(work)
    panel = harness.Panel(data, work, ca_file=certificates / "ca.crt")
    try:
        client = panel.logged_in()
        for name, host, login in PROFILES:
            client.create_profile(name, host=host, login=login, sender_email=login)
        client.create_profile("Тест", host="127.0.0.1", port=str(smtp.port), login="shop@good.test",
                              sender_email="shop@good.test")
    finally:
        panel.stop()
    yield types.SimpleNamespace(data=data, dns=dns, smtp=smtp)
    smtp.stop()
    dns.stop()


def domain_check(world, profile, *options, server=None, timeout=60):
    started = time.monotonic()
    result = world.data.send("domain-check", "--profile", profile, *options, check=False, timeout=timeout,
                             env={"MAILROBOT_DNS_SERVER": server or world.dns.address})
    result.seconds = time.monotonic() - started
    return result


def levels(output):
    return dict(FINDING.findall(output))


def test_a_domain_in_order_passes_every_check(world):
    result = domain_check(world, "Хороший", "--dkim-selector", "s1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert levels(result.stdout) == {"SPF": "в порядке", "SPF и SMTP-сервер": "в порядке", "DKIM": "в порядке",
                                     "DMARC": "в порядке"}
    assert "Адреса сервера smtp.good.test (192.0.2.25) разрешены SPF-записью." in result.stdout
    assert "политика «quarantine»: письма, не прошедшие SPF и DKIM, получатели кладут в спам" in result.stdout
    assert "s1._domainkey.good.test. TXT" in world.dns.questions()


def test_a_preset_is_covered_by_its_include_and_checked_at_its_selector(world):
    result = domain_check(world, "Mail.ru")
    assert result.returncode == 0, result.stdout + result.stderr
    assert levels(result.stdout) == {"SPF": "в порядке", "SPF и SMTP-сервер": "в порядке", "DKIM": "в порядке",
                                     "DMARC": "в порядке"}
    assert "include:_spf.mail.ru, поэтому серверы Mail.ru могут отправлять" in result.stdout
    assert "Запись DKIM найдена: mailru._domainkey.ru.test (ключ rsa)." in result.stdout


def test_missing_records_are_problems_with_the_records_to_add(world):
    result = domain_check(world, "Пустой", "--dkim-selector", "s1")
    assert result.returncode == 1
    assert levels(result.stdout) == {"SPF": "проблема", "DKIM": "проблема", "DMARC": "предупреждение"}
    assert "TXT-запись / TXT record: missing.test (@) = v=spf1 a:smtp.missing.test ~all" in result.stdout
    assert "TXT-запись / TXT record: _dmarc.missing.test (_dmarc) = v=DMARC1; p=none" in result.stdout
    assert "There is no SPF record" in result.stdout


def test_a_broken_spf_names_the_bad_term(world):
    result = domain_check(world, "Ошибка SPF")
    assert result.returncode == 1
    assert levels(result.stdout)["SPF"] == "проблема"
    assert "«inlude:_spf.mail.ru» — неизвестный механизм (опечатка?)" in result.stdout
    assert "сейчас / published: v=spf1 inlude:_spf.mail.ru ~all" in result.stdout


def test_an_spf_that_leaves_the_server_out_gets_the_corrected_record(world):
    result = domain_check(world, "Чужой сервер")
    assert result.returncode == 0, "a warning is not a problem"
    assert levels(result.stdout) == {"SPF": "в порядке", "SPF и SMTP-сервер": "предупреждение",
                                     "DKIM": "не удалось проверить", "DMARC": "в порядке"}
    assert "не разрешает сервер smtp.uncovered.test (192.0.2.28)" in result.stdout
    assert "uncovered.test (@) = v=spf1 ip4:198.51.100.1 a:smtp.uncovered.test -all" in result.stdout


def test_a_closed_dns_port_reads_could_not_check_not_missing(world):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{probe.getsockname()[1]}"
    result = domain_check(world, "Пустой", "--dkim-selector", "s1", server=closed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(levels(result.stdout).values()) == {"не удалось проверить"}
    assert result.stdout.count("DNS-сервер недоступен") == 3
    assert "TXT-запись / TXT record" not in result.stdout
    assert result.seconds < 10


def test_a_silent_dns_server_is_given_up_within_the_time_limit(world):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        result = domain_check(world, "Пустой", server=f"127.0.0.1:{silent.getsockname()[1]}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(levels(result.stdout).values()) == {"не удалось проверить"}
    assert "не ответил вовремя" in result.stdout
    assert result.seconds < 30


def test_the_test_letter_is_followed_by_the_findings_and_greets_with_a_full_name(world):
    result = world.data.send("test", "--profile", "Тест", "--to", "admin@example.com", "--dkim-selector", "s1",
                             check=False, env={"MAILROBOT_DNS_SERVER": world.dns.address})
    assert result.returncode == 0, result.stdout + result.stderr
    sent, findings = result.stdout.split("Проверка домена good.test", 1)
    assert sent.startswith("sent: the server answered 250")
    assert levels(findings) == {"SPF": "в порядке", "SPF и SMTP-сервер": "предупреждение", "DKIM": "в порядке",
                                "DMARC": "в порядке"}
    fqdn = subprocess.run(["hostname", "-f"], capture_output=True, text=True, check=True).stdout.strip()
    expected = fqdn.lower() if "." in fqdn and not fqdn.endswith(("localhost", ".localdomain", ".local")) else "good.test"
    assert world.smtp.messages()[-1]["helo"] == expected


def test_no_domain_check_skips_it(world):
    result = world.data.send("test", "--profile", "Тест", "--to", "admin@example.com", "--no-domain-check",
                             check=False, env={"MAILROBOT_DNS_SERVER": world.dns.address})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Проверка домена" not in result.stdout


@pytest.mark.parametrize("options,env,message", [
    (["--dkim-selector", "bad selector"], {}, "--dkim-selector: only Latin letters"),
    ([], {"MAILROBOT_DNS_SERVER": "dns.example:53"}, "MAILROBOT_DNS_SERVER): expected an IPv4 address"),
    (["--dns-server", "127.0.0.1:99999"], {}, "expected an IPv4 address with an optional port"),
])
def test_bad_options_get_one_line(world, options, env, message):
    result = world.data.send("domain-check", "--profile", "Хороший", *options, check=False, env=env)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_profile_gets_one_line(world):
    result = domain_check(world, "Нет такого")
    assert result.returncode != 0
    assert result.stderr.strip() == "mailrobot-send: no profile named Нет такого"


def test_help_documents_the_command(world):
    result = world.data.send("domain-check", "--help", check=False)
    assert result.returncode == 0
    for text in ("--dkim-selector", "--dns-server", "MAILROBOT_DNS_SERVER", "Exit 0 when no finding is a problem"):
        assert text in result.stdout
