"""The steps of the demo content command. Each app registers its own in AppConfig.ready() (or, for portal,
in the command module), so `load_demo_content` fills every app without portal importing the others.

A step is a callable taking the command's stdout and returning a one-line summary.
"""

_steps = {}


def register_step(label, step, position=50):
    _steps[label] = (position, step)


def steps():
    return [(label, step) for label, (position, step) in sorted(_steps.items(), key=lambda item: item[1][0])]


def read_content(app_dir, name):
    """A demo content file: <app>/demo_content/<name> (JSON, UTF-8)."""
    import json
    from pathlib import Path

    with (Path(app_dir) / "demo_content" / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def translated(**fields):
    """{"title": {"de": …, "en": …}} → {"title_de": …, "title_en": …} for every configured language; a language
    missing in the file becomes "" (and shows the German fallback)."""
    from django.conf import settings

    from portal.translation_status import localized

    return {
        localized(field, code): (values or {}).get(code, "")
        for field, values in fields.items()
        for code, _name in settings.LANGUAGES
    }
