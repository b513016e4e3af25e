import Testing
@testable import PHRKiosk

@Suite struct KioskKeyTests {
    @Test func cursorAndPagingSequencesAreKeysNotEscape() {
        #expect(KioskKey.sequence(Array("[A".utf8)) == .up)
        #expect(KioskKey.sequence(Array("[B".utf8)) == .down)
        #expect(KioskKey.sequence(Array("OB".utf8)) == .down, "application cursor mode")
        #expect(KioskKey.sequence(Array("[5~".utf8)) == .pageUp)
        #expect(KioskKey.sequence(Array("[6~".utf8)) == .pageDown)
        #expect(KioskKey.sequence(Array("[H".utf8)) == .home)
        #expect(KioskKey.sequence(Array("[1~".utf8)) == .home)
        #expect(KioskKey.sequence(Array("[F".utf8)) == .end)
        #expect(KioskKey.sequence(Array("[4~".utf8)) == .end)
    }

    @Test func unknownSequencesAreIgnoredNeverCancel() {
        #expect(KioskKey.sequence(Array("[C".utf8)) == .ignored, "→")
        #expect(KioskKey.sequence(Array("[15~".utf8)) == .ignored, "F5")
        #expect(KioskKey.sequence(Array("x".utf8)) == .ignored)
    }

    @Test func theIntroducerDoesNotEndASequence() {
        #expect(!KioskKey.endsSequence(UInt8(ascii: "["), length: 1))
        #expect(!KioskKey.endsSequence(UInt8(ascii: "6"), length: 2))
        #expect(KioskKey.endsSequence(UInt8(ascii: "~"), length: 3))
        #expect(KioskKey.endsSequence(UInt8(ascii: "B"), length: 2))
    }

    @Test func singleBytes() {
        #expect(KioskKey.byte(0x0D) == .enter)
        #expect(KioskKey.byte(0x03) == .interrupt)
        #expect(KioskKey.byte(0x1B) == .escape)
        #expect(KioskKey.byte(UInt8(ascii: "7")) == .character("7"))
        #expect(KioskKey.byte(0x01) == .ignored)
    }
}

@Suite struct PagerTests {
    static let table = (["Vitals (30)", "date        BP", "──────────────"] + (1...30).map { String(format: "%02d/03/2566  120/80", $0) }).joined(separator: "\n")

    @Test func everyPageRepeatsTheTitleAndColumnHeadings() {
        var pager = Pager(Self.table, rows: 13)
        #expect(pager.header == ["Vitals (30)", "date        BP", "──────────────"])
        #expect(pager.height == 10)
        #expect(pager.visible.count == 13)
        pager.scroll(.pageDown)
        #expect(Array(pager.visible.prefix(3)) == pager.header)
        #expect(pager.visible[3].hasPrefix("11/03/2566"))
        #expect(pager.position.page == 2 && pager.position.of == 3)
    }

    @Test func scrollKeysStayWithinTheText() {
        var pager = Pager(Self.table, rows: 13)
        pager.scroll(.up)
        #expect(pager.top == 0)
        pager.scroll(.down)
        #expect(pager.top == 1)
        pager.scroll(.end)
        #expect(pager.top == 20 && pager.atEnd && pager.position.page == 3)
        pager.scroll(.pageDown)
        #expect(pager.top == 20)
        pager.scroll(.home)
        #expect(pager.top == 0)
        let scrolled = pager.scroll(.character("x"))
        #expect(!scrolled)
    }

    @Test func jumpsToTheFirstLineOfADate() {
        var pager = Pager(Self.table, rows: 13)
        let found = pager.jump(to: "15/03/2566")
        #expect(found)
        #expect(pager.visible[3].hasPrefix("15/03/2566"))
        let missing = pager.jump(to: "01/01/2500")
        #expect(!missing)
        #expect(pager.visible[3].hasPrefix("15/03/2566"), "a date not found leaves the page where it was")
    }

    @Test func textWithoutATableKeepsItsFirstLineAsHeader() {
        let pager = Pager("Summary\nline 1\nline 2\n", rows: 10)
        #expect(pager.header == ["Summary"])
        #expect(pager.body == ["line 1", "line 2"])
        #expect(pager.fitsOnePage)
    }
}

@Suite struct MenuTests {
    @Test func everyEntryHasItsOwnSingleKey() {
        let menu = MenuEntry.menu(actions: ["summary", "kinds", "print", "export", "share"])
        #expect(Set(menu.map(\.key)).count == menu.count)
        #expect(menu.first?.entry == .summary && menu.last?.entry == .done)
    }

    @Test func actionsNotConfiguredAreNotOffered() {
        let menu = MenuEntry.menu(actions: ["summary"]).map(\.entry)
        #expect(menu == [.summary, .language, .done])
    }
}
