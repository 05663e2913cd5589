"""Machine-readable views of an organisation: schema.org JSON-LD, vCard, and what other apps show with it."""

from django.conf import settings
from django.utils.html import strip_tags

_related = {}


def register_related(key, provider):
    """Other apps (volunteers) add a list to the organisation page: provider(organisation) → queryset."""
    _related[key] = provider


def related_providers():
    return list(_related.items())


def organisation_json_ld(organisation, request):
    """schema.org data of an organisation; its vocabulary terms attached (`attach_terms`)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "description": strip_tags(organisation.description or "")[:500],
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.email:
        data["email"] = organisation.email
    if organisation.street or organisation.city:
        data["address"] = {
            "@type": "PostalAddress", "streetAddress": organisation.street,
            "postalCode": organisation.postcode, "addressLocality": organisation.city, "addressCountry": "DE",
        }
    if organisation.has_location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(organisation.latitude),
                       "longitude": float(organisation.longitude)}
    hours = list(organisation.opening_hours.all())
    if hours:
        data["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{entry.schema_day}",
             "opens": entry.opens.strftime("%H:%M"), "closes": entry.closes.strftime("%H:%M")}
            for entry in hours
        ]
    languages = [language.code for language in organisation.spoken_languages_terms]
    if languages:
        data["knowsLanguage"] = languages
    return data


def _escape(value):
    return (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def vcard(organisation):
    """A vCard 3.0 with the organisation's contact data (for phones' address books)."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(organisation.name)}",
        f"ORG:{_escape(organisation.name)}",
    ]
    if organisation.street or organisation.city:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(organisation.street)};{_escape(organisation.city)};;"
                     f"{_escape(organisation.postcode)};Deutschland")
    if organisation.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(organisation.phone)}")
    if organisation.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(organisation.email)}")
    if organisation.website:
        lines.append(f"URL:{_escape(organisation.website)}")
    if organisation.has_location:
        lines.append(f"GEO:{organisation.latitude};{organisation.longitude}")
    lines.append(f"SOURCE:{settings.SITE_URL}{organisation.get_absolute_url()}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
