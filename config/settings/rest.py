from config.env import env

REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": [
        "core.bodies.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.auth.DeviceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Every view declares who may call it (core.permissions); one that forgets refuses everyone.
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.Undeclared"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.schema.AccessAutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "UnitCycle API",
    "DESCRIPTION": "AI platform for residential property managers. Authenticate with "
    "`POST /api/v1/auth/token/` and send `Authorization: Token <token>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets ship with the app (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ConversationStatusEnum": "communications.models.TenantConversation.Status",
        "MessageChannelEnum": "core.models.OutboxMessage.Channel",
        "ConversationChannelEnum": "communications.models.CHANNELS",
        "ReplyChannelEnum": "communications.serializers.REPLY_CHANNELS",
        "BroadcastStatusEnum": "communications.models.BroadcastMessage.Status",
        "OutboxMessageStatusEnum": "core.models.OutboxMessage.Status",
        "InvoiceStatusEnum": "invoices.models.Invoices.Status",
        "RenewalStatusEnum": "renewals.models.RenewalRecommendation.Status",
        "RiskLevelEnum": "renewals.models.RenewalRecommendation.RiskLevel",
        "CollectionCaseStatusEnum": "collections_app.models.CollectionCase.Status",
        "JobStatusEnum": "core.models.Job.Status",
        "CollectionLegalReferralEnum": "collections_app.models.CollectionCase.LegalReferral",
        "ImportRunStatusEnum": "imports.models.ImportRun.Status",
        "ImportKindEnum": "imports.models.ImportRun.Kind",
        "StoredFileKindEnum": "core.files.models.StoredFile.Kind",
        "StoredFilePurposeEnum": "core.files.models.StoredFile.Purpose",
        "WorkOrderStatusEnum": "units.models.UnitsMaintenance.Status",
        "WorkOrderPriorityEnum": "units.models.UnitsMaintenance.Priority",
        "WorkOrderCategoryEnum": "units.models.WorkOrderCategory",
        "WorkOrderEventKindEnum": "units.models.WorkOrderEvent.Kind",
        "WorkOrderFileKindEnum": "units.models.WorkOrderFile.Kind",
        "VendorComplianceStateEnum": "invoices.compliance.STATES",
        "WarrantyStateEnum": "predictive_maintenance.rules.WARRANTY_STATES",
        "InspectionStatusEnum": "inspections.models.MoveOutInspection.Status",
        "DamageCategoryEnum": "inspections.models.InspectionDamageItem.Category",
        "DamageSeverityEnum": "inspections.models.InspectionDamageItem.Severity",
        "TenantChargeStatusEnum": "responsibility.models.TenantCharge.Status",
        "ResponsibilityEnum": "units.models.UnitsMaintenance.Responsibility",
        "ChargeableResponsibilityEnum": "responsibility.serializers.CHARGEABLE_RESPONSIBILITY",
    },
}

# --- robustness (core.bodies, core.idempotency, core.jobs, core.fields) -----------------------------------
# JSON bodies: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes (Django's, 2.5 MB) and JSON_MAX_DEPTH levels deep.
JSON_MAX_DEPTH = env.int("JSON_MAX_DEPTH", default=32)
# Idempotency-Key: responses kept a day (Stripe's window); a parallel duplicate waits this long, then 409.
IDEMPOTENCY_KEY_TTL_HOURS = env.int("IDEMPOTENCY_KEY_TTL_HOURS", default=24)
IDEMPOTENCY_WAIT_SECONDS = env.float("IDEMPOTENCY_WAIT_SECONDS", default=10)
IDEMPOTENCY_STALE_SECONDS = env.int("IDEMPOTENCY_STALE_SECONDS", default=300)
# Background jobs: a running job silent this long is considered dead (its worker restarted).
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=1800)
JOBS_RUN_INLINE = env.bool("JOBS_RUN_INLINE", default=False)
# Date inputs: accepted from DATE_INPUT_MIN to today + DATE_INPUT_MAX_YEARS_AHEAD years.
DATE_INPUT_MIN = env("DATE_INPUT_MIN", default="2000-01-01")
DATE_INPUT_MAX_YEARS_AHEAD = env.int("DATE_INPUT_MAX_YEARS_AHEAD", default=10)
# Money inputs: at most this much (one payment, one rent); a new rent within these ratios of the current one.
MONEY_INPUT_MAX = env("MONEY_INPUT_MAX", default="1000000.00")
RENT_CHANGE_MIN_RATIO = env("RENT_CHANGE_MIN_RATIO", default="0.5")
RENT_CHANGE_MAX_RATIO = env("RENT_CHANGE_MAX_RATIO", default="2.0")
# Portfolio import (imports/): per file at most this many bytes and rows; a commit of more rows than
# IMPORT_BACKGROUND_ROWS runs as a background job (core.jobs) with progress; at most IMPORT_MAX_ERRORS listed.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=2000)
IMPORT_MAX_ERRORS = env.int("IMPORT_MAX_ERRORS", default=1000)
