"""Generic pieces for features' offline implementations: templates, image statistics (PDF text: core.documents)."""

from core.ai.offline.images import image_stats
from core.ai.offline.templates import money, render_message, render_template_file

__all__ = ["image_stats", "money", "render_message", "render_template_file"]
