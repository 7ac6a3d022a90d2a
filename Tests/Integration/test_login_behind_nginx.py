"""Issue 10: a real Chromium logs in and posts forms through nginx on a non-default port, behind the
project's nginx.conf (Host with its port) and behind a site that includes Debian's stock
/etc/nginx/fastcgi_params (HTTP_HOST is nginx's $host, without the port); a foreign Origin is still
refused behind both."""

import pathlib
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness

DEBIAN_PARAMS = pathlib.Path("/etc/nginx/fastcgi_params")
CONFIGS = [pytest.param(None, id="project-nginx-conf"), pytest.param(DEBIAN_PARAMS, id="debian-fastcgi-params")]


@pytest.fixture
def site(request, data, tmp_path, certificates):
    params = request.param
    if params is not None:
        text = params.read_text()
        assert "HTTP_HOST" in text and "$host;" in text, "this Debian's fastcgi_params no longer sends $host"
    running = harness.Panel(data, tmp_path, ca_file=certificates / "ca.crt", fastcgi_params=params)
    yield running
    running.stop()


@pytest.mark.parametrize("site", CONFIGS, indirect=True)
def test_chromium_logs_in_posts_and_logs_out(browser, site):
    assert site.port not in (80, 443)
    browser.get(site.url + "/profiles")
    assert "/login" in browser.current_url
    browser.find_element(By.ID, "name").send_keys(harness.ADMIN_NAME)
    browser.find_element(By.ID, "password").send_keys(harness.ADMIN_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda b: b.current_url.endswith("/profiles"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Профили email"
    names = {cookie["name"] for cookie in browser.get_cookies()}
    assert {"mr_session", "mr_device"} <= names

    # A form of the session: the settings page saves (a POST with the session's token and Origin).
    browser.get(site.url + "/settings")
    browser.find_element(By.ID, "settings-save").click()
    WebDriverWait(browser, 15).until(lambda b: "Настройки сохранены." in b.page_source)

    browser.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    WebDriverWait(browser, 15).until(lambda b: "/login" in b.current_url)
    browser.get(site.url + "/profiles")
    assert "/login" in browser.current_url


@pytest.mark.parametrize("site", CONFIGS, indirect=True)
def test_a_foreign_origin_is_refused(site):
    for origin, status in [("http://evil.example", 403), (f"http://127.0.0.1:{site.port + 1}", 403),
                           (f"https://127.0.0.1:{site.port}", 403), (f"http://127.0.0.1:{site.port}", 303)]:
        client = site.client()
        client.get("/login")
        body = urllib.parse.urlencode({"csrf_token": client.csrf_token(), "name": harness.ADMIN_NAME,
                                       "password": harness.ADMIN_PASSWORD}).encode()
        response = client.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                           "Origin": origin})
        assert response.status == status, (origin, response.text[:300])
