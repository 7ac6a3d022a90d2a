"""The Debian package for real (`make test-deb`, as root).

Into a throw-away Debian 12 root (debootstrap): the previous release installed with its dependencies
from Debian (`apt-get install ./….deb`), its panel started as the systemd unit says, nginx with the
installed site on HTTPS (ssl-cert's snakeoil certificate), a login and an API letter over HTTPS, the
cron line run as the cron file says and the letter at an SMTP server; then `dpkg -i` of this build
(the schema migrated once, the data kept), the same again over HTTPS plus `doctor`, an upgrade to a
higher version, `dpkg -r` (the data kept) and `dpkg -P` (the data gone).
"""

import json
import os
import pathlib
import shutil
import ssl
import subprocess
import urllib.request

import pytest

import harness
from debian_root import CronJob, DebianRoot, Unit, wait_for_port

pytestmark = pytest.mark.skipif(os.environ.get("MAILROBOT_DEB_TEST") != "1",
                                reason="make test-deb runs this (as root, with debootstrap)")

BUILD = harness.ROOT / ".build"
DATA = "/var/lib/mailrobot"
SITE = "/etc/nginx/sites-available/mailrobot"
ENABLED = "/etc/nginx/sites-enabled/mailrobot"
SMTP_LOGIN, SMTP_PASSWORD = "shop@example.com", "app-secret-1"
ORDER = {"shop_name": "Ромашка", "customer_name": "Анна Петрова", "order_number": "10482",
         "items": [{"name": "Чайник", "quantity": 1, "price": "2 490 ₽"}], "total": "2 490 ₽",
         "delivery": "Курьером"}


def packages():
    """The previous release's package, this build's, and this build's at a higher version."""
    version = subprocess.run(["dpkg-parsechangelog", "-l", str(harness.ROOT / "deploy/debian/changelog"), "-S",
                              "Version"], check=True, capture_output=True, text=True).stdout.strip()
    current = BUILD / "deb" / f"mailrobot_{version}_amd64.deb"
    following = BUILD / "deb-test" / "next" / f"mailrobot_{version}+1_amd64.deb"
    rev = (BUILD / "deb-test" / "previous" / "source" / ".mailrobot-rev").read_text().strip()
    previous = BUILD / "deb-test" / "previous" / f"mailrobot_0.9+git{rev}_amd64.deb"
    for package in (previous, current, following):
        assert package.exists(), f"{package} is missing: run make test-deb"
    return previous, current, following


def localized_site(text, https_port, http_port):
    """The installed site with its ports moved to free ones on 127.0.0.1 (the chroot shares the host's
    network); every other line as installed."""
    lines = []
    for line in text.splitlines():
        words = line.split()
        if words[:2] == ["listen", "[::]:443"] or words[:2] == ["listen", "[::]:80"]:
            continue
        if words[:2] == ["listen", "443"]:
            line = line.replace("listen 443", f"listen 127.0.0.1:{https_port}")
        elif words[:2] == ["listen", "80"]:
            line = line.replace("listen 80", f"listen 127.0.0.1:{http_port}")
        lines.append(line)
    return "\n".join(lines) + "\n"


class HTTPSClient(harness.Client):
    """harness.Client over HTTPS; the snakeoil certificate is compared by hand (see Site.certificate)."""

    def __init__(self, base):
        super().__init__(base)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect(),
                                                  urllib.request.HTTPSHandler(context=context))


