import pytest
from assessments.tests.factories import make_web
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_shots(new_page, live_server):
    web = make_web((6, 7.5, None, 8, 4, 6), instrument_id="bredeblik-volwassenen", flags=("lf-slaap",))
    web2 = make_web((4, 5, 5, 6, 3, 6), instrument_id="bredeblik-volwassenen", series=web.series)
    p = new_page(360, 740)
    p.goto(live_server.url); p.screenshot(path="/tmp/s_home.png", full_page=True)
    p.goto(live_server.url + f"/web/{web.access_token}/deel/1/"); p.screenshot(path="/tmp/s_fill.png", full_page=False)
    d = new_page(1100, 900)
    d.goto(live_server.url + f"/web/{web2.access_token}/vergelijk/"); d.screenshot(path="/tmp/s_compare.png", full_page=True)
    d.goto(live_server.url + f"/web/{web.access_token}/"); d.screenshot(path="/tmp/s_result.png", full_page=True)
    c = make_web((0, 2.5, 5, 7.5, 10, 5), instrument_id="bredeblik-kind")
    p.goto(live_server.url + f"/web/{c.access_token}/deel/2/"); p.screenshot(path="/tmp/s_kind.png")
