from therapist_desk.cli import main

raise SystemExit(main())
