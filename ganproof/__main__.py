import sys

from ganproof.cli.main import main

sys.exit(main())
