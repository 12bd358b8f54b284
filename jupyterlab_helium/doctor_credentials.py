"""Which credentials a connection uses, found the way the proxy finds them (botocore's chain).

Resolved afresh for each check (the proxy keeps its resolved chain): a person who just ran
``aws sso login`` sees the result at once. Only where the credentials come from is told, never a
key (not even part of one).
"""

from __future__ import annotations

import os

import botocore.session
from botocore.credentials import ReadOnlyCredentials
from botocore.exceptions import BotoCoreError, ProfileNotFound

from .config import Connection
from .doctor_rules import Report

EXPIRED_HINTS = ("expired", "UnauthorizedSSOToken", "Token has expired", "refresh failed")


def _profile(connection: Connection) -> str:
    return connection.profile or os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or "default"


def describe_method(method: str, profile: str, env=os.environ) -> str:
    """botocore's name for where credentials came from, in words."""
    if method == "env":
        names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] + (
            ["AWS_SESSION_TOKEN"] if env.get("AWS_SESSION_TOKEN") else []
        )
        return f"environment variables ({', '.join(names)})"
    credentials_file = env.get("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
    config_file = env.get("AWS_CONFIG_FILE", "~/.aws/config")
    words = {
        "shared-credentials-file": f'the profile "{profile}" in {credentials_file}',
        "config-file": f'the profile "{profile}" in {config_file}',
        "sso": f'AWS IAM Identity Center (SSO) through the profile "{profile}"',
        "assume-role": f'a role assumed through the profile "{profile}" (role_arn)',
        "assume-role-with-web-identity": "a role assumed with a web identity token (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or the profile's web_identity_token_file)",
        "container-role": "the container's role (the ECS/EKS credentials endpoint)",
        "iam-role": "the instance's role (EC2 instance metadata)",
        "custom-process": f'the credential_process of the profile "{profile}"',
        "login": f'an "aws login" session through the profile "{profile}"',
    }
    return words.get(method, f"botocore's credential provider {method!r}")


def find_credentials(report: Report, connection: Connection) -> ReadOnlyCredentials | None:
    """Add the credentials finding; the frozen credentials, or None when there are none to use."""
    profile = _profile(connection)
    try:
        session = (
            botocore.session.Session(profile=connection.profile) if connection.profile else botocore.session.Session()
        )
        creds = session.get_credentials()
    except ProfileNotFound:
        report.add("credentials.profile_missing", "credentials", profile=profile)
        return None
    except BotoCoreError as e:
        report.add("credentials.error", "credentials", error=str(e).rstrip("."))
        return None
    if creds is None:
        report.add("credentials.none", "credentials")
        return None
    try:
        frozen = creds.get_frozen_credentials()
    except BotoCoreError as e:
        text = str(e)
        if any(hint.lower() in text.lower() for hint in EXPIRED_HINTS):
            report.add("credentials.expired", "credentials", code=type(e).__name__)
        else:
            report.add("credentials.error", "credentials", error=text.rstrip("."))
        return None
    if not frozen.access_key or not frozen.secret_key:
        report.add("credentials.none", "credentials")
        return None
    report.add("credentials.found", "credentials", source=describe_method(creds.method, profile))
    return frozen
