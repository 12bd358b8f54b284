"""The connection check behind ``GET /helium/connections/<name>/check`` (and the panel's *Check Connection*).

For one connection, in order: which credentials the server finds (never a secret), whether the
endpoint is reachable (DNS, TCP/TLS) and the clocks agree, whether the credentials are valid (STS
GetCallerIdentity where the endpoint has STS), which buckets there are, and for each bucket whether
it exists, is versioned, and which features its permissions allow. Every request reads: write
permissions are asked of IAM's policy simulator (iam:SimulatePrincipalPolicy) when it answers, and
are otherwise reported as not checked, because testing them would write an object, and no S3
version is ever written without a person's explicit action.

Blocking (botocore): run :func:`check_connection` in a thread.
"""

from __future__ import annotations

import os

import botocore.session
from botocore.config import Config
from botocore.credentials import ReadOnlyCredentials
from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from .config import Connection
from .doctor_credentials import find_credentials
from .doctor_probe import probe_endpoint
from .doctor_rules import Report, how, why

MAX_BUCKETS = 10
# Failures with no S3/STS error code: the network, or an answer that is not AWS XML (a server
# without that API, e.g. moto's HTML 500 for IAM's policy simulator).
CALL_ERRORS = (BotoCoreError, ResponseParserError)
EXPIRED = {"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired"}
INVALID = {
    "InvalidClientTokenId",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "UnrecognizedClientException",
}
DENIED = {"AccessDenied", "Forbidden", "403", "AllAccessDisabled", "AccessDeniedException"}
SIMULATED_ACTIONS = {
    "read": ("s3:GetObject", "objects"),
    "write": ("s3:PutObject", "objects"),
    "delete_versions": ("s3:DeleteObjectVersion", "objects"),
}


def _code(e: ClientError) -> str:
    return str(e.response.get("Error", {}).get("Code") or e.response.get("ResponseMetadata", {}).get("HTTPStatusCode"))


def _status(e: ClientError) -> int:
    return int(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)


