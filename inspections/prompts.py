"""The move-out photo analysis (spec 3.1 "Claude Vision Integration") and its offline twin.

Claude gets the photo itself as a base64 image block read from our own storage (the files are private, so never a
URL), the room, what we measured (quality, and the change against an earlier photo of the same room, whose image
follows as the second block when there is one), and the spec's instructions and JSON format. "needs_review" is
allowed beside the spec's three classes, for a photo nobody could judge.

Offline, be honest: without a model nobody can tell a scuff from a stain. The twin measures what computation can
(size, brightness, sharpness; the change measure comes in from the service, which stores its overlay) and always
answers `needs_review`, with a description of what it measured and no damage items of its own.
"""

from __future__ import annotations

from core.ai import Prompt, register_offline
from inspections.imaging import photo_quality

CLASSES = ["damage", "normal_wear", "clean", "needs_review"]
CATEGORIES = ["wall_damage", "floor_damage", "fixture_damage", "appliance_damage", "cleaning_needed", "other"]

PHOTO_ANALYSIS = Prompt(
    feature="inspections",
    name="inspections.photo_analysis",
    version="2026-11-29.1",
    description="Classifies one move-out inspection photo (damage / normal wear / clean) and itemizes damage.",
    max_tokens=1024,
    system=(
        "You are a property inspection AI. Analyze this photo from a\n"
        "move-out inspection. Classify each issue as:\n"
        '- "normal_wear": Expected wear and tear for the tenancy duration\n'
        '- "damage": Tenant-caused damage beyond normal wear\n'
        "\n"
        "For each damage item found, provide:\n"
        "1. Description of the damage\n"
        "2. Severity: minor, moderate, severe\n"
        "3. Estimated repair cost in USD\n"
        "4. Category: wall_damage, floor_damage, fixture_damage, appliance_damage,\n"
        "   cleaning_needed, other\n"
        "\n"
        "Return JSON format:\n"
        "{\n"
        '  "classification": "damage" | "normal_wear" | "clean",\n'
        '  "confidence": 0.0-1.0,\n'
        '  "description": "Overall description of photo",\n'
        '  "damage_items": [\n'
        "    {\n"
        '      "item": "Description",\n'
        '      "severity": "minor|moderate|severe",\n'
        '      "estimated_cost": 0.00,\n'
        '      "category": "category_name"\n'
        "    }\n"
        "  ]\n"
        "}\n"
        "\n"
        "The first image is the move-out photo. When a second image is given it is an earlier photo of the same "
        "room of the same unit (an earlier inspection): use it to tell what changed during the tenancy. Use "
        '"needs_review" only when the photo cannot be judged (too blurry, dark or unclear), and then set '
        '"retake": true. Cost reference (USD, minor / moderate / severe): wall damage 25-75 / 75-200 / 200-500; '
        "floor damage 50-150 / 150-400 / 400-1200; fixture damage 30-100 / 100-300 / 300-800; appliance damage "
        "50-150 / 150-500 / 500-2000; cleaning beyond normal 100-200 / 200-400 / 400-800."
    ),
    template=(
        "Analyze this move-out inspection photo.\n"
        "Room: {room}\n"
        "Measured by our software: {measurements}\n"
        "Comparison with an earlier photo of this room: {comparison}"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "classification": {"type": "string", "enum": CLASSES},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "description": {"type": "string", "maxLength": 2000},
            "damage_items": {
                "type": "array",
                "maxItems": 20,
                "items": {
                    "type": "object",
                    "properties": {
                        "item": {"type": "string", "minLength": 1, "maxLength": 200},
                        "severity": {"type": "string", "enum": ["minor", "moderate", "severe"]},
                        "estimated_cost": {"type": "number", "minimum": 0, "maximum": 50000},
                        "category": {"type": "string", "enum": CATEGORIES},
                        "location": {"type": "string", "maxLength": 200},
                    },
                    "required": ["item", "severity", "estimated_cost", "category"],
                },
            },
            "retake": {"type": "boolean"},
            "quality_issues": {"type": "array", "items": {"type": "string", "maxLength": 300}, "maxItems": 10},
        },
        "required": ["classification", "confidence", "description", "damage_items"],
    },
)


@register_offline(PHOTO_ANALYSIS)
def photo_analysis_offline(inputs, *, images, documents):
    """Quality measured from the photo's bytes; the comparison as the service measured it; always needs_review."""
    quality = photo_quality(images[0].data)
    parts = [
        f"Measured offline: {quality.width}x{quality.height} px, brightness {quality.brightness:.0f}/255, "
        f"sharpness (variance of the Laplacian) {quality.blur_variance:.0f}."
    ]
    if quality.issues:
        parts.append("Retake: " + "; ".join(quality.issues) + ".")
    parts.append(f"Comparison with an earlier photo of this room: {inputs.get('comparison') or 'none'}")
    parts.append("Without a vision model nobody can tell wear from damage: a person must review this photo.")
    return {
        "classification": "needs_review",
        "confidence": 0.0,
        "description": " ".join(parts),
        "damage_items": [],
        "retake": quality.retake,
        "quality_issues": list(quality.issues),
    }
