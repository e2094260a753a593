"""``python -m safehouse_portal.cli``: the same as the ``safehouse`` command."""

import sys

from safehouse_portal.cli.main import main

sys.exit(main())
