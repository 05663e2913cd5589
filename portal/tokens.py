"""Signed, time-limited links (e-mail confirmation, invitations, a volunteer's own sign-up).

Nothing is stored for a link: the payload is signed with SECRET_KEY and a salt per purpose, so a link made for
one purpose never works for another, and it expires after the purpose's maximum age. Links that must work only
once check the state they change instead of remembering the link.
"""

from django.core import signing


class InvalidToken(Exception):
    """The link was changed, cut off or made for another purpose."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is older than its purpose allows."""


def make_token(purpose, payload):
    """A URL-safe signed token carrying `payload` (a small dict of JSON values)."""
    return signing.TimestampSigner(salt=purpose).sign_object(payload, compress=True)


def read_token(purpose, token, max_age):
    """The payload of a token made by `make_token` for the same purpose and younger than `max_age` (timedelta,
    or None for no limit); raises ExpiredToken or InvalidToken."""
    signer = signing.TimestampSigner(salt=purpose)
    try:
        return signer.unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error
