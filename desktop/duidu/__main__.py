from duidu.cli.main import main

raise SystemExit(main())
