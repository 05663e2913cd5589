"""Rich text for staff and partners: what the editor offers is exactly what survives the nh3 cleaning.

Headings start at h2 because the page title is the only h1.
"""

from django_prose_editor.fields import create_sanitizer

PROSE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}

sanitize = create_sanitizer(PROSE_EXTENSIONS)
