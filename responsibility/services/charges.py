"""The coordinator's decision and what follows it: a confirmed tenant charge is `pending`; billing posts it on the
tenant's ledger (tenants.ledger_services, so collections sees it) and sends the charge notice with a signed,
expiring dispute link; a payment marks it `paid`; a dispute (staff, or the tenant through the link) flags the
work order and the charge until the coordinator upholds, adjusts or waives it. Every step is a line of the
decision log with its reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.formatting import money
from core.messaging.services import send_email
from responsibility.models import ResponsibilityDecision, TenantCharge
from tenants.ledger_services import ledger_charge_post, ledger_credit_post, ledger_payment_record
from units.models import UnitsMaintenance
from units.services import work_order_responsibility_disputed_set, work_order_responsibility_set

K = ResponsibilityDecision.Kind
S = TenantCharge.Status
CENT = Decimal("0.01")
DISPUTE_SALT = "responsibility.charge-dispute"
DISPUTE_LINK_MAX_AGE_DAYS = 30  # the link in the charge notice; RESPONSIBILITY_DISPUTE_LINK_DAYS overrides


def _ai(wo: UnitsMaintenance) -> dict:
    log = wo.responsibility_decisions.filter(kind=K.DETERMINATION).order_by("-created_at").first()
    if log is None:
        raise ApplicationError("Determine the work order's responsibility first.", status_code=409)
    return {
        "responsibility": log.ai_responsibility,
        "confidence": log.ai_confidence,
        "amount": log.ai_amount,
        "provider": log.provider,
        "reasoning": log.reason,
    }


def _entry(wo, *, kind, ai, final, amount, reason, actor, actor_name, charge=None) -> ResponsibilityDecision:
    return ResponsibilityDecision.objects.create(
        work_order=wo,
        property_id=wo.property_id,
        charge=charge,
        kind=kind,
        ai_responsibility=ai["responsibility"],
        ai_confidence=ai["confidence"],
        ai_amount=ai["amount"],
        provider=ai["provider"],
        final_responsibility=final,
        final_amount=amount,
        reason=reason,
        actor=actor,
        actor_name=actor_name,
    )


def _amount(value, field: str = "amount") -> Decimal:
    try:
        amount = Decimal(str(value))
    except Exception as exc:  # noqa: BLE001
        raise ApplicationError("Enter an amount.", extra={"field": field}) from exc
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT) or amount > Decimal("50000"):
        raise ApplicationError(
            "The amount must be more than $0.00, whole cents, at most $50,000.00.", extra={"field": field}
        )
    return amount


def _decided(wo: UnitsMaintenance) -> bool:
    return wo.responsibility_decisions.filter(kind__in=(K.CONFIRM, K.WAIVE)).exists()


def responsibility_confirm(
    *, work_order: UnitsMaintenance, responsibility: str, amount, reason: str = "", actor: str, actor_name: str = ""
) -> TenantCharge:
    """Confirm & Create Charge: the tenant (or shared) decision with its amount becomes a pending charge. A
    decision or an amount other than the determination's is an override and needs a reason."""
    if responsibility not in ("tenant", "shared"):
        raise ApplicationError(
            "A charge is for a tenant or shared decision; waive it if the owner pays.",
            extra={"field": "responsibility"},
        )
    amount = _amount(amount)
    ai = _ai(work_order)
    reason = (reason or "").strip()
    override = responsibility != ai["responsibility"] or ai["amount"] is None or amount != ai["amount"]
    if override and not reason:
        raise ApplicationError("An override of the determination needs a reason.", extra={"field": "reason"})
    if work_order.tenant_id is None:
        raise ApplicationError("The work order has no tenant to charge.", extra={"field": "responsibility"})
    with transaction.atomic():
        wo = UnitsMaintenance.objects.select_for_update().get(pk=work_order.pk)
        if _decided(wo):
            raise ApplicationError("This work order's responsibility is already decided.", status_code=409)
        evidence = wo.responsibility_evidence or {}
        charge = TenantCharge.objects.create(
            work_order=wo,
            tenant_id=wo.tenant_id,
            lease_id=wo.lease_id,
            property_id=wo.property_id,
            amount=amount,
            description=((evidence.get("tenant_charge") or {}).get("description") or f"Repair - {wo.title}")[:200],
            evidence_summary=wo.responsibility_reasoning
            + ("\n" + "\n".join(f"- {f}" for f in evidence.get("key_factors") or []) if evidence else ""),
            damage_type=(evidence.get("tenant_charge") or {}).get("damage_type") or "",
        )
        work_order_responsibility_set(
            work_order=wo,
            responsibility=responsibility,
            confidence=wo.responsibility_confidence,
            reasoning=wo.responsibility_reasoning,
            tenant_charge_amount=amount,
            evidence=evidence,
        )
        _entry(
            wo,
            kind=K.CONFIRM,
            ai=ai,
            final=responsibility,
            amount=amount,
            reason=reason or f"Confirmed the determination: {ai['reasoning']}",
            actor=actor,
            actor_name=actor_name,
            charge=charge,
        )
    return charge