class ConnectionCheck:
    """One run of the check for one connection."""

    def __init__(self, connection: Connection, can_write: bool = True, side: str = "server"):
        self.connection = connection
        self.can_write = can_write
        self.report = Report(side)
        self._session = botocore.session.Session()
        self._credentials: ReadOnlyCredentials | None = None
        self._arn: str | None = None
        self._simulator: tuple | None = None  # ("ok", client) / ("refused"|"missing", code)
        self._stopped: str | None = None  # why the remaining checks cannot run
        self._clients: dict = {}

    # ----- clients ----------------------------------------------------------------------------

    def _client(self, service: str):
        """One botocore client per service for this run (made on first use)."""
        if service not in self._clients:
            self._clients[service] = self._new_client(service)
        return self._clients[service]

    def _new_client(self, service: str):
        c = self.connection
        config = Config(
            region_name=c.region,
            retries={"max_attempts": 1, "mode": "standard"},
            connect_timeout=5,
            read_timeout=15,
            s3={"addressing_style": "path" if c.path_style else "auto"},
        )
        # STS and IAM: at a custom endpoint (moto serves them on the S3 port; others answer an
        # error, reported as "no STS"); on AWS, botocore's own endpoints for them.
        endpoint = c.endpoint_url if service == "s3" or c.custom_endpoint else None
        return self._session.create_client(
            service,
            endpoint_url=endpoint,
            aws_access_key_id=self._credentials.access_key,
            aws_secret_access_key=self._credentials.secret_key,
            aws_session_token=self._credentials.token,
            config=config,
            # The proxy's httpx trusts certifi or SSL_CERT_FILE: the check trusts the same.
            verify=os.environ.get("SSL_CERT_FILE") or True,
        )

    # ----- the steps ----------------------------------------------------------------------------

    def run(self) -> dict:
        c = self.connection
        self._credentials = find_credentials(self.report, c)
        probe = probe_endpoint(self.report, c.endpoint_url)
        if self._credentials is None:
            self._stopped = "there are no credentials to use"
        elif not probe.reachable:
            self._stopped = "the endpoint cannot be reached"
        elif not probe.clock_ok:
            self._stopped = "S3 refuses requests signed with this clock"
        if self._stopped is None:
            self._identity()
        if self._stopped is None:
            for bucket in self._buckets():
                self._bucket(bucket)
        return {
            "connection": c.name,
            "endpoint": c.endpoint_url,
            "checks": [f.as_json() for f in self.report.findings],
            "summary": self.report.counts(),
        }

    def _identity(self) -> None:
        try:
            answer = self._client("sts").get_caller_identity()
        except ClientError as e:
            code = _code(e)
            if code in EXPIRED:
                self.report.add("credentials.expired", "identity", code=code)
                self._stopped = "the credentials have expired"
            elif code in INVALID:
                self.report.add("identity.invalid", "identity", code=code)
                self._stopped = "the endpoint does not accept the credentials"
            else:
                self.report.add("identity.unchecked", "identity", reason=f"the endpoint's STS answered {code}")
            return
        except CALL_ERRORS as e:
            self.report.add("identity.unchecked", "identity", reason=f"the endpoint has no STS ({type(e).__name__})")
            return
        self._arn = answer.get("Arn")
        self.report.add("identity.ok", "identity", arn=self._arn)

    def _buckets(self) -> list[str]:
        c = self.connection
        if c.allowed_buckets is not None or c.buckets:
            names = list(c.buckets or c.allowed_buckets)
            self.report.add("buckets.configured", "buckets", buckets=", ".join(names))
            return names[:MAX_BUCKETS]
        try:
            names = [b["Name"] for b in self._client("s3").list_buckets().get("Buckets", [])]
        except ClientError as e:
            if not self._fatal(e, "buckets"):
                self.report.add("buckets.list_denied", "buckets", code=_code(e))
            return []
        except CALL_ERRORS as e:
            self.report.add("endpoint.failed", "buckets", error=str(e))
            return []
        if not names:
            self.report.add("buckets.none", "buckets")
            return []
        self.report.add("buckets.listed", "buckets", count=len(names))
        return names[:MAX_BUCKETS]

    def _fatal(self, e: ClientError, area: str) -> bool:
        """Report credential errors once (they end the check); False for other errors."""
        code = _code(e)
        if code in EXPIRED:
            self.report.add("credentials.expired", area, code=code)
        elif code in INVALID:
            self.report.add("identity.invalid", area, code=code)
        else:
            return False
        self._stopped = "the credentials were refused"
        return True

    def _bucket(self, bucket: str) -> None:
        if self._stopped:
            return
        c = self.connection
        if c.allowed_buckets is not None and bucket not in c.allowed_buckets:
            self.report.add("bucket.not_allowed", "bucket", bucket=bucket)
            return
        s3 = self._client("s3")
        head_denied = None
        try:
            s3.head_bucket(Bucket=bucket)
        except ClientError as e:
            status = _status(e)
            headers = e.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
            if status == 404:
                self.report.add("bucket.missing", "bucket", bucket=bucket)
                return
            if status in (301, 400) and headers.get("x-amz-bucket-region", c.region) != c.region:
                self.report.add(
                    "bucket.wrong_region",
                    "bucket",
                    bucket=bucket,
                    bucket_region=headers["x-amz-bucket-region"],
                    region=c.region,
                )
                return
            if self._fatal(e, "bucket"):
                return
            head_denied = _code(e)
        except CALL_ERRORS as e:
            self.report.add("bucket.failed", "bucket", bucket=bucket, error=str(e))
            return
        key, listed = self._list(s3, bucket)
        if listed == "missing":
            self.report.add("bucket.missing", "bucket", bucket=bucket)
            return
        if head_denied and listed != "ok":
            self.report.add("bucket.denied", "bucket", bucket=bucket, code=head_denied)
        else:
            self.report.add("bucket.ok", "bucket", bucket=bucket)
        if listed == "ok":
            self.report.add("permission.allowed", "permission", bucket, "list", how=how("listed"))
        else:
            self.report.add("permission.denied", "permission", bucket, "list")
        self._versioning(s3, bucket)
        self._list_versions(s3, bucket)
        self._read(s3, bucket, key, listed)
        for feature_id in ("write", "delete_versions"):
            if not self.can_write:
                self.report.add("permission.jupyter_refuses", "permission", bucket, feature_id)
            else:
                self._simulated(bucket, feature_id, why("write_needs_a_write", simulator="{simulator}"))

    def _list(self, s3, bucket: str) -> tuple[str | None, str]:
        try:
            answer = s3.list_objects_v2(Bucket=bucket, MaxKeys=1)
        except ClientError as e:
            code = _code(e)
            return None, "missing" if code == "NoSuchBucket" else "denied" if code in DENIED else "failed"
        except CALL_ERRORS:
            return None, "failed"
        contents = answer.get("Contents") or []
        return (contents[0]["Key"] if contents else None), "ok"

    def _versioning(self, s3, bucket: str) -> None:
        try:
            status = s3.get_bucket_versioning(Bucket=bucket).get("Status")
        except (ClientError, *CALL_ERRORS) as e:
            code = _code(e) if isinstance(e, ClientError) else type(e).__name__
            self.report.add("versioning.unknown", "versioning", bucket=bucket, code=code)
            return
        message = {"Enabled": "versioning.enabled", "Suspended": "versioning.suspended"}.get(status, "versioning.off")
        self.report.add(message, "versioning", bucket=bucket)

    def _list_versions(self, s3, bucket: str) -> None:
        try:
            s3.list_object_versions(Bucket=bucket, MaxKeys=1)
        except ClientError as e:
            if _code(e) in DENIED:
                self.report.add("permission.denied", "permission", bucket, "list_versions")
            else:
                self.report.add(
                    "permission.unchecked", "permission", bucket, "list_versions", why=f"S3 answered {_code(e)}"
                )
            return
        except CALL_ERRORS as e:
            self.report.add("permission.unchecked", "permission", bucket, "list_versions", why=str(e))
            return
        self.report.add("permission.allowed", "permission", bucket, "list_versions", how=how("listed_versions"))

    def _read(self, s3, bucket: str, key: str | None, listed: str) -> None:
        if key is not None:
            try:
                s3.head_object(Bucket=bucket, Key=key)
            except ClientError as e:
                if _status(e) == 403:
                    self.report.add("permission.denied", "permission", bucket, "read")
                    return
            else:
                self.report.add("permission.allowed", "permission", bucket, "read", how=how("head", key=key))
                return
        reason = "no_object_to_read" if listed == "ok" else "list_failed"
        self._simulated(bucket, "read", why(reason, simulator="{simulator}"))

    # ----- IAM's policy simulator -------------------------------------------------------------

    def _simulator_state(self) -> tuple:
        if self._simulator is None:
            if not self._arn:
                self._simulator = ("unavailable", why("simulator_no_identity"))
            else:
                self._simulator = ("ok", self._client("iam"))
        return self._simulator

    def _simulated(self, bucket: str, feature_id: str, unchecked_why: str) -> None:
        """Ask IAM's policy simulator about one feature's permission on the bucket's objects."""
        state = self._simulator_state()
        if state[0] == "ok":
            action, _ = SIMULATED_ACTIONS[feature_id]
            try:
                answer = state[1].simulate_principal_policy(
                    PolicySourceArn=_principal_arn(self._arn),
                    ActionNames=[action],
                    ResourceArns=[f"arn:aws:s3:::{bucket}/*"],
                )
            except ClientError as e:
                code = _code(e)
                kind = "simulator_refused" if code in DENIED else "simulator_missing"
                self._simulator = ("unavailable", why(kind, code=code))
            except ResponseParserError:  # e.g. moto's HTML 500: there is no simulator there
                self._simulator = ("unavailable", why("simulator_missing", code="its answer is not IAM's"))
            except CALL_ERRORS as e:
                self._simulator = ("unavailable", why("simulator_missing", code=type(e).__name__))
            else:
                decisions = [r.get("EvalDecision") for r in answer.get("EvaluationResults", [])]
                if decisions and all(d == "allowed" for d in decisions):
                    self.report.add("permission.allowed", "permission", bucket, feature_id, how=how("simulated"))
                else:
                    self.report.add("permission.denied", "permission", bucket, feature_id)
                return
        text = unchecked_why.replace("{simulator}", self._simulator[1])
        self.report.add("permission.unchecked", "permission", bucket, feature_id, why=text)


def _principal_arn(arn: str) -> str:
    """The IAM ARN the simulator takes: an assumed-role session's role (its path is not known)."""
    parts = arn.split(":")
    if len(parts) == 6 and parts[2] == "sts" and parts[5].startswith("assumed-role/"):
        role = parts[5].split("/")[1]
        return f"arn:{parts[1]}:iam::{parts[4]}:role/{role}"
    return arn


def check_connection(connection: Connection, can_write: bool = True) -> dict:
    """Run every check of one connection (blocking) and return the report as JSON-able data."""
    return ConnectionCheck(connection, can_write).run()
