"""A boto3 S3 client for the local S3 of the tests (``HELIUM_TEST_S3_URL``, dummy keys)."""

from __future__ import annotations

import os

import boto3


def s3_client():
    """The client; moto accepts any credentials."""
    return boto3.client(
        "s3",
        endpoint_url=os.environ["HELIUM_TEST_S3_URL"],
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
