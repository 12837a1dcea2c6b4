"""OpenAPI: every operation says who may call it (`x-permission`, and a line in its description)."""

from drf_spectacular.openapi import AutoSchema

from core.permissions import Requires, alternatives, declared_permissions


class AccessAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        declared = declared_permissions(self.view)
        if not declared:
            return operation  # tests/test_access_matrix.py fails on this operation
        perm = declared[0]
        if isinstance(perm, Requires):
            value = perm.needed(method.upper())
            options = " or ".join(f"`{c}`" for c in alternatives(value))
            words = f"Requires the {options} permission (README, Roles and access)."
        else:
            value = perm.kind if perm.kind != "public" else "public"
            words = f"Access: {perm.describe()}."
        operation["x-permission"] = value
        description = operation.get("description", "")
        operation["description"] = f"{description}\n\n{words}".strip()
        return operation
