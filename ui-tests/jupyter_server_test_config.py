"""JupyterLab server configuration for the browser tests.

Three connections: `local`, the embedded S3 started by scripts/run_tests.py (HELIUM_S3_URL);
`offline`, an endpoint where nothing listens, to check the panel's error message; and `second`,
the same S3 as another connection (copies and moves across connections) that gives no share links.
"""

import os
import tempfile

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is the config object Jupyter provides)
c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.ip = "127.0.0.1"  # noqa: F821
c.ServerApp.root_dir = tempfile.mkdtemp(prefix="helium-ui-tests-")  # noqa: F821
c.LabApp.expose_app_in_browser = True  # noqa: F821

s3_url = os.environ["HELIUM_S3_URL"]
c.Helium.connections = [  # noqa: F821
    {
        "name": "local",
        "endpoint_url": s3_url,
        "region": "us-east-1",
        "path_style": True,
        "buckets": ["helium-demo", "helium-big"],
    },
    {
        "name": "offline",
        "endpoint_url": "http://127.0.0.1:9",
        "region": "us-east-1",
        "path_style": True,
        "buckets": ["helium-demo"],
    },
    {
        "name": "second",
        "endpoint_url": s3_url,
        "region": "us-east-1",
        "path_style": True,
        "buckets": ["helium-demo"],
        "share_links": False,
    },
]