def responsibility_waive(*, work_order: UnitsMaintenance, reason: str = "", actor: str, actor_name: str = ""):
    """Waive - Owner Pays. Against a tenant or shared determination it is an override and needs a reason."""
    ai = _ai(work_order)
    reason = (reason or "").strip()
    if ai["responsibility"] != "owner" and not reason:
        raise ApplicationError("Waiving a tenant or shared determination needs a reason.", extra={"field": "reason"})
    with transaction.atomic():
        wo = UnitsMaintenance.objects.select_for_update().get(pk=work_order.pk)
        if _decided(wo):
            raise ApplicationError("This work order's responsibility is already decided.", status_code=409)
        work_order_responsibility_set(
            work_order=wo,
            responsibility="owner",
            confidence=wo.responsibility_confidence,
            reasoning=wo.responsibility_reasoning,
            tenant_charge_amount=None,
            evidence=wo.responsibility_evidence,
        )
        _entry(
            wo,
            kind=K.WAIVE,
            ai=ai,
            final="owner",
            amount=None,
            reason=reason or f"Owner pays, as determined: {ai['reasoning']}",
            actor=actor,
            actor_name=actor_name,
        )
    return wo


def _locked(charge: TenantCharge) -> TenantCharge:
    return (
        TenantCharge.objects.select_for_update(of=("self",))
        .select_related("work_order", "tenant", "lease")
        .get(pk=charge.pk)
    )


def _reference(charge: TenantCharge, what: str = "RC") -> str:
    return f"{what}-{charge.pk.hex[:24]}"


def charge_dispute_token(*, charge: TenantCharge) -> str:
    return signing.TimestampSigner(salt=DISPUTE_SALT).sign(str(charge.pk))


def charge_dispute_token_check(token: str) -> str:
    """The charge id of a genuine, unexpired link. Expired: 410; forged or malformed: 404 (as core.files' links)."""
    days = getattr(settings, "RESPONSIBILITY_DISPUTE_LINK_DAYS", DISPUTE_LINK_MAX_AGE_DAYS)
    try:
        return signing.TimestampSigner(salt=DISPUTE_SALT).unsign(token, max_age=datetime.timedelta(days=days))
    except signing.SignatureExpired as exc:
        raise ApplicationError(
            "This link has expired; contact the office to dispute the charge.", status_code=410
        ) from exc
    except signing.BadSignature as exc:
        raise ApplicationError("Not found.", status_code=404) from exc


def dispute_url(charge: TenantCharge) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "") or ""
    return f"{base.rstrip('/')}/charge-dispute/{charge_dispute_token(charge=charge)}"


def _notice(charge: TenantCharge) -> None:
    tenant = charge.tenant
    if not tenant.email:
        return
    wo = charge.work_order
    text = (
        f"Dear {tenant.first_name},\n\n"
        f"A charge of {money(charge.amount)} has been added to your account for the repair in work order "
        f"{wo.work_order_number} ({wo.title}): {charge.description}.\n\n"
        f"Why: {charge.evidence_summary}\n\n"
        f"If you disagree, tell us why within {DISPUTE_LINK_MAX_AGE_DAYS} days at: {dispute_url(charge)}\n"
    )
    send_email(
        to=tenant.email,
        subject=f"Repair charge {money(charge.amount)} - {wo.work_order_number}",
        text=text,
        feature="responsibility",
        related_object=charge,
        dedupe_key=f"responsibility:charge-notice:{charge.pk}",
    )


def charge_bill(*, charge: TenantCharge, today: datetime.date, actor: str, actor_name: str = "") -> TenantCharge:
    """Posts the pending charge on the tenant's ledger (once: a retry finds the posted entry) and sends the notice
    with the dispute link."""
    with transaction.atomic():
        charge = _locked(charge)
        if charge.status != S.PENDING:
            raise ApplicationError(
                f"Only a pending charge can be billed (this one is {charge.status}).", status_code=409
            )
        entry, _ = ledger_charge_post(
            tenant=charge.tenant,
            lease=charge.lease,
            amount=charge.amount,
            trans_date=today,
            due_date=today + datetime.timedelta(days=30),
            description=f"Repair charge: {charge.description}"[:200],
            reference=_reference(charge),
        )
        charge.status, charge.billed_at, charge.ledger_entry = S.BILLED, timezone.now(), entry
        charge.save(update_fields=["status", "billed_at", "ledger_entry", "updated_at"])
        ai = _ai(charge.work_order)
        _entry(
            charge.work_order,
            kind=K.BILL,
            ai=ai,
            final=charge.work_order.responsibility,
            amount=charge.amount,
            reason=f"Billed to the tenant's ledger ({money(charge.amount)}).",
            actor=actor,
            actor_name=actor_name,
            charge=charge,
        )
        transaction.on_commit(lambda c=charge: _notice(c))
    return charge


