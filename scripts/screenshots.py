"""Screenshots of the main screens for the README, on a phone (360 px) and a laptop (1280 px).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds a fresh SQLite database with the demo data, starts a dev server on a free port, drives
Debian's Chromium through Playwright, and writes small PNGs. Run it after a visible change and
commit the PNGs.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "demo-wachtwoord-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(env: dict) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "createcachetable"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def wait_for(url: str, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def demo_targets() -> dict[str, str]:
    """Addresses that depend on the demo data (tokens, codes)."""
    import django

    django.setup()
    from assessments.models import Assessment

    webs = Assessment.objects.filter(
        owner__email="bewoner@zonnedal.example", completed_at__isnull=False
    )
    web = webs.order_by("-created_at").first()
    return {"web": f"/web/{web.access_token}/", "compare": f"/web/{web.access_token}/vergelijk/"}


def log_in(page, base: str, email: str, *, two_step: bool) -> None:
    from django_otp.oath import totp

    from organisations.demo import DEMO_TOTP_KEY_HEX

    page.context.clear_cookies()
    page.goto(f"{base}/account/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if two_step:
        page.goto(f"{base}/organisatie/tweestaps/controle/")
        page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()


# (file name, path or demo target key, who is logged in: None, "resident", "professional", …)
SHOTS = [
    ("home", "/", None),
    ("fill-in", None, None),
    ("web", "web", "resident"),
    ("compare", "compare", "resident"),
    ("login", "/account/inloggen/", None),
    ("social-map", "/sociale-kaart/", None),
    ("caseload", "/gesprek/", "professional"),
    ("dashboard", "/inzicht/", "analyst"),
    ("session-board", "/bijeenkomst/WNDPRK/bord/", None),
    ("session-phone", "/bijeenkomst/WNDPRK/", None),
    ("not-found", "/bestaat-niet/", None),
]
USERS = {
    "resident": ("bewoner@zonnedal.example", False),
    "professional": ("prof@zonnedal.example", True),
    "analyst": ("analist@zonnedal.example", True),
}
SIZES = {"phone": (360, 740), "laptop": (1280, 800)}
PHONE_MAX_HEIGHT = 1800  # a phone shot shows the top of a long page, not all of it


def save_small(png: bytes, path: Path) -> None:
    """A palette PNG: a fraction of the size, and screens are mostly flat colours anyway."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    image.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def start_fill_in(page, base: str) -> None:
    page.goto(f"{base}/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.locator("main a[href*='/deel/']").first.click()
    page.wait_for_load_state()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    workdir = tempfile.mkdtemp(prefix="bredeblik-shots-")
    # Production settings (DEBUG off), so error pages look as a visitor sees them; plain http on
    # localhost, which Chromium trusts with secure cookies.
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{workdir}/demo.sqlite3",
        DJANGO_DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="localhost",
    )
    env.setdefault("SECRET_KEY", "screenshots-only-not-a-real-secret-key-0123456789abcdef")
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bredeblik.settings")
    prepare_database(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--nostatic", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://localhost:{port}"
    try:
        wait_for(f"{base}/healthz")
        targets = demo_targets()
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=["--no-sandbox"]
            )
            for size_name, (width, height) in SIZES.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale="nl-NL"
                )
                page = context.new_page()
                current_user = None
                for name, target, who in SHOTS:
                    if who != current_user:
                        if who is None:
                            context.clear_cookies()
                        else:
                            email, two_step = USERS[who]
                            log_in(page, base, email, two_step=two_step)
                        current_user = who
                    if name == "fill-in":
                        start_fill_in(page, base)
                    else:
                        page.goto(base + targets.get(target, target))
                    page.wait_for_load_state("networkidle")
                    path = out / f"{name}-{size_name}.png"
                    if size_name == "phone":
                        height = min(
                            PHONE_MAX_HEIGHT,
                            page.evaluate("document.documentElement.scrollHeight"),
                        )
                        png = page.screenshot(
                            full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
                        )
                    else:
                        png = page.screenshot()
                    save_small(png, path)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
