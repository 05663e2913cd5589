"""Main navigation entries and home-page entry points of other apps. portal never imports them; they
register here in their AppConfig.ready():

    navigation.register("projects:directory", _("Angebote finden"), position=10)
"""

_entries = []
_entry_points = []


def register(url_name, label, position=50):
    _entries.append((position, url_name, label))
    _entries.sort(key=lambda entry: entry[0])


def entries():
    return [(url_name, label) for _position, url_name, label in _entries]


def register_entry_point(url_name, label, text, position=50):
    """A large link on the home page ("Angebote in meiner Nähe", "Für Organisationen")."""
    _entry_points.append((position, url_name, label, text))
    _entry_points.sort(key=lambda entry: entry[0])


def entry_points():
    return [(url_name, label, text) for _position, url_name, label, text in _entry_points]