def charge_pay(*, charge: TenantCharge, today: datetime.date, actor: str, actor_name: str = "") -> TenantCharge:
    """Records the tenant's payment of a billed charge on the ledger and marks the charge paid."""
    with transaction.atomic():
        charge = _locked(charge)
        if charge.status != S.BILLED:
            raise ApplicationError(f"Only a billed charge can be paid (this one is {charge.status}).", status_code=409)
        ledger_payment_record(
            tenant=charge.tenant,
            lease=charge.lease,
            amount=charge.amount,
            trans_date=today,
            reference=_reference(charge, "RCP"),
            description="Repair charge payment",
        )
        charge.status, charge.paid_at = S.PAID, timezone.now()
        charge.save(update_fields=["status", "paid_at", "updated_at"])
        _entry(
            charge.work_order,
            kind=K.PAY,
            ai=_ai(charge.work_order),
            final=charge.work_order.responsibility,
            amount=charge.amount,
            reason=f"Payment of {money(charge.amount)} recorded.",
            actor=actor,
            actor_name=actor_name,
            charge=charge,
        )
    return charge


def charge_dispute(*, charge: TenantCharge, message: str, by: str, actor: str, actor_name: str = "") -> TenantCharge:
    """The tenant contests the charge (recorded by staff, or by the tenant through the link): the charge and the
    work order are flagged until the coordinator resolves it."""
    message = (message or "").strip()
    if not message:
        raise ApplicationError("Say why the charge is disputed.", extra={"field": "message"})
    with transaction.atomic():
        charge = _locked(charge)
        if charge.status not in (S.PENDING, S.BILLED):
            raise ApplicationError(f"A {charge.status} charge cannot be disputed.", status_code=409)
        charge.status_before_dispute, charge.status = charge.status, S.DISPUTED
        charge.disputed_at, charge.dispute_message, charge.dispute_by = timezone.now(), message[:4000], by
        charge.save(
            update_fields=[
                "status",
                "status_before_dispute",
                "disputed_at",
                "dispute_message",
                "dispute_by",
                "updated_at",
            ]
        )
        work_order_responsibility_disputed_set(work_order=charge.work_order, disputed=True)
        _entry(
            charge.work_order,
            kind=K.DISPUTE,
            ai=_ai(charge.work_order),
            final=charge.work_order.responsibility,
            amount=charge.amount,
            reason=message[:4000],
            actor=actor,
            actor_name=actor_name,
            charge=charge,
        )
    return charge


def charge_resolve(
    *,
    charge: TenantCharge,
    outcome: str,
    reason: str,
    amount=None,
    today: datetime.date,
    actor: str,
    actor_name: str = "",
) -> TenantCharge:
    """The coordinator's answer to a dispute, with its reason: uphold (the charge stands as it was), adjust (a new,
    lower amount; a billed charge gets the difference credited) or waive (the owner pays; a billed charge is
    credited in full)."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("A dispute's resolution needs a reason.", extra={"field": "reason"})
    if outcome not in ("uphold", "adjust", "waive"):
        raise ApplicationError("Choose uphold, adjust or waive.", extra={"field": "outcome"})
    with transaction.atomic():
        charge = _locked(charge)
        if charge.status != S.DISPUTED:
            raise ApplicationError("Only a disputed charge can be resolved.", status_code=409)
        wo = charge.work_order
        was_billed = charge.status_before_dispute == S.BILLED
        if outcome == "adjust":
            new = _amount(amount)
            if new >= charge.amount:
                raise ApplicationError(
                    "An adjusted charge must be lower than the disputed one; uphold it instead.",
                    extra={"field": "amount"},
                )
            if was_billed:
                ledger_credit_post(
                    tenant=charge.tenant,
                    lease=charge.lease,
                    amount=charge.amount - new,
                    trans_date=today,
                    description=f"Repair charge adjusted: {charge.description}",
                    reference=_reference(charge, "RCA"),
                )
            charge.amount = new
            charge.status = charge.status_before_dispute or S.PENDING
            kind, final = K.ADJUST, wo.responsibility
        elif outcome == "waive":
            if was_billed:
                ledger_credit_post(
                    tenant=charge.tenant,
                    lease=charge.lease,
                    amount=charge.amount,
                    trans_date=today,
                    description=f"Repair charge waived: {charge.description}",
                    reference=_reference(charge, "RCW"),
                )
            charge.status = S.WAIVED
            kind, final = K.RESOLVE_WAIVE, "owner"
        else:
            charge.status = charge.status_before_dispute or S.PENDING
            kind, final = K.UPHOLD, wo.responsibility
        charge.resolved_at = timezone.now()
        charge.save(update_fields=["amount", "status", "resolved_at", "updated_at"])
        work_order_responsibility_disputed_set(work_order=wo, disputed=False)
        if final != wo.responsibility or outcome != "uphold":
            work_order_responsibility_set(
                work_order=wo,
                responsibility=final,
                confidence=wo.responsibility_confidence,
                reasoning=wo.responsibility_reasoning,
                tenant_charge_amount=None if final == "owner" else charge.amount,
                evidence=wo.responsibility_evidence,
            )
        _entry(
            wo,
            kind=kind,
            ai=_ai(wo),
            final=final,
            amount=None if final == "owner" else charge.amount,
            reason=reason,
            actor=actor,
            actor_name=actor_name,
            charge=charge,
        )
    return charge
