from reseau.cli.main import main

main()
