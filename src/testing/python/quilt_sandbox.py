"""Import quilt3 sandboxed, for the interoperability tests and the snapshot benchmark.

quilt3 keeps its config, cache and credentials under the XDG folders and talks to S3 through
boto3: here the XDG folders are a fresh temporary folder, the credentials the test ones (unless
set), no AWS profile, no usage metrics, no local cache, and quilt3's own prints go to stderr (the
scripts answer with JSON on stdout). Endpoint: botocore (>= 1.31) reads ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile


def import_quilt3(endpoint_url: str | None, prefix: str):
    """Set up quilt3's environment, then import it.

    :param endpoint_url: the S3 endpoint (``None``: leave ``AWS_ENDPOINT_URL`` as it is).
    :param prefix: the temporary folder's name prefix.
    :returns: the ``quilt3`` module.
    """
    home = tempfile.mkdtemp(prefix=prefix)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = os.path.join(home, var.lower())
    if endpoint_url is not None:
        os.environ["AWS_ENDPOINT_URL"] = endpoint_url
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.pop("AWS_PROFILE", None)
    os.environ["QUILT_DISABLE_USAGE_METRICS"] = "true"
    os.environ["QUILT_MINIMIZE_STDOUT"] = "true"
    os.environ["QUILT_DISABLE_CACHE"] = "true"
    with contextlib.redirect_stdout(sys.stderr):
        import quilt3
    return quilt3
