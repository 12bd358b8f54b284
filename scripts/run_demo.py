"""`make demo`: the embedded local S3 with demo data, and JupyterLab connected to it.

Ctrl-C stops JupyterLab and the local S3. Nothing here touches your real AWS account: the
server's only connection points at the local endpoint, with dummy credentials.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from local_s3_process import ROOT, local_s3

DEMO_DIR = ROOT / ".demo"


def main() -> int:
    workspace = DEMO_DIR / "workspace"
    settings = DEMO_DIR / "settings"
    workspace.mkdir(parents=True, exist_ok=True)
    plugin_settings = settings / "jupyterlab-helium" / "plugin.jupyterlab-settings"
    plugin_settings.parent.mkdir(parents=True, exist_ok=True)
    if not plugin_settings.exists():
        plugin_settings.write_text(json.dumps({"activateOnStart": True}, indent=2))
    # A demo on a machine without internet should not ask about fetching Jupyter news.
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True, exist_ok=True)
    if not news.exists():
        news.write_text(json.dumps({"fetchNews": "false"}, indent=2))

    # A SIGTERM or SIGHUP (kill, a closed terminal) stops everything as Ctrl-C does; otherwise
    # JupyterLab, in its own session, would outlive us and keep the port.
    def stop(signum, _frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)

    with local_s3("--demo") as s3_url:
        print(f"Local S3 with the demo bucket: {s3_url}  (bucket helium-demo)", flush=True)
        env = {
            **os.environ,
            "AWS_ENDPOINT_URL": s3_url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "HELIUM_BUCKETS": "helium-demo",
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(DEMO_DIR / "workspaces"),
        }
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            f"--ServerApp.root_dir={workspace}",
            "--ServerApp.ip=127.0.0.1",
            "--no-browser",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        print("Starting JupyterLab; open the URL it prints below. Ctrl-C stops everything.", flush=True)
        # Own session: one Ctrl-C reaches us only, and we stop JupyterLab without its y/n prompt.
        lab = subprocess.Popen(cmd, env=env, start_new_session=True)
        try:
            return lab.wait()
        except KeyboardInterrupt:
            lab.send_signal(signal.SIGTERM)
            try:
                lab.wait(timeout=10)
            except subprocess.TimeoutExpired:
                lab.kill()
            return 0


if __name__ == "__main__":
    sys.exit(main())
