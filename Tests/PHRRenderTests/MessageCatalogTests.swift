import Foundation
import Testing
@testable import PHRRender

/// The message catalog is complete in both languages: every key has an English and a Thai
/// text, the Thai one is written in Thai, and both take the same arguments.
@Suite struct MessageCatalogTests {
    @Test(arguments: Message.allCases)
    func everyMessageHasEnglishAndThaiWithTheSameArguments(message: Message) {
        let (en, th) = message.templates
        #expect(!en.trimmingCharacters(in: .whitespaces).isEmpty, "\(message): no English")
        #expect(!th.trimmingCharacters(in: .whitespaces).isEmpty, "\(message): no Thai")
        #expect(th.unicodeScalars.contains { (0x0E01...0x0E5B).contains($0.value) }, "\(message): the Thai text has no Thai: \(th)")
        #expect(Message.placeholders(en) == Message.placeholders(th), "\(message): arguments differ between the languages")
    }

    @Test func argumentsAreFilledInAndTheDurationSurvivesInThai() {
        #expect(Message.otpLockedOut.text(.th, ["minutes": "15"]).contains("15 นาที"))
        #expect(Message.otpLockedOut.text(.en, ["minutes": "15"]).contains("15 min"))
        #expect(!Message.cidLength.text(.th, ["count": "5"]).contains("{"))
    }
}
