# syntax=docker/dockerfile:1
#
# The payments demo service: Python 3 standard library only, so no build stage.
# Build from the repository root: docker build -f docker/payments.Dockerfile -t outrigger/payments .

FROM python:3.11-slim
RUN groupadd --system --gid 10001 outrigger \
    && useradd --system --uid 10001 --gid outrigger --no-create-home outrigger
WORKDIR /app
COPY demo-services/payments/payments.py ./
USER outrigger
ENV PYTHONUNBUFFERED=1
ENTRYPOINT ["python3", "payments.py"]
