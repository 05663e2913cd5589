from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """Staff members and partner organisations' members. Everybody logs in with their e-mail address."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    language = models.CharField(
        _("Sprache für E-Mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_staff = models.BooleanField(
        _("Mitarbeiterin/Mitarbeiter"),
        default=False,
        help_text=_("Darf sich in der Verwaltung anmelden."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    date_joined = models.DateTimeField(_("registriert seit"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email
