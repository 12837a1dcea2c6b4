"""Serves the built Angular app: its files by path, index.html for client-side routes."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse


def spa_index(request, *args, **kwargs):
    dist = Path(settings.FRONTEND_DIST)
    rel = request.path.lstrip("/")
    if rel:
        candidate = (dist / rel).resolve()
        if dist.resolve() in candidate.parents and candidate.is_file():
            ctype, _ = mimetypes.guess_type(str(candidate))
            resp = FileResponse(open(candidate, "rb"), content_type=ctype or "application/octet-stream")
            # Angular's hashed bundles never change; index.html must not be cached.
            resp["Cache-Control"] = "public, max-age=31536000, immutable"
            return resp
        if "." in rel.rsplit("/", 1)[-1]:
            raise Http404("Not found.")
    index = dist / "index.html"
    if not index.is_file():
        return HttpResponse(
            "<h1>UnitCycle API is running</h1><p>The web app is not built yet: run <code>make build</code>. "
            'API docs: <a href="/api/docs/">/api/docs/</a>.</p>',
            content_type="text/html",
        )
    html = index.read_bytes()
    nonce = getattr(request, "csp_nonce", None)
    if nonce is not None:
        # Angular puts this nonce on the <style> elements it inserts; the CSP header carries the same one.
        html = html.replace(b"<app-root", b'<app-root ngCspNonce="' + str(nonce).encode() + b'"', 1)
    resp = HttpResponse(html, content_type="text/html; charset=utf-8")
    resp["Cache-Control"] = "no-cache"
    return resp
