"""`shelfwriter demo --keep-running` starts the desk: a real `shelfwriter web` process on a
free port, a demo reviewer whose printed password signs in."""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
from sqlalchemy.orm import Session, sessionmaker

from worker.demo.process import ChildProcess
from worker.demo.run import DEMO_USER, _start_desk
from worker.web.accounts import authenticate


def test_demo_desk_starts_and_its_login_works(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    children: list[ChildProcess] = []
    try:
        url, password = _start_desk(factory, dict(os.environ), tmp_path, children)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        with httpx.Client(base_url=url, timeout=10, follow_redirects=True) as client:
            assert client.get("/healthz").json() == {"status": "ok"}
            form = client.get("/login").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form)
            assert csrf
            r = client.post(
                "/login",
                data={"csrf": csrf.group(1), "username": DEMO_USER, "password": password},
            )
            assert r.status_code == 200 and "Queue" in r.text and DEMO_USER in r.text
        # A second run makes a new password; the old one stops working.
        _, password2 = _start_desk(factory, dict(os.environ), tmp_path, children)
        assert password2 != password
        assert authenticate(factory, DEMO_USER, password) is None
        assert authenticate(factory, DEMO_USER, password2) is not None
    finally:
        for child in children:
            child.stop(10)
