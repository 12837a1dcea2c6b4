from django.urls import path

from properties.apis import JurisdictionRuleListApi

urlpatterns = [path("", JurisdictionRuleListApi.as_view(), name="jurisdiction-rule-list")]
