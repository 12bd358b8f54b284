"""``python -m jupyterlab_helium.cli …``: the ``helium`` command without its console script."""

import sys

from . import main

sys.exit(main())
