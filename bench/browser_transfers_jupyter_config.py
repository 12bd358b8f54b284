"""JupyterLab configuration for bench/browser-transfers.ts (not for production: no token, no XSRF).

The bench passes its settings in the environment: HELIUM_BENCH_S3_URL (the local S3),
HELIUM_BENCH_BUCKET, HELIUM_BENCH_ROOT_DIR (the workspace the page downloads into),
HELIUM_BENCH_LAB_DIR (workspaces and user settings, fresh each run) and HELIUM_BENCH_EXTENSIONS (a
folder holding `jupyterlab-helium`, a link to this checkout's built labextension, which comes
before the one installed in the venv).
"""

import os

env = os.environ
c.ServerApp.ip = "127.0.0.1"  # noqa: F821 (c is the config object Jupyter provides)
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.root_dir = env["HELIUM_BENCH_ROOT_DIR"]  # noqa: F821
c.IdentityProvider.token = ""  # noqa: F821
c.ServerApp.password = ""  # noqa: F821
c.ServerApp.disable_check_xsrf = True  # noqa: F821
c.LabApp.expose_app_in_browser = True  # noqa: F821
c.LabApp.workspaces_dir = os.path.join(env["HELIUM_BENCH_LAB_DIR"], "workspaces")  # noqa: F821
c.LabApp.user_settings_dir = os.path.join(env["HELIUM_BENCH_LAB_DIR"], "settings")  # noqa: F821
c.LabApp.extra_labextensions_path = [env["HELIUM_BENCH_EXTENSIONS"]]  # noqa: F821
c.Helium.connections = [  # noqa: F821
    {
        "name": "local",
        "endpoint_url": env["HELIUM_BENCH_S3_URL"],
        "region": "us-east-1",
        "path_style": True,
        "buckets": [env["HELIUM_BENCH_BUCKET"]],
    }
]
