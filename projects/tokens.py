"""The partner area's signed links (portal.tokens): e-mail verification and invitations."""

from datetime import timedelta

from portal.tokens import ExpiredToken, InvalidToken, make_token
from portal.tokens import read_token as _read_token

VERIFY_EMAIL = "projects.partner.verify-email"
INVITE_MEMBER = "projects.partner.invite-member"

MAX_AGE = {
    VERIFY_EMAIL: timedelta(days=3),
    INVITE_MEMBER: timedelta(days=14),
}

__all__ = ["ExpiredToken", "InvalidToken", "MAX_AGE", "make_token", "read_token"]


def read_token(purpose, token):
    return _read_token(purpose, token, MAX_AGE[purpose])
