"""Roles and what each may do: the access matrix, as data (pure: no Django).

A role is a Django group of the same name holding exactly these permissions (`core.roles_sync`, run after every
`migrate`). Views declare the permission they need (`core.permissions.Requires`); the SPA hides what the
signed-in role lacks (`GET /auth/me/` lists its permissions). README "Roles and access" shows this matrix.
"""

# codename -> what it lets a person do (the words the 403 message and the README use)
PERMISSIONS: dict[str, str] = {
    "view_portfolio": "see properties, units, leases, tenants, the dashboards and the command center",
    "view_ledger": "see tenants' ledger rows",
    "view_collections": "see collection cases",
    "view_renewals": "see renewal recommendations",
    "view_maintenance": "see work orders, equipment and failure predictions",
    "view_invoices": "see invoices and vendors",
    "view_messages": "see sent and received messages",
    "view_ai_usage": "see AI usage and cost",
    "manage_leases": "convert leases to month-to-month, record notice, mark units vacant",
    "manage_renewals": "approve, send and record answers to renewal offers",
    "manage_collections": "send reminders, offer plans, escalate and decide legal referrals",
    "record_payments": "record payments and accept payment plans",
    "manage_maintenance": "create, assign and close work orders; keep the vendor list and the equipment register",
    "manage_invoices": "enter vendor invoices, approve or reject them and mark them paid",
    "send_messages": "retry messages that failed to send",
    "run_agents": "run the agents by hand (scans, the command-center queue)",
    "run_bulk_actions": "run bulk actions and dismiss recommendations",
    "import_portfolio": "import properties, units, tenants and leases from CSV files",
}

VIEW_ALL = [p for p in PERMISSIONS if p.startswith("view_")]

# role -> (label, permissions). One role per person; a person without a role can do nothing.
ROLES: dict[str, tuple[str, list[str]]] = {
    "administrator": ("Administrator", list(PERMISSIONS)),
    "property_manager": ("Property manager", list(PERMISSIONS)),
    "leasing_agent": (
        "Leasing agent",
        ["view_portfolio", "view_renewals", "view_messages", "send_messages", "manage_leases", "manage_renewals"],
    ),
    "maintenance_coordinator": (
        "Maintenance coordinator",
        ["view_portfolio", "view_maintenance", "view_invoices", "view_messages", "send_messages", "manage_maintenance"],
    ),
    "accountant": (
        "Accountant",
        [
            "view_portfolio",
            "view_ledger",
            "view_collections",
            "view_renewals",
            "view_invoices",
            "view_messages",
            "send_messages",
            "manage_collections",
            "record_payments",
            "manage_invoices",
        ],
    ),
    "read_only": ("Read-only", VIEW_ALL),  # owners, auditors
}


def role_label(role: str | None) -> str:
    return ROLES[role][0] if role in ROLES else "No role"
