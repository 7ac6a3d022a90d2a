"""Fixtures over harness.py: each test gets fresh real parts and they stop afterwards."""

import os
import subprocess

import pytest

import harness

os.environ.setdefault("SE_OFFLINE", "true")


@pytest.fixture(scope="session")
def certificates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ca")
    subprocess.run(["sh", str(harness.INTEGRATION / "make_ca.sh"), str(folder)], check=True, timeout=60)
    return folder


@pytest.fixture
def data(tmp_path):
    return harness.DataFolder(tmp_path)


@pytest.fixture
def panel(data, tmp_path, certificates):
    running = harness.Panel(data, tmp_path, ca_file=certificates / "ca.crt")
    yield running
    running.stop()


@pytest.fixture
def smtp(tmp_path):
    """Starts SMTP servers on demand: smtp(mode=..., auth=..., script=...)."""
    started = []

    def start(**options):
        server = harness.SMTPServer(tmp_path, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--lang=ru-RU"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(10)
    yield driver
    driver.quit()
