"""/api/v1/inspections/ — the literal routes (reference, photos) before the inspection routes; ids are matched as
strings and parsed in the view, so a malformed id answers the same JSON 404 as an unknown one."""

from django.urls import path

from inspections import apis

urlpatterns = [
    path("", apis.InspectionListApi.as_view(), name="inspection-list"),
    path("candidates/", apis.InspectionCandidateListApi.as_view(), name="inspection-candidates"),
    path("reference/", apis.InspectionReferenceApi.as_view(), name="inspection-reference"),
    path("photos/<str:photo_id>/", apis.PhotoReviewApi.as_view(), name="inspection-photo"),
    path("photos/<str:photo_id>/damage-items/", apis.DamageItemListApi.as_view(), name="inspection-damage-items"),
    path(
        "photos/<str:photo_id>/damage-items/<str:item_id>/",
        apis.DamageItemDetailApi.as_view(),
        name="inspection-damage-item",
    ),
    path("<str:inspection_id>/", apis.InspectionDetailApi.as_view(), name="inspection-detail"),
    path("<str:inspection_id>/upload-photos/", apis.InspectionUploadPhotosApi.as_view(), name="inspection-upload"),
    path("<str:inspection_id>/analyze/", apis.InspectionAnalyzeApi.as_view(), name="inspection-analyze"),
    path(
        "<str:inspection_id>/generate-letter/",
        apis.InspectionGenerateLetterApi.as_view(),
        name="inspection-generate-letter",
    ),
    path("<str:inspection_id>/letter/", apis.InspectionLetterApi.as_view(), name="inspection-letter"),
    path("<str:inspection_id>/letter-pdf/", apis.InspectionLetterPdfApi.as_view(), name="inspection-letter-pdf"),
    path("<str:inspection_id>/send-letter/", apis.InspectionSendLetterApi.as_view(), name="inspection-send-letter"),
    path("<str:inspection_id>/finalize/", apis.InspectionFinalizeApi.as_view(), name="inspection-finalize"),
]