class Site:
    """The installed panel running: the unit's command as its user, and nginx with the installed site."""

    def __init__(self, root, work):
        self.root = root
        self.site = root.file(SITE)
        self.pristine = self.site.read_text()
        self.https_port, self.http_port = harness.free_port(), harness.free_port()
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.log = open(pathlib.Path(work) / "site.log", "a")
        self.panel = self.nginx = None
        try:
            self.site.write_text(localized_site(self.pristine, self.https_port, self.http_port))
            unit = Unit(root.file("/lib/systemd/system/mailrobot-admin.service").read_text())
            self.panel = unit.start(root, self.log)
            socket = root.file(DATA + "/mailrobot.sock")
            harness.wait_until(lambda: socket.exists() or self.panel.poll() is not None, what="the panel's socket")
            assert self.panel.poll() is None, "the panel exited; see " + self.log.name
            root.run("nginx", "-t")
            self.nginx = root.spawn(["/usr/sbin/nginx", "-g", "daemon off;"], log=self.log)
            wait_for_port(self.https_port)
        except BaseException:
            self.close()
            raise

    def close(self):
        for process in (self.nginx, self.panel):
            if process is not None:
                self.root.stop(process)
        self.site.write_text(self.pristine)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def client(self):
        return HTTPSClient(self.url)

    def certificate(self):
        """The certificate nginx presents, in PEM."""
        return ssl.get_server_certificate(("127.0.0.1", self.https_port))

    def post_letter(self, token, to):
        response = self.client().request(
            "POST", "/api/v1/messages", json.dumps({"event": "order_placed", "to": to, "data": ORDER}).encode(),
            {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        assert response.status == 201, response.text
        return response.json()["id"]


def as_mailrobot(root, *arguments, input=None, check=True):
    return root.run("runuser", "-u", "mailrobot", "--", "mailrobot-admin", *arguments, "--data", DATA, input=input,
                    check=check)


def sql(root, query):
    import sqlite3
    with sqlite3.connect(f"file:{root.file(DATA + '/mailrobot.sqlite')}?mode=ro", uri=True, timeout=30) as db:
        return db.execute(query).fetchall()


def owner_and_mode(root, path):
    return root.run("stat", "-c", "%U:%G %a %F", path).stdout.strip()


def send_by_cron(root, smtp, recipient):
    """Runs the cron file's line as cron would, and waits for `recipient`'s letter at the SMTP server."""
    job = CronJob(root.file("/etc/cron.d/mailrobot").read_text())
    assert job.schedule == "* * * * *" and job.user == "mailrobot"
    result = job.run(root)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result
    harness.wait_until(lambda: any(recipient in entry["rcpt_tos"] for entry in smtp.messages()),
                       what=f"{recipient}'s letter at the SMTP server")


def trust(root, ca_file):
    """The test SMTP server's CA joins the root's system store, as a mail host's real CA would be there."""
    shutil.copy(ca_file, root.file("/usr/local/share/ca-certificates/mailrobot-test.crt"))
    root.run("update-ca-certificates")


def test_install_upgrade_remove_purge(tmp_path, certificates):
    previous, current, following = packages()
    # libcurl is opened with dlopen, out of dpkg-shlibdeps' sight: the package names it itself.
    depends = subprocess.run(["dpkg-deb", "-f", str(current), "Depends"], check=True, capture_output=True,
                             text=True).stdout
    assert "libcurl4 (>= " in depends, depends
    base = subprocess.run([str(harness.ROOT / "scripts" / "debian-root.sh"), str(BUILD / "deb-test" / "bookworm")],
                          check=True, capture_output=True, text=True, timeout=1800).stdout.strip()
    smtp = harness.SMTPServer(tmp_path, mode="tls", certificates=certificates, auth=f"{SMTP_LOGIN}:{SMTP_PASSWORD}")
    root = DebianRoot(base, tmp_path, BUILD / "deb-test" / "archives")
    try:
        trust(root, certificates / "ca.crt")
        for package in (previous, current, following):
            shutil.copy(package, root.file("/tmp"))
        first_install(root, previous, smtp, tmp_path)
        token = root.file("/root/token").read_text().strip()
        upgrade_to_this_build(root, current, smtp, tmp_path, token)
        upgrade_again(root, following)
        remove_and_purge(root)
        install_where_no_site_is_the_default(root, current)
    finally:
        root.close()
        smtp.stop()


def first_install(root, package, smtp, work):
    installed = root.run("apt-get", "install", "-y", f"/tmp/{package.name}", timeout=1800).stdout
    print(installed[installed.find("Setting up mailrobot"):])
    # Debian's own default site claims the default server: the postinst leaves nginx alone and says how.
    lines = installed.splitlines()
    notice = next(i for i, line in enumerate(lines) if "is nginx's default server" in line)
    enable = lines[notice + 1].strip()
    assert enable == (f"rm /etc/nginx/sites-enabled/default && ln -s ../sites-available/mailrobot {ENABLED}"
                      " && nginx -t && systemctl reload nginx"), enable
    assert not root.file(ENABLED).exists()
    create_admin = next(line.strip() for line in lines if "mailrobot-admin user add admin" in line)
    assert create_admin == f"runuser -u mailrobot -- mailrobot-admin user add admin --data {DATA}"

    # systemd does not run here: the line up to the reload, and nginx is started by hand below.
    root.shell(enable.split(" && systemctl")[0])
    assert root.file(ENABLED).is_symlink()
    assert owner_and_mode(root, DATA) == "mailrobot:mailrobot 750 directory"
    assert owner_and_mode(root, DATA + "/secret.key") == "mailrobot:mailrobot 600 regular file"
    assert owner_and_mode(root, DATA + "/mailrobot.sqlite") == "mailrobot:mailrobot 600 regular file"
    assert "mailrobot" in root.run("id", "-Gn", "www-data").stdout.split()
    assert sql(root, "PRAGMA user_version") == [(4,)]

    root.run(*create_admin.split(), "--password-stdin", input=harness.ADMIN_PASSWORD + "\n")
    token = as_mailrobot(root, "token", "add", "shop").stdout.strip()
    root.file("/root/token").write_text(token)

    with Site(root, work) as site:
        # The forms as the previous release has them (harness.Client follows this tree's forms).
        client = site.client()
        client.get("/login")
        assert client.post("/login", {"name": harness.ADMIN_NAME, "password": harness.ADMIN_PASSWORD}).status == 303
        client.get("/profiles/new")
        created = client.post("/profiles", {
            "name": "Основной", "host": "127.0.0.1", "port": str(smtp.port), "security": "ssl",
            "sender_name": "Магазин", "sender_email": "", "login": SMTP_LOGIN, "password": SMTP_PASSWORD,
            "max_per_day": "500", "interval_minutes": "0", "batch_size": "50", "priority_per_day": "50"})
        assert created.status == 303, created.text
        site.post_letter(token, "first@example.com")
        send_by_cron(root, smtp, "first@example.com")


def upgrade_to_this_build(root, package, smtp, work, token):
    upgraded = root.run("dpkg", "-i", f"/tmp/{package.name}").stdout
    print(upgraded)
    migrations = [line for line in upgraded.splitlines() if line.startswith("schema upgraded from 4 to ")]
    assert len(migrations) == 1, upgraded
    latest = int(migrations[0].rsplit(" ", 1)[1])
    assert latest > 4 and sql(root, "PRAGMA user_version") == [(latest,)]
    assert sql(root, "SELECT to_address, status FROM letters") == [("first@example.com", "sent")]
    # An upgrade enables nothing anew, and asks for no new administrator.
    assert "user add admin" not in upgraded and "default server" not in upgraded

    with Site(root, work) as site:
        # Plain HTTP only redirects; HTTPS presents ssl-cert's snakeoil certificate.
        plain = harness.Client(f"http://127.0.0.1:{site.http_port}").get("/login?next=%2Fjournal")
        assert plain.status == 301 and plain.headers["Location"] == "https://127.0.0.1/login?next=%2Fjournal"
        snakeoil = root.file("/etc/ssl/certs/ssl-cert-snakeoil.pem").read_text()
        assert ssl.PEM_cert_to_DER_cert(site.certificate()) == ssl.PEM_cert_to_DER_cert(snakeoil)
        client = site.client()
        page = client.get("/login")
        assert page.status == 200
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                       "Cross-Origin-Opener-Policy", "Permissions-Policy"):
            assert page.headers[header], header
        login = client.login()
        assert all("secure" in cookie.lower() for cookie in login.headers.get_all("Set-Cookie")), \
            login.headers.get_all("Set-Cookie")
        assert "Основной" in client.get("/profiles").text

        # The unit's command runs as the unit's user; its socket is for the group only.
        uid = [line.split()[1] for line in pathlib.Path(f"/proc/{site.panel.pid}/status").read_text().splitlines()
               if line.startswith("Uid:")][0]
        assert uid == root.run("id", "-u", "mailrobot").stdout.strip()
        assert owner_and_mode(root, DATA + "/mailrobot.sock") == "mailrobot:mailrobot 660 socket"

        site.post_letter(token, "second@example.com")
        send_by_cron(root, smtp, "second@example.com")
        # It went because the upgrade let the profile keep its server on 127.0.0.1 (migration 7 allows
        # a private host written as such; a new profile has it off), and its password, sealed by the
        # previous release bound to the profile id only, is sealed again bound to the server.
        assert sql(root, "SELECT allow_private_host, allow_plain_auth, hex(substr(password_sealed, 1, 1)) "
                         "FROM profiles") == [(1, 0, "02")]

        doctor = root.run("mailrobot-admin", "doctor", "--data", DATA, check=False)
        print(doctor.stdout)
        assert doctor.returncode == 0 and doctor.stdout.strip().endswith("checks passed"), doctor.stdout
        # nginx's user out of the group: the socket is out of its reach, and doctor names the cure.
        root.run("deluser", "--quiet", "www-data", "mailrobot")
        doctor = root.run("mailrobot-admin", "doctor", "--data", DATA, check=False)
        assert doctor.returncode == 1
        assert f"FAIL  socket access: nginx's user www-data cannot pass through {DATA}" in doctor.stdout
        assert "cure: adduser www-data mailrobot && systemctl reload nginx" in doctor.stdout
        root.run("adduser", "--quiet", "www-data", "mailrobot")


def upgrade_again(root, package):
    upgraded = root.run("dpkg", "-i", f"/tmp/{package.name}").stdout
    assert "schema upgraded" not in upgraded and f"{DATA} is up to date" in upgraded
    assert sql(root, "SELECT to_address FROM letters ORDER BY id") == [("first@example.com",), ("second@example.com",)]


def remove_and_purge(root):
    root.run("dpkg", "-r", "mailrobot")
    assert not root.file("/usr/bin/mailrobot-admin").exists()
    assert not root.file("/lib/systemd/system/mailrobot-admin.service").exists()
    assert sql(root, "SELECT count(*) FROM letters") == [(2,)]
    assert root.file(DATA + "/secret.key").exists()
    # The cron file stays as configuration does, and then does nothing, quietly.
    job = CronJob(root.file("/etc/cron.d/mailrobot").read_text())
    left = job.run(root)
    assert left.stdout == "" and left.stderr == ""

    root.run("dpkg", "-P", "mailrobot")
    assert not root.file(DATA).exists()
    for path in ("/etc/cron.d/mailrobot", SITE, ENABLED):
        assert not os.path.lexists(root.file(path)), path
    assert "mailrobot" not in root.run("dpkg-query", "-W", "-f=${Package}\\n", check=False).stdout.split()


def install_where_no_site_is_the_default(root, package):
    """With Debian's default site gone (above), a first installation enables the panel's site itself."""
    installed = root.run("dpkg", "-i", f"/tmp/{package.name}").stdout
    assert "mailrobot: the panel is on https://" in installed, installed
    assert root.file(ENABLED).is_symlink() and os.readlink(root.file(ENABLED)) == "../sites-available/mailrobot"
    root.run("nginx", "-t")
