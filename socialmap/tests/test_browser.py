import pytest

from socialmap import demo


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_searches_by_dimension_and_postcode(page, live_server, axe_check):
    demo.load()
    page.goto(f"{live_server.url}/sociale-kaart/")
    page.get_by_label("Onderdeel van Positieve Gezondheid").select_option("zingeving")
    page.get_by_role("textbox", name="Postcode").fill("9993 AB")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    results = page.get_by_role("region", name="resultaten")
    results.get_by_role("link", name="Jongerenwerk Westerveld").wait_for()
    assert "Samen eten in Oosterhof" not in results.inner_text()
    axe_check(page)
    results.get_by_role("link", name="Jongerenwerk Westerveld").click()
    page.get_by_role("heading", level=1, name="Jongerenwerk Westerveld").wait_for()
    axe_check(page)
