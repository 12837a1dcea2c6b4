"""Query-string filters of the import list; an invalid value answers 400 (django-filter), never 500."""

import django_filters

from imports.models import ImportRun


class ImportRunFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ImportRun.Kind.choices)
    status = django_filters.ChoiceFilter(choices=ImportRun.Status.choices)

    class Meta:
        model = ImportRun
        fields = ["kind", "status"]
