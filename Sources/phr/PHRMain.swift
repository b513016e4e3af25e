import PHRCLI

/// The `phr` executable: everything lives in PHRCLI.
@main
enum PHRMain {
    static func main() async {
        await PHRCommand.main()
    }
}
