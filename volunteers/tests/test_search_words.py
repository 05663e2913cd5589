"""The lists' "Suchbegriff" field finds what the site search finds: the text in the visitor's language or German."""

from django.utils.text import slugify

from projects.models import Organisation
from projects.tests import build_project


def titles(response, attribute):
    return [getattr(item, attribute) for item in response.context["page_obj"]]


def test_a_word_in_the_visitors_language_finds_organisations_projects_and_offers(client, organisation, opportunity):
    cafe = Organisation.objects.create(
        name="Elterncafé Gifhorn", slug=slugify("Elterncafé Gifhorn"), status="published", city="Gifhorn",
        description_de="<p>Treffen für Eltern mit Kinderbetreuung.</p>",
        description_ar="<p>لقاء للآباء مع رعاية الأطفال.</p>",
    )
    build_project(cafe, "Lesepaten", status="published", title_uk="Читацькі наставники",
                  summary_uk="Діти читають разом із волонтерами.")
    opportunity.title_ar = "رعاية لغوية"
    opportunity.save()

    assert titles(client.get("/ar/angebote/", {"q": "الأطفال"}), "name") == ["Elterncafé Gifhorn"]
    assert titles(client.get("/de/angebote/", {"q": "Kinderbetreuung"}), "name") == ["Elterncafé Gifhorn"]
    assert titles(client.get("/ar/angebote/", {"q": "Kinderbetreuung"}), "name") == ["Elterncafé Gifhorn"]
    assert titles(client.get("/de/angebote/", {"q": "الأطفال"}), "name") == []  # German visitors search German
    assert titles(client.get("/uk/projekte/", {"q": "волонтерами"}), "title_de") == ["Lesepaten"]
    assert titles(client.get("/ar/ehrenamtsboerse/", {"q": "لغوية"}), "title_de") == ["Sprachpatenschaft"]
    # The offer's organisation's name still finds it, and every word must match.
    assert titles(client.get("/de/ehrenamtsboerse/", {"q": "Wittingen"}), "title_de") == ["Sprachpatenschaft"]
    assert titles(client.get("/de/ehrenamtsboerse/", {"q": "Wittingen Gifhorn"}), "title_de") == []
    # The site search finds the same organisation for the same word.
    assert "Elterncafé Gifhorn" in client.get("/ar/suche/", {"q": "الأطفال"}).content.decode()
