from mottagning.cli import main

raise SystemExit(main())
