import Foundation
import Testing
@testable import PHRModel

@Suite struct ThaiDateTests {
    let parser = ThaiDateParser(now: CivilDateTime(year: 2026, month: 11, day: 24, hour: 12, minute: 0, second: 0))

    @Test func isoDatesAreCE() {
        let d = parser.parse("2017-11-14T08:15:17", field: "period_start")
        #expect(d.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17))
        #expect(d.flags.isEmpty)
        #expect(d.original == "2017-11-14T08:15:17")
        #expect(parser.parse("1985-02-28", field: "birth_date").value == CivilDateTime(year: 1985, month: 2, day: 28))
    }

    @Test func zonedTimesBecomeThaiLocal() {
        let d = parser.parse("2024-12-19T10:09:36.388Z", field: "RequestTime")
        #expect(d.value == CivilDateTime(year: 2024, month: 12, day: 19, hour: 17, minute: 9, second: 36))
        let late = parser.parse("2024-12-31T20:00:00+00:00", field: "x")
        #expect(late.value == CivilDateTime(year: 2025, month: 1, day: 1, hour: 3, minute: 0, second: 0))
    }

    @Test func thaiTextIsBuddhistEra() {
        let d = parser.parse("14 พฤศจิกายน 2560 08:15", field: "period_start_text")
        #expect(d.value == CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 0))
        #expect(d.flags.isEmpty)
        #expect(parser.parse("1 ม.ค. 2567", field: "x").value == CivilDateTime(year: 2024, month: 1, day: 1))
    }

    @Test func slashedDatesPickTheEraByYear() {
        #expect(parser.parse("23/07/2560 04:34:58", field: "x").value
                == CivilDateTime(year: 2017, month: 7, day: 23, hour: 4, minute: 34, second: 58))
        #expect(parser.parse("16/07/2021 11:45:56", field: "x").value?.year == 2021)
    }

    @Test func cardDatesAreCompactBE() {
        #expect(parser.parse("25280315", field: "birth", era: .buddhist).value == CivilDateTime(year: 1985, month: 3, day: 15))
    }

    @Test func doubleConvertedYearIsFlaggedNotFixed() {
        let d = parser.parse("1479-08-02", field: "recorded_datetime")
        #expect(d.value?.year == 1479)
        #expect(d.flags.map(\.kind) == [.doubleConvertedYear])
        #expect(d.flags.first?.detail == "year 1479 looks double-converted (2022?)")
    }

    @Test func buddhistYearInCEFieldIsFlagged() {
        let d = parser.parse("2565-03-01", field: "period_start")
        #expect(d.value?.year == 2565)
        #expect(d.flags.map(\.kind) == [.buddhistYearInGregorianField])
    }

    @Test func gregorianYearInBuddhistFieldIsFlagged() {
        let d = parser.parse("2 สิงหาคม 2022", field: "period_start_text")
        #expect(d.flags.map(\.kind).contains(.gregorianYearInBuddhistField))
    }

    @Test func sentinelsAndEmpties() {
        let s = parser.parse("1970-01-01", field: "onset_datetime")
        #expect(s.value == nil)
        #expect(s.flags.map(\.kind) == [.sentinelDate])
        let e = parser.parse("", field: "period_start")
        #expect(e.value == nil && e.flags.isEmpty)
    }

    @Test func garbageAndImpossibleDays() {
        #expect(parser.parse("yesterday", field: "x").flags.map(\.kind) == [.unparsableDate])
        #expect(parser.parse("2023-02-29", field: "x").flags.map(\.kind) == [.unparsableDate])
        #expect(parser.parse("2024-02-29", field: "x").value != nil)
        #expect(parser.parse("2024-13-01", field: "x").value == nil)
    }

    @Test func futureDatesAreFlagged() {
        #expect(parser.parse("2026-12-30", field: "x").flags.map(\.kind) == [.futureDate])
        #expect(parser.parse("2026-11-25", field: "x").flags.isEmpty)
    }

    /// The one date rule's value: a date is trusted only unflagged; the plausible date puts a
    /// wrongly converted year back (for ordering), and there is no guess for the rest.
    @Test func onlyUnflaggedDatesAreTrustedAndOnlyEraSlipsHaveAPlausibleDate() {
        let cases: [(text: String, trusted: CivilDateTime?, plausible: CivilDateTime?)] = [
            ("2017-11-14T08:15:17", CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17),
             CivilDateTime(year: 2017, month: 11, day: 14, hour: 8, minute: 15, second: 17)),
            ("14 พฤศจิกายน 2560", CivilDateTime(year: 2017, month: 11, day: 14), CivilDateTime(year: 2017, month: 11, day: 14)),
            ("1479-08-02", nil, CivilDateTime(year: 2022, month: 8, day: 2)),          // 543 taken off twice
            ("2561-02-10", nil, CivilDateTime(year: 2018, month: 2, day: 10)),         // BE in a CE field
            ("2 สิงหาคม 2022", nil, CivilDateTime(year: 2022, month: 8, day: 2)),       // CE in a BE field
            ("2563-02-29", nil, CivilDateTime(year: 2020, month: 2, day: 29)),         // a BE leap day is a real day in CE
            ("1479-02-29", nil, nil),                                                   // a day in neither era
            ("2026-12-30", nil, nil),                                                   // future: no guess
            ("1970-01-01", nil, nil), ("", nil, nil), ("yesterday", nil, nil), ("1200-01-01", nil, nil),
        ]
        for c in cases {
            let d = parser.parse(c.text, field: "period_start")
            #expect(d.trusted == c.trusted, "\(c.text): trusted")
            #expect(d.plausible == c.plausible, "\(c.text): plausible")
            #expect(d.isDoubtful == !d.flags.isEmpty)
            #expect(d.guess == (d.isDoubtful ? c.plausible : nil), "\(c.text): guess")
            #expect(d.original == c.text, "kept as sent")
        }
        #expect(CivilDateTime(year: 2024, month: 2, day: 29).addingYears(1) == CivilDateTime(year: 2025, month: 2, day: 28))
    }

    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -800_000, to: 100_000, by: 997) {
            #expect(CivilDateTime(dayNumber: n).dayNumber == n)
        }
        #expect(CivilDateTime(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDateTime(year: 2000, month: 3, day: 1).dayNumber == 11017)
    }

    @Test func thailandClockIsUTCPlus7() {
        let v = CivilDateTime.from(Date(timeIntervalSince1970: 0))
        #expect(v == CivilDateTime(year: 1970, month: 1, day: 1, hour: 7, minute: 0, second: 0))
        #expect(v.date == Date(timeIntervalSince1970: 0))
        #expect(v.buddhistYear == 2513)
    }
}
