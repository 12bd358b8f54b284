"""Tests of the jupyterlab_helium server extension (run with pytest + pytest-jupyter)."""
