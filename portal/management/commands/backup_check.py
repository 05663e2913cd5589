"""Prove that a backup restores: pg_dump the database and copy the media, restore both into a scratch database
and folder, and compare every table row by row (every language column included) and every uploaded file.

    DATABASE_URL=postgres://… .venv/bin/python manage.py backup_check

The same commands are the documented backup and restore (docs/operations.md).
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.loadtools import require_postgresql


def libpq_env(database):
    env = dict(os.environ)
    env.update({"PGHOST": database["HOST"] or "", "PGPORT": str(database["PORT"] or ""),
                "PGUSER": database["USER"] or "", "PGPASSWORD": database["PASSWORD"] or ""})
    return env


def table_digest(cursor, model):
    """Row count and a hash over every column of every row of a table, in primary-key order."""
    table, pk = model._meta.db_table, model._meta.pk.column
    cursor.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t."{pk}"), \'\')) '
                   f'FROM "{table}" t')
    return tuple(cursor.fetchone())


def file_digests(root):
    root = Path(root)
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()} if root.exists() else {}


class Command(BaseCommand):
    help = "Sicherung und Wiederherstellung prüfen: pg_dump + Medien, Rücksicherung in eine Prüfdatenbank, Vergleich."

    def handle(self, *args, **options):
        require_postgresql()
        for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
            if not shutil.which(tool):
                raise CommandError(f"{tool} fehlt (Paket postgresql-client).")
        source = settings.DATABASES["default"]
        scratch_name = f"{source['NAME']}_restore_check"
        env = libpq_env(source)
        with tempfile.TemporaryDirectory() as workdir:
            dump = Path(workdir) / "portal.dump"
            media_copy = Path(workdir) / "media"
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source["NAME"]],
                           env=env, check=True)
            if Path(settings.MEDIA_ROOT).exists():
                shutil.copytree(settings.MEDIA_ROOT, media_copy)
            subprocess.run(["dropdb", "--if-exists", scratch_name], env=env, check=True)
            subprocess.run(["createdb", scratch_name], env=env, check=True)
            try:
                subprocess.run(["pg_restore", "--no-owner", f"--dbname={scratch_name}", str(dump)], env=env,
                               check=True)
                differences = []
                models = [model for model in apps.get_models()
                          if model._meta.app_label in {"portal", "projects", "volunteers", "auth"}]
                restored_db = psycopg.connect(dbname=scratch_name, host=source["HOST"] or None,
                                              port=source["PORT"] or None, user=source["USER"] or None,
                                              password=source["PASSWORD"] or None)
                with connections["default"].cursor() as original_cursor, restored_db, restored_db.cursor() as cursor:
                    for model in models:
                        original = table_digest(original_cursor, model)
                        restored = table_digest(cursor, model)
                        if original != restored:
                            differences.append(f"{model._meta.label}: {original[0]} rows → {restored[0]} rows")
                tables = len(models)
                media_original = file_digests(settings.MEDIA_ROOT)
                media_restored = file_digests(media_copy)
                if media_original != media_restored:
                    differences.append("media files differ")
            finally:
                subprocess.run(["dropdb", "--if-exists", scratch_name], env=env, check=True)
        self.stdout.write(f"tables compared: {tables}, media files compared: {len(media_original)}")
        if differences:
            raise CommandError("Rücksicherung unvollständig: " + "; ".join(differences))
        self.stdout.write(self.style.SUCCESS("backup restores every table (all languages) and every media file"))
