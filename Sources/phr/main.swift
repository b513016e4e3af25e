import PHRCLI
await PHRCommand.main()
