"""Test settings only: django-axes as in production, except for Django's client.login(), which passes no
request (axes would refuse it); lockouts are exercised through real login forms."""

from axes.backends import AxesStandaloneBackend


class AxesBackendAllowingClientLogin(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
