"""The admin's own texts in Danish (the models' names and fields are Danish in their Meta)."""

from django.apps import apps
from django.contrib import admin

admin.site.site_header = "nerveguide – redaktion"
admin.site.site_title = "nerveguide redaktion"
admin.site.index_title = "Artikler, klinikker og anmeldelser"

# Third-party apps keep their English model names (changing those would need migrations in their
# packages); their section headings at least say what they are.
_APP_NAMES = {"axes": "Loginforsøg (django-axes)", "django_tasks_database": "Baggrundsopgaver"}
_installed = {config.label: config for config in apps.get_app_configs()}
for _label, _name in _APP_NAMES.items():
    if _label in _installed:
        _installed[_label].verbose_name = _name
