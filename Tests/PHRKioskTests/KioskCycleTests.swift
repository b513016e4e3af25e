import Testing
@testable import PHRKiosk

/// The kiosk's cycle, driven by the events a reader and a visit report.
@Suite struct KioskCycleTests {
    @Test func aVisitStartsOnlyWhenACardIsInserted() {
        var cycle = KioskCycle(cardPresent: false)
        #expect(cycle.firstAction == .showInsertCard)
        #expect(cycle.cardPresence(false) == .none)
        #expect(cycle.cardPresence(true) == .readCard)
        #expect(cycle.inVisit)
    }

    @Test func aCardLeftInAfterAVisitMustBeTakenOutBeforeTheNextVisit() {
        var cycle = KioskCycle(cardPresent: false)
        _ = cycle.cardPresence(true)
        #expect(cycle.end(.done) == .wipe(.done))
        #expect(cycle.wiped(cardStillIn: true) == .showTakeYourCard)
        for _ in 0..<100 { #expect(cycle.cardPresence(true) == .none, "the same card never starts a visit by itself") }
        #expect(cycle.cardPresence(false) == .showInsertCard)
        #expect(cycle.cardPresence(true) == .readCard)
    }

    @Test func aCardAlreadyInWhenTheKioskStartsIsAForgottenCard() {
        var cycle = KioskCycle(cardPresent: true)
        #expect(cycle.firstAction == .showTakeYourCard)
        #expect(cycle.cardPresence(true) == .none)
    }

    @Test(arguments: [VisitEnd.timedOut, .cancelled, .failed("x"), .identityNotConfirmed])
    func everyEndingWipesAndWaitsForTheCardToGo(_ end: VisitEnd) {
        var cycle = KioskCycle(cardPresent: false)
        _ = cycle.cardPresence(true)
        _ = cycle.cardRead()
        #expect(cycle.end(end) == .wipe(end))
        #expect(!cycle.inVisit)
        #expect(cycle.wiped(cardStillIn: true) == .showTakeYourCard)
        #expect(cycle.cardPresence(true) == .none)
    }

    @Test func removingTheCardAtAnyStepWipes() {
        var cycle = KioskCycle(cardPresent: false)
        _ = cycle.cardPresence(true)
        #expect(cycle.cardRead() == .logIn)
        #expect(cycle.loggedIn() == .sync)
        #expect(cycle.cardPresence(false) == .wipe(.cardRemoved))
        #expect(cycle.wiped(cardStillIn: false) == .showInsertCard)
    }

    @Test func aMismatchHoldsTheVisitUntilStaffConfirm() {
        var cycle = KioskCycle(cardPresent: false)
        _ = cycle.cardPresence(true)
        _ = cycle.cardRead()
        _ = cycle.loggedIn()
        let found = [IdentityMismatch.name(card: "สมชาย ใจดี", record: "กาญจนา ใจดี")]
        #expect(cycle.synced(found) == .confirmIdentity(found))
        #expect(cycle.staffConfirmed() == .showMenu)
    }

    @Test func aMatchGoesStraightToTheMenu() {
        var cycle = KioskCycle(cardPresent: false)
        _ = cycle.cardPresence(true)
        _ = cycle.cardRead()
        _ = cycle.loggedIn()
        #expect(cycle.synced([]) == .showMenu)
        #expect(cycle.staffConfirmed() == .none, "nothing to confirm")
    }

    @Test func stepsOutOfOrderDoNothing() {
        var cycle = KioskCycle(cardPresent: false)
        #expect(cycle.cardRead() == .none)
        #expect(cycle.loggedIn() == .none)
        #expect(cycle.synced([]) == .none)
        #expect(cycle.end(.done) == .none)
        #expect(cycle.wiped(cardStillIn: false) == .none)
    }
}
