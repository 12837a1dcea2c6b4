from rest_framework import serializers

from imports.models import ImportRun


class ImportStartInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportRun.Kind.choices)
    file = serializers.FileField(allow_empty_file=False)
    dry_run = serializers.BooleanField(default=True)


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Spreadsheet row: the header is row 1, the first data row is row 2")
    column = serializers.CharField()
    message = serializers.CharField()


class ImportRunSerializer(serializers.ModelSerializer):
    errors = ImportErrorSerializer(many=True, read_only=True)

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "kind",
            "dry_run",
            "status",
            "file_name",
            "total_rows",
            "created_count",
            "updated_count",
            "error_count",
            "errors",
            "progress",
            "message",
            "summary",
            "job_id",
            "requested_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportRunListItemSerializer(ImportRunSerializer):
    class Meta(ImportRunSerializer.Meta):
        fields = [f for f in ImportRunSerializer.Meta.fields if f != "errors"]
        read_only_fields = fields
