"""Helpers the journey tests share: what a person reads off the screen and out of the PDF."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from pypdf import PdfReader


def use_language(page, live_server, language: str) -> None:
    """The language a person picks with the switch; kept in a cookie for every next page.
    A journey walks many pages on a shared machine, so it waits longer than one page would."""
    page.set_default_timeout(45_000)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def answer_current_page(page, score) -> None:
    """Give every question of the part on screen the same score.

    Waits for the part's questions first: `.all()` answers at once, so right after a click it
    could list those of the page being left (a web's first screen has none).
    """
    questions = page.locator("fieldset.item")
    questions.first.wait_for()
    for group in questions.all():
        group.get_by_label(str(score), exact=True).check()


def web_shape(page, css: str = "svg.spider-web polygon.surface") -> list[tuple[float, float]]:
    """The points of the drawn web, as a person sees its corners."""
    points = page.locator(css).first.get_attribute("points") or ""
    return [tuple(float(v) for v in pair.split(",")) for pair in points.split()]


def score_table(page, scope: str = "main") -> dict[str, list[str]]:
    """Each row of the first scores table: the part's name (without its subtitle or talk
    marker) → the text of the cells after it, as on screen."""
    table = page.locator(f"{scope} .table-wrap table").first
    rows = {}
    for row in table.locator("tbody tr").all():
        name = row.locator("th").evaluate("th => th.firstChild.textContent")
        rows[" ".join(name.split())] = [c.inner_text().strip() for c in row.locator("td").all()]
    return rows


def surface_text(page, scope: str = "main") -> str:
    """The health surface as written under the web, e.g. '28,5'."""
    caption = page.locator(f"{scope} figcaption").first.inner_text()
    return re.search(r"([\d.,]+)\s?%", caption).group(1)


def pdf_text(path: str | Path) -> str:
    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def snap(page, name: str) -> None:
    """With JOURNEY_SCREENSHOTS=<folder>, keep a full-page picture of this step to look at."""
    folder = os.environ.get("JOURNEY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(Path(folder) / f"{width}-{name}.png"), full_page=True)


def open_sign_up_link(page, email: str, password: str) -> None:
    """After 'send me the link': open the link from the e-mail in this browser, as the person
    would, and choose a password; the account is switched on and they are logged in."""
    from django.core import mail

    page.wait_for_url(re.compile(r"/account/aanmelden/verstuurd/$"))
    sent = [message for message in mail.outbox if message.to == [email]]
    assert sent, f"no e-mail was sent to {email}"
    link = next(line for line in sent[-1].body.splitlines() if "/account/aanmelden/" in line)
    page.goto(link.strip())
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/account/aanmelden/" not in url)
