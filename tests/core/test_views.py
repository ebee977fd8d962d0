import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client

from delaktig.core.models import AccessibilityReport, AuditEvent

ROOT = Path(__file__).resolve().parents[2]


def test_accessibility_report_is_stored_and_audited(client, gothenburg):
    response = client.post("/tillganglighet/", {"page_url": "/", "description": "Kontrasten är låg.", "contact": ""})
    assert response.status_code == 302
    assert AccessibilityReport.objects.get().description == "Kontrasten är låg."
    assert AuditEvent.objects.filter(verb="accessibility.report").exists()


def test_empty_accessibility_report_gets_a_clear_error_and_saves_nothing(client, gothenburg):
    response = client.post("/tillganglighet/", {"page_url": "", "description": "", "contact": ""})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.text
    assert AccessibilityReport.objects.count() == 0


def test_over_long_report_is_refused_with_a_message(client, gothenburg):
    response = client.post("/tillganglighet/", {"description": "x" * 5000, "page_url": "/", "contact": ""})
    assert response.status_code == 400
    assert AccessibilityReport.objects.count() == 0


def test_post_without_csrf_token_gets_a_friendly_403(gothenburg):
    response = Client(enforce_csrf_checks=True).post("/tillganglighet/", {"description": "x"})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.text
    assert AccessibilityReport.objects.count() == 0


def test_reports_are_rate_limited_with_a_429_page(client, gothenburg, settings):
    for _ in range(10):
        client.post("/tillganglighet/", {"description": "Problem", "page_url": "", "contact": ""})
    response = client.post("/tillganglighet/", {"description": "Problem", "page_url": "", "contact": ""})
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    assert AccessibilityReport.objects.count() == 10


def test_pages_send_a_strict_content_security_policy(client, gothenburg):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_health_check_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


PRODUCTION_ENV = {
    "DELAKTIG_ENV": "production",
    "ALLOWED_HOSTS": "delaktig.goteborg.se",
    "PATH": "/usr/bin:/bin",
}


def _manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_secrets():
    result = _manage("check", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_test_eid_provider():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "s" * 60, "DELAKTIG_PNR_KEY": "p" * 40, "DELAKTIG_TEST_EID": "1"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DELAKTIG_TEST_EID" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DELAKTIG_PNR_KEY": secrets.token_urlsafe(32),
        "EMAIL_HOST": "smtp.goteborg.se",
        "DELAKTIG_VAR_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
