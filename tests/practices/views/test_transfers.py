import datetime

from secon.practices.models import Transfer

DAY = datetime.date(2024, 10, 25)


def test_the_practice_page_shows_the_journey_and_members_record_it(
    client, practice, other_editor, other_partner
):
    client.force_login(other_editor)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Our region is interested in this practice" in html
    url = practice.get_absolute_url() + "transfers/"
    response = client.post(url, {"partner": other_partner.pk, "date": "2024-10-25", "evidence": "Visit"})
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    response = client.post(url, {"transfer": transfer.pk, "stage": "exchange", "date": "2024-11-02"})
    assert response.status_code == 302
    client.logout()
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Πελοπόννησος" in html
    assert "exchange or study visit" in html
