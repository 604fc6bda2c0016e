"""40 wrong passwords at once through the Procfile's web line (its workers and threads):
the counting is atomic in the database, so at most five passwords are ever checked."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from ivr import db
from ivr.services.accounts import create
from tests.helpers import free_port, procfile

ROOT = Path(__file__).resolve().parent.parent.parent
EMAIL, PASSWORD = "wijkagent@gemeente.example.nl", "lang-en-geheim-42"


def test_concurrent_guesses_get_at_most_five_password_checks(make_app, database_url, tmp_path):
    app = make_app()
    with db.unit_of_work(app, dispatch=False) as session:
        create(session, EMAIL, PASSWORD)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "WEB_CONCURRENCY": "2",
           "SECRET_KEY": "test-secret-shared-by-every-worker", "BUURTLIJN_ENV": "development",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    server = subprocess.Popen(["bash", "-c", f"exec {procfile('web')}"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=(tmp_path / "web.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(base + "/health", timeout=5)
                break
            except requests.RequestException:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "web.log").read_text()
                time.sleep(0.2)
        guessers = []
        for _ in range(40):
            browser = requests.Session()
            page = browser.get(base + "/coordinator/login", timeout=10).text
            guessers.append((browser, re.search(r'name="csrf" value="([^"]+)"', page).group(1)))
        start, statuses = threading.Barrier(40), []

        def guess(browser, token):
            start.wait()
            response = browser.post(base + "/coordinator/login", timeout=30,
                                    data={"csrf": token, "email": EMAIL, "password": "fout-fout-fout"})
            statuses.append(response.status_code)

        threads = [threading.Thread(target=guess, args=g) for g in guessers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        server.terminate()
        server.wait(30)
    assert len(statuses) == 40 and set(statuses) <= {401, 429}, statuses
    assert 1 <= statuses.count(401) <= 5, statuses  # 401: the password was checked (and wrong)
