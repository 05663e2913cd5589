"""Signed, time-limited links for the partner area: e-mail verification and invitations.

Nothing is stored for a link: the payload is signed with SECRET_KEY and a salt per purpose, so a link made for one
purpose never works for another, and it expires after `max_age`. Links that must work only once check the state
they change (an active account, an existing membership) instead of remembering the link.
"""

from datetime import timedelta

from django.core import signing

VERIFY_EMAIL = "projects.partner.verify-email"
INVITE_MEMBER = "projects.partner.invite-member"

MAX_AGE = {
    VERIFY_EMAIL: timedelta(days=3),
    INVITE_MEMBER: timedelta(days=14),
}


class InvalidToken(Exception):
    """The link was changed, cut off or made for another purpose."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is older than its purpose allows."""


def make_token(purpose, payload):
    """A URL-safe signed token carrying `payload` (a small dict of JSON values)."""
    return signing.TimestampSigner(salt=purpose).sign_object(payload, compress=True)


def read_token(purpose, token):
    """The payload of a token made by `make_token` for the same purpose; raises ExpiredToken or InvalidToken."""
    signer = signing.TimestampSigner(salt=purpose)
    try:
        return signer.unsign_object(token, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error
